// Side by side: our drop-in (AttachmentsProvider, UploadList, AttachmentDropzone, styles.css)
// and Uppy 6's inline Dashboard with @uppy/aws-s3, each on a React 19 production build (with
// profiling, to count commits), uploading the same files picked through its own file input to
// the emulator. Each run is a fresh browser context and page; the two libraries take turns
// (interleaved, the first of each pair alternating) and the table shows medians. Main-thread
// busy time is Chromium's own (CDP Performance.getMetrics: TaskDuration, ScriptDuration), and
// every file is checked in the emulator's record: started once, completed once, stored.
// Commits are React's on our page and Preact's on Uppy's (its Dashboard renders in Preact).
// Our concurrency, 3, 4 and 6 uploads at once on loopback and with each PUT capped, runs only
// when asked for (`npm run bench -- concurrency`): it chose the default, and doubles the run.
import { build } from 'esbuild'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stylesSource } from '../scripts/build-styles.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const RUNS = 5
const SWEEP_RUNS = 3
const KiB = 1024
const MiB = 1024 * KiB
const RUN_TIMEOUT_MS = 120_000

const scenarios = [
  { name: '20 files × 1 MiB at once', count: 20, bytes: MiB },
  { name: 'one 50 MiB file', count: 1, bytes: 50 * MiB, bare: true },
  { name: '200 files × 10 KiB at once', count: 200, bytes: 10 * KiB },
]
// A phone-like link: each PUT read at 128 KiB/s (the emulator caps each request, not the sum).
const sweep = {
  loopback: { name: '20 files × 1 MiB, loopback', count: 20, bytes: MiB },
  capped: { name: '10 files × 256 KiB, 128 KiB/s per PUT', count: 10, bytes: 256 * KiB },
  capBytesPerSecond: 128 * KiB,
  concurrencies: [3, 4, 6],
}

/** The three pages, bundled as production React. */
export async function bundleCompare() {
  const result = await build({
    entryPoints: ['ours-page.tsx', 'uppy-page.tsx', 'bare-page.ts'].map((file) =>
      join(root, 'bench', 'compare', file),
    ),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: join(root, 'bench', 'out'),
    write: false,
    logLevel: 'warning',
  })
  const code = new Map(result.outputFiles.map((file) => [basename(file.path, '.js'), file.text]))
  const uppyCss = await Promise.all(
    ['core', 'dashboard'].map((name) =>
      readFile(join(root, 'node_modules', '@uppy', name, 'dist', 'style.min.css'), 'utf8'),
    ),
  )
  const css = { 'ours-page': stylesSource(), 'uppy-page': uppyCss.join('\n'), 'bare-page': '' }
  return { code, css }
}

// React's production build tells a devtools hook of every commit: this one only counts them (the
// profiling build would count through <Profiler>, but its performance-track logging costs more
// the more components a library renders in React, which would skew the busy time).
const commitCounter =
  'window.__commits=0;window.__REACT_DEVTOOLS_GLOBAL_HOOK__={supportsFiber:true,' +
  'inject:()=>1,onCommitFiberRoot(){window.__commits++},onCommitFiberUnmount(){},' +
  'onPostCommitFiberRoot(){},checkDCE(){}}'

function serve({ code, css }) {
  const html = (name) =>
    `<!doctype html><meta charset="utf-8"><title>${name}</title><style>${css[name]}</style>` +
    `<script>${commitCounter}</script>` +
    `<div id="root"></div><script type="module">import * as page from './${name}.js'; window.__page = page</script>`
  const server = createServer((request, response) => {
    const [, name, kind] = /^\/([\w-]+)\.(html|js)$/.exec(request.url ?? '') ?? []
    if (!code.has(name)) return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': `text/${kind === 'js' ? 'javascript' : 'html'}` })
    response.end(kind === 'js' ? code.get(name) : html(name))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => {
          server.closeAllConnections()
          return new Promise((done) => server.close(() => done()))
        },
      }),
    )
  })
}

/** Writes each scenario's files once (PDFs of zeros), so every run picks the same ones. */
async function writeFiles(dir, { name, count, bytes }) {
  const folder = join(dir, name.replace(/\W+/g, '-'))
  const { mkdir } = await import('node:fs/promises')
  await mkdir(folder)
  const body = Buffer.alloc(bytes)
  const paths = Array.from({ length: count }, (_, i) => join(folder, `file-${i}.pdf`))
  await Promise.all(paths.map((path) => writeFile(path, body)))
  return paths
}

