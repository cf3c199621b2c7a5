// Runs in Node before the browser tests: starts the loopback servers they talk to and hands the
// URLs over with `provide`; the returned function closes them when the run ends.
import type { TestProject } from 'vitest/node'
import { startEmulator } from '../src/emulator/index.js'
import { startPutServer } from './put-server.js'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const putServer = await startPutServer()
  project.provide('putServerUrl', putServer.url)
  const emulator = await startEmulator({ port: 0 })
  project.provide('emulatorUrl', emulator.url)
  return async () => {
    await putServer.close()
    await emulator.close()
  }
}
