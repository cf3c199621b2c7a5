// The CLI as a user runs it: a separate Node process, bundled from source with esbuild (next to
// node_modules so its dependencies resolve), started on a free port and stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
let dir: string
let cli: string

beforeAll(async () => {
  dir = mkdtempSync(join(root, 'node_modules', '.emulator-cli-'))
  cli = join(dir, 'cli.mjs')
  await build({
    entryPoints: [join(root, 'src/emulator/cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const firstOutput = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let text = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      text += String(chunk)
      if (text.includes('Press Ctrl+C')) resolve(text)
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)))
  })

describe('connect-attachments-emulator', () => {
  it('prints the URL and the controls, serves them, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output = await firstOutput(child)
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? ''
    expect(url).not.toBe('')
    expect(output).toContain(`POST   ${url}/_emulator/chats`)
    const chat = await (await fetch(`${url}/_emulator/chats`, { method: 'POST' })).json()
    expect(output).not.toContain((chat as { participantToken: string }).participantToken)
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('refuses a port that is not a number', async () => {
    const child = spawn(process.execPath, [cli, '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)))
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2)
    expect(stderr).toContain('--port must be a non-negative integer')
  })
})