async function connectionToken(emulator) {
  const chat = emulator.createChat()
  const response = await fetch(`${emulator.url}/participant/connection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-bearer': chat.participantToken },
    body: JSON.stringify({ Type: ['CONNECTION_CREDENTIALS'] }),
  })
  const body = await response.json()
  return { contactId: chat.contactId, token: body.ConnectionCredentials.ConnectionToken }
}

/** Whether every file was started once, completed once and stored, and no other. */
function verify(emulator, contactId, paths) {
  const mine = emulator.attachments().filter((a) => a.contactId === contactId)
  const names = mine.map((a) => a.name).sort()
  const expected = paths.map((path) => basename(path)).sort()
  const once = mine.every((a) => a.starts === 1 && a.completes === 1 && a.stored)
  if (!once || names.join() !== expected.join()) {
    throw new Error(
      `${contactId}: ${mine.length} attachments for ${paths.length} files, ` + `once each: ${once}`,
    )
  }
}

const metric = (metrics, name) => metrics.find((m) => m.name === name)?.value ?? 0

/** One run of one page: a fresh context, the files picked, the figures. */
async function runPage({ browser, server, emulator }, page, paths, concurrency) {
  const context = await browser.newContext()
  try {
    const tab = await context.newPage()
    const errors = []
    tab.on('pageerror', (error) => errors.push(error.message))
    const cdp = await context.newCDPSession(tab)
    await cdp.send('Performance.enable')
    await tab.goto(`${server.url}/${page}.html`)
    await tab.waitForFunction(() => window.__page !== undefined)
    const { contactId, token } = await connectionToken(emulator)
    const config = { emulatorUrl: emulator.url, connectionToken: token, expected: paths.length }
    if (concurrency !== undefined) config.concurrency = concurrency
    await tab.evaluate((given) => window.__page.mount(given), config)
    await tab.locator('input[type=file]').first().waitFor({ state: 'attached' })
    const before = (await cdp.send('Performance.getMetrics')).metrics
    await tab.locator('input[type=file]').first().setInputFiles(paths)
    const figures = await tab
      .evaluate(
        (ms) =>
          Promise.race([
            window.__page.done(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms)),
          ]),
        RUN_TIMEOUT_MS,
      )
      .catch((error) => {
        throw new Error(`${page}, ${paths.length} files: ${error.message}`)
      })
    const after = (await cdp.send('Performance.getMetrics')).metrics
    const heapBytes = await tab.evaluate(() => {
      globalThis.gc?.()
      return performance.memory?.usedJSHeapSize ?? Number.NaN
    })
    if (errors.length > 0) throw new Error(`${page}: ${errors.join('; ')}`)
    verify(emulator, contactId, paths)
    const seconds = (name) => metric(after, name) - metric(before, name)
    return {
      ...figures,
      busyMs: seconds('TaskDuration') * 1000,
      scriptMs: seconds('ScriptDuration') * 1000,
      heapMiB: heapBytes / MiB,
    }
  } finally {
    await context.close()
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const medians = (runs) =>
  Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(runs.map((r) => r[key]))]))

function printTable(header, rows) {
  const lines = [header, ...rows].map((row) => row.map(String))
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i].length)))
  for (const line of lines) {
    console.log(
      line
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  '),
    )
  }
}

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const ratio = (a, b) => fixed(a / b, 2)

/** The three scenarios, ours and Uppy's pages taking turns (and the bare XHR for one file). */
async function sideBySide(env, dir, log) {
  const results = []
  for (const scenario of scenarios) {
    const started = performance.now()
    const paths = await writeFiles(dir, scenario)
    const pages = ['ours-page', 'uppy-page', ...(scenario.bare ? ['bare-page'] : [])]
    const runs = Object.fromEntries(pages.map((page) => [page, []]))
    for (let run = 0; run < RUNS; run += 1) {
      // Interleaved, and who goes first alternates, so a slow spell hurts both alike.
      const order = run % 2 === 0 ? pages : [...pages].reverse()
      for (const page of order) runs[page].push(await runPage(env, page, paths))
      const line = pages.map((p) => `${p} ${fixed(runs[p].at(-1).busyMs)} ms busy`).join(', ')
      log(`compare: ${scenario.name}, run ${run + 1} of ${RUNS}: ${line}`)
    }
    results.push({ scenario, ...Object.fromEntries(pages.map((p) => [p, medians(runs[p])])) })
    log(`compare: ${scenario.name} took ${fixed((performance.now() - started) / 1000, 1)} s`)
  }
  console.log(`\nSide by side, medians of ${RUNS} runs (ours / Uppy 6.3 Dashboard + aws-s3):`)
  printTable(
    [
      'scenario',
      'busy ms',
      'ratio',
      'script ms',
      'ratio',
      'wall ms',
      'ratio',
      'commits, React / Preact',
      'longest task ms',
      'heap MiB',
    ],
    results.map(({ scenario, 'ours-page': o, 'uppy-page': u }) => [
      scenario.name,
      `${fixed(o.busyMs)} / ${fixed(u.busyMs)}`,
      ratio(o.busyMs, u.busyMs),
      `${fixed(o.scriptMs)} / ${fixed(u.scriptMs)}`,
      ratio(o.scriptMs, u.scriptMs),
      `${fixed(o.wallMs)} / ${fixed(u.wallMs)}`,
      ratio(o.wallMs, u.wallMs),
      `${fixed(o.commits)} / ${fixed(u.commits)}`,
      `${fixed(o.longestTaskMs)} / ${fixed(u.longestTaskMs)}`,
      `${fixed(o.heapMiB, 1)} / ${fixed(u.heapMiB, 1)}`,
    ]),
  )
  for (const { scenario, 'ours-page': o, 'bare-page': b } of results) {
    if (!b) continue
    const speed = (r) => (scenario.count * scenario.bytes) / MiB / (r.wallMs / 1000)
    console.log(
      `${scenario.name}: ours ${fixed(speed(o))} MiB/s, bare XHR ${fixed(speed(b))} MiB/s ` +
        `(${ratio(speed(o), speed(b))}× the bare XHR)`,
    )
  }
  return results
}

/** Our page alone at 3, 4 and 6 uploads at once, on loopback and with each PUT capped. */
async function concurrencySweep(env, dir, log) {
  const { emulator } = env
  const sweepRows = []
  for (const [link, scenario] of [
    ['loopback', sweep.loopback],
    ['capped', sweep.capped],
  ]) {
    const paths = await writeFiles(dir, scenario)
    if (link === 'capped')
      emulator.faults.set('PutObject', {
        bytesPerSecond: sweep.capBytesPerSecond,
        times: Infinity,
      })
    const runs = Object.fromEntries(sweep.concurrencies.map((c) => [c, []]))
    for (let run = 0; run < SWEEP_RUNS; run += 1) {
      for (const c of run % 2 === 0 ? sweep.concurrencies : [...sweep.concurrencies].reverse())
        runs[c].push(await runPage(env, 'ours-page', paths, c))
      log(`compare: concurrency, ${scenario.name}, run ${run + 1} of ${SWEEP_RUNS}`)
    }
    emulator.faults.clear()
    for (const c of sweep.concurrencies) {
      const m = medians(runs[c])
      sweepRows.push([scenario.name, c, fixed(m.wallMs), fixed(m.busyMs), fixed(m.commits)])
    }
  }
  console.log(`\nOur concurrency, medians of ${SWEEP_RUNS} runs:`)
  printTable(['files, link', 'at once', 'wall ms', 'busy ms', 'commits'], sweepRows)
}

/**
 * Runs the side-by-side scenarios (`compare`) and the concurrency sweep (`sweep`), printing a
 * table for each; `bundled` is what {@link bundleCompare} made, `timed(what, step)` times a step.
 */
export async function runCompare({
  browser,
  startEmulator,
  bundled,
  compare = true,
  sweep: sweeping = false,
  timed = (_, step) => step(),
  log = console.error,
}) {
  // Room for every run's files in one chat, and for the 50 MiB file (Connect allows up to 100 MB
  // per instance; the chat's default is 20 MB).
  const emulator = await startEmulator({
    port: 0,
    maxAttachmentsPerChat: 100_000,
    maxFileSizeBytes: 100 * MiB,
  })
  const server = await serve(await (bundled ?? bundleCompare()))
  const dir = await mkdtemp(join(tmpdir(), 'connect-attachments-compare-'))
  const env = { browser, server, emulator }
  try {
    const results = compare ? await timed('compare', () => sideBySide(env, dir, log)) : []
    if (sweeping) await timed('concurrency', () => concurrencySweep(env, dir, log))
    return results
  } finally {
    await server.close()
    await emulator.close()
    await rm(dir, { recursive: true, force: true })
  }
}
