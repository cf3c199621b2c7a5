// `npm start` without Storybook, as a user runs it: a separate Node process with the emulator as
// its child and the Cases backend inside it, on free ports. It must serve both, and leave no
// process behind when stopped with Ctrl+C, when its emulator dies, or when it is killed outright.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')

interface Started {
  child: ChildProcess
  output: () => string
  emulatorUrl: string
  backendUrl: string
  exited: Promise<number | null>
}

function start(): Promise<Started> {
  const args = [
    'scripts/start.mjs',
    '--no-storybook',
    '--emulator-port',
    '0',
    '--backend-port',
    '0',
  ]
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  const exited = new Promise<number | null>((done) => child.once('exit', done))
  return new Promise((done, reject) => {
    const read = (chunk: Buffer) => {
      text += String(chunk)
      const emulatorUrl = /Emulator\s+(http:\S+)/.exec(text)?.[1]
      const backendUrl = /Cases backend\s+(http:\S+)/.exec(text)?.[1]
      if (emulatorUrl && backendUrl) {
        done({ child, output: () => text, emulatorUrl, backendUrl, exited })
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    void exited.then((code) => reject(new Error(`exited with ${code}: ${text}`)))
  })
}

// Linux lists a process's children in /proc; elsewhere these checks are skipped.
const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number)
const isRunning = (pid: number): boolean => existsSync(`/proc/${pid}`)

const answers = async (url: string): Promise<boolean> =>
  fetch(url, { method: 'OPTIONS' }).then(
    () => true,
    () => false,
  )

describe.skipIf(process.platform !== 'linux')('scripts/start.mjs', () => {
  it.concurrent(
    'serves the emulator and the Cases backend, prints their URLs quietly, and stops both on SIGINT',
    async () => {
      const started = await start()
      // One aligned table of the URLs in use and one line on how to stop: no child's banner, no
      // warning (the AWS SDK's about Node versions included).
      const text = started.output()
      const rows = text.split('\n').filter((line) => /^ {2}(Emulator|Cases backend) /.test(line))
      expect(rows).toHaveLength(2)
      expect(new Set(rows.map((row) => row.indexOf('http://'))).size).toBe(1)
      expect(rows[0]).toContain(started.emulatorUrl)
      expect(text.match(/Ctrl\+C/g)).toEqual(['Ctrl+C'])
      expect(text).toContain('Ctrl+C stops everything.')
      expect(text).not.toMatch(/warn|listening on/i)
      const [emulator] = childrenOf(started.child.pid ?? 0)
      const kase = (await (
        await fetch(`${started.emulatorUrl}/_emulator/cases`, { method: 'POST' })
      ).json()) as { instanceId: string; associatedResourceArn: string }
      const call = (authorization?: string) =>
        fetch(started.backendUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: 'http://localhost:6006',
            ...(authorization ? { authorization } : {}),
          },
          body: JSON.stringify({
            operation: 'BatchGetAttachedFileMetadata',
            input: {
              InstanceId: kase.instanceId,
              AssociatedResourceArn: kase.associatedResourceArn,
              FileIds: ['missing'],
            },
          }),
        })
      const relayed = await call('Bearer demo-agent')
      expect(relayed.status).toBe(200)
      expect(relayed.headers.get('access-control-allow-origin')).toBe('http://localhost:6006')
      expect(await relayed.json()).toMatchObject({ Files: [], Errors: [{ FileId: 'missing' }] })
      expect((await call()).status).toBe(403)

      started.child.kill('SIGINT')
      expect(await started.exited).toBe(0)
      expect(emulator !== undefined && isRunning(emulator)).toBe(false)
      expect(await answers(started.emulatorUrl)).toBe(false)
      expect(await answers(started.backendUrl)).toBe(false)
    },
    60_000,
  )

  it.concurrent(
    'stops everything, failing, when the emulator dies',
    async () => {
      const started = await start()
      const [emulator] = childrenOf(started.child.pid ?? 0)
      process.kill(emulator ?? 0, 'SIGKILL')
      expect(await started.exited).toBe(1)
      expect(started.output()).toContain('The emulator exited (SIGKILL); stopping everything.')
      expect(await answers(started.backendUrl)).toBe(false)
    },
    60_000,
  )

  it.concurrent(
    'leaves no emulator running when it is itself killed with SIGKILL',
    async () => {
      const started = await start()
      const [emulator] = childrenOf(started.child.pid ?? 0)
      expect(emulator !== undefined && isRunning(emulator)).toBe(true)
      expect(await answers(started.emulatorUrl)).toBe(true)
      started.child.kill('SIGKILL')
      expect(await started.exited).toBe(null)
      // The watchdog looks once a second; give it a few.
      for (let tries = 0; tries < 50 && isRunning(emulator ?? 0); tries += 1) {
        await new Promise((done) => setTimeout(done, 200))
      }
      expect(isRunning(emulator ?? 0)).toBe(false)
      expect(await answers(started.emulatorUrl)).toBe(false)
    },
    60_000,
  )
})

describe('scripts/start.mjs options', () => {
  it('refuses Storybook port 0 at once, with the reason, and starts nothing', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--storybook-port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let text = ''
    child.stderr?.on('data', (chunk: Buffer) => (text += String(chunk)))
    const code = await new Promise<number | null>((done) => child.once('exit', done))
    expect(code).toBe(2)
    expect(text).toContain('--storybook-port must be a port number from 1, got 0')
  })
})
