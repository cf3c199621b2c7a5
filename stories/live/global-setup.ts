// Global setup of the storybook vitest project: the live recipes' play functions upload real
// files, so the run gets its own emulator and Cases backend on free ports. Their URLs reach the
// stories as STORYBOOK_* variables, which Vite reads from process.env when it serves the stories.
import { startEmulator } from '../../src/emulator/index.js'
import { startCasesBackend } from './cases-backend.js'

export default async function setup(): Promise<() => Promise<void>> {
  // A scan that takes a moment, so the recipes' tests see PROCESSING before APPROVED.
  const emulator = await startEmulator({ port: 0, scanDelayMs: 300 })
  const backend = await startCasesBackend({ emulatorUrl: emulator.url })
  process.env.STORYBOOK_EMULATOR_URL = emulator.url
  process.env.STORYBOOK_CASES_BACKEND_URL = backend.url
  return async () => {
    await backend.close()
    await emulator.close()
  }
}
