// npm start: the emulator, the Cases backend of the agent-pane recipe and Storybook wired to both,
// on 127.0.0.1. The emulator CLI and the backend are bundled from src with esbuild (well under a
// second, so they always match the source); Storybook compiles the components itself. Everything
// stops on Ctrl+C (SIGINT), SIGTERM or SIGHUP, and as soon as either child process exits; the
// children stop too when this process is killed outright (SIGKILL). It prints one table of the
// URLs in use and one line on how to stop; the children's own banners are left out (the
// emulator's lists its controls: `npx connect-attachments-emulator --help` and the README).
import { spawn } from 'node:child_process'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { build, stop as stopEsbuild } from 'esbuild'

const root = resolve(import.meta.dirname, '..')

const USAGE = `Usage: npm start [-- options]

  --emulator-port N    emulator port (env EMULATOR_PORT; default 4566; 0 = any free port)
  --backend-port N     Cases backend port (env CASES_BACKEND_PORT; default 4567; 0 = any)
  --storybook-port N   Storybook port (env STORYBOOK_PORT; default 6006)
  --scan-delay-ms N    how long files stay PROCESSING before the scan's verdict
                       (env SCAN_DELAY_MS; default 1500; the recipes' fault panel changes it)
  --no-storybook       only the emulator and the Cases backend
  --no-open            do not open a browser on Storybook
  -h, --help           show this help`

const { values } = parseArgs({
  options: {
    'emulator-port': { type: 'string', default: process.env.EMULATOR_PORT ?? '4566' },
    'backend-port': { type: 'string', default: process.env.CASES_BACKEND_PORT ?? '4567' },
    'storybook-port': { type: 'string', default: process.env.STORYBOOK_PORT ?? '6006' },
    'scan-delay-ms': { type: 'string', default: process.env.SCAN_DELAY_MS ?? '1500' },
    'no-storybook': { type: 'boolean', default: false },
    'no-open': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log(USAGE)
  process.exit(0)
}

/** @param {string} name @param {string} text @param {number} [min] */
function port(name, text, min = 0) {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > 65535) {
    console.error(`--${name} must be a port number from ${min}, got ${text}\n\n${USAGE}`)
    process.exit(2)
  }
  return value
}

const ports = {
  emulator: port('emulator-port', values['emulator-port']),
  backend: port('backend-port', values['backend-port']),
  // Storybook takes no port 0 (it would exit at once and stop everything with it).
  storybook: port('storybook-port', values['storybook-port'], 1),
}
const scanDelayMs = port('scan-delay-ms', values['scan-delay-ms'])

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map()
/** @type {{ close(): Promise<void> } | undefined} */
let backend
let stopping = false

/** Stops every child (SIGTERM, then SIGKILL after 5 s) and the backend, then exits. */
async function stop(code) {
  if (stopping) return
  stopping = true
  const exits = [...children.values()].map(
    (child) =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done(undefined)
        child.once('exit', done)
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      }),
  )
  await Promise.all([...exits, backend?.close()])
  process.exit(code)
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.log(`\nStopping (${signal})…`)
    void stop(0)
  })
}
// Last resort: whatever ends this process takes the children with it.
process.once('exit', () => {
  for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL')
})
process.once('uncaughtException', (error) => {
  console.error(error)
  void stop(1)
})

// A process killed with SIGKILL runs no handler, so its children would be left running. A small
// watchdog per child, outside this process, checks every second whether this process is still
// alive; once it is not, it stops the child (SIGTERM, then SIGKILL after 5 s). It exits as soon
// as the child is gone, however that happens.
const watchdog = `
  const [parent, child] = process.argv.slice(1).map(Number)
  const alive = (pid) => { try { process.kill(pid, 0); return true } catch { return false } }
  const timer = setInterval(() => {
    if (!alive(child)) return clearInterval(timer)
    if (alive(parent)) return
    clearInterval(timer)
    process.kill(child, 'SIGTERM')
    setTimeout(() => alive(child) && process.kill(child, 'SIGKILL'), 5000)
  }, 1000)`

/** Spawns `node args…` as a named child whose exit stops everything. */
function startChild(name, args, options = {}) {
  const child = spawn(process.execPath, args, { cwd: root, ...options })
  children.set(name, child)
  spawn(process.execPath, ['-e', watchdog, String(process.pid), String(child.pid)], {
    detached: true,
    stdio: 'ignore',
  }).unref()
  child.once('exit', (code, signal) => {
    if (stopping) return
    console.error(`\n${name} exited (${signal ?? `code ${code}`}); stopping everything.`)
    void stop(code === 0 || code === null ? 1 : code)
  })
  return child
}

