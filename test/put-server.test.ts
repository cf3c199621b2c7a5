// The XHR tests' PUT server (test/put-server.ts) in a Node process of its own, bundled from
// source with esbuild next to node_modules: once closed, nothing of it may keep the process
// alive, or the test run that started it waits for its close timeout before it can exit.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(root, 'node_modules', '.put-server-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Starts the server, sends a body it reads at one byte a second (after its first chunk the
// server waits a day before reading on), waits until that chunk arrived, closes the server and
// prints `closed`. The process should then end by itself.
const slowBodyThenClose = `
import { request } from 'node:http'
import { startPutServer } from './test/put-server.ts'
const server = await startPutServer()
const put = request(server.url + '/put/slow?bytesPerSecond=1', { method: 'PUT' })
put.on('error', () => {})
put.end(Buffer.alloc(1024 * 1024))
for (;;) {
  const [entry] = await (await fetch(server.url + '/requests/slow')).json()
  if (entry?.size > 0) break
  await new Promise((resolve) => setTimeout(resolve, 20))
}
await server.close()
console.log('closed')
`

describe('startPutServer', () => {
  it('lets its process exit once closed, while it was pacing a slow body', async () => {
    const script = join(dir, 'slow-body.mjs')
    await build({
      stdin: { contents: slowBodyThenClose, resolveDir: root, loader: 'ts' },
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    })
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    // Once it said `closed`, the process has 10 s to end (it takes milliseconds).
    let timer: NodeJS.Timeout | undefined
    try {
      await expect.poll(() => output, { timeout: 30_000 }).toContain('closed')
      const stillRunning = new Promise<'still running'>((resolve) => {
        timer = setTimeout(() => resolve('still running'), 10_000)
      })
      expect(await Promise.race([exited, stillRunning])).toBe(0)
    } finally {
      clearTimeout(timer)
      child.kill()
    }
  }, 60_000)
})