/** Bundles the emulator CLI and the Cases backend from src into node_modules/.cache. */
async function bundle() {
  const outdir = join(root, 'node_modules', '.cache', 'connect-attachments')
  mkdirSync(outdir, { recursive: true })
  const entries = {
    'emulator-cli': join(root, 'src/emulator/cli.ts'),
    'cases-backend': join(root, 'stories/live/cases-backend.ts'),
  }
  const { outputFiles } = await build({
    entryPoints: entries,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
    write: false,
  })
  await stopEsbuild()
  // Written aside and renamed, so that a second `npm start` never runs a half-written bundle.
  for (const file of outputFiles) {
    writeFileSync(`${file.path}.${process.pid}`, file.contents)
    renameSync(`${file.path}.${process.pid}`, file.path)
  }
  return {
    emulatorCli: join(outdir, 'emulator-cli.mjs'),
    casesBackend: join(outdir, 'cases-backend.mjs'),
  }
}

/** Starts the emulator CLI and resolves with its URL once it listens; what it prints after its
 * banner is shown. */
function startEmulator(cli) {
  const child = startChild(
    'The emulator',
    [cli, '--port', String(ports.emulator), '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolveUrl, reject) => {
    let text = ''
    let started = false
    child.stdout.on('data', (chunk) => {
      if (started) return void process.stdout.write(chunk)
      text += String(chunk)
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1]
      if (url !== undefined && text.includes('Press Ctrl+C')) {
        started = true
        resolveUrl(url)
      }
    })
    child.once('exit', () => reject(new Error('The emulator did not start.')))
  })
}

/** Storybook's CLI as installed, run with this Node. */
function storybookBin() {
  const require = createRequire(join(root, 'package.json'))
  const manifest = require.resolve('storybook/package.json')
  const { bin } = require(manifest)
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin.storybook)
}

/** Resolves once Storybook answers on its port. */
async function storybookReady(url, child) {
  while (child.exitCode === null && !stopping) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500))
  }
}

// The Cases backend's ConnectClient runs in this process: on a Node before 22 the AWS SDK warns
// that its future releases will need 22. Which Node to use is the README's and `engines`' to
// say (CI runs on 24 and 22), not a demo backend's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const built = await bundle()
const emulatorUrl = await startEmulator(built.emulatorCli)
await fetch(`${emulatorUrl}/_emulator/settings`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ scanDelayMs }),
})
const { startCasesBackend } = await import(pathToFileURL(built.casesBackend).href)
backend = await startCasesBackend({ emulatorUrl, port: ports.backend })

/** @type {[string, string, string][]} */
const rows = [
  [
    'Emulator',
    emulatorUrl,
    `scan delay ${scanDelayMs} ms; SigV4 keys test/test; controls under /_emulator/`,
  ],
  ['Cases backend', backend.url, 'createAttachedFilesHandler + ConnectClient → emulator'],
]
if (!values['no-storybook']) {
  const storybookUrl = `http://127.0.0.1:${ports.storybook}`
  const args = [storybookBin(), 'dev', '--port', String(ports.storybook), '--host', '127.0.0.1']
  args.push('--exact-port', '--no-version-updates', '--loglevel', 'warn')
  if (values['no-open']) args.push('--no-open')
  const child = startChild('Storybook', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      STORYBOOK_EMULATOR_URL: emulatorUrl,
      STORYBOOK_CASES_BACKEND_URL: backend.url,
      // For the stories' test runs from its UI: a failed story's link to debug it (vite.config.ts).
      STORYBOOK_URL: storybookUrl,
    },
  })
  await storybookReady(`${storybookUrl}/`, child)
  rows.unshift(['Storybook', storybookUrl, 'live recipes under Recipes'])
}
const width = (column) => Math.max(...rows.map((row) => row[column].length))
const table = rows.map(
  ([name, url, note]) => `  ${name.padEnd(width(0))}   ${url.padEnd(width(1))}   ${note}`,
)
if (!stopping) {
  console.log(
    `\nconnect-attachments is running:\n\n${table.join('\n')}\n\nCtrl+C stops everything.`,
  )
}
