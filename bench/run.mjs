// `npm run bench`: runs every bench/*.bench.ts in real Chromium and prints one table of figures.
// Each benchmark is bundled for the browser and served from a loopback server; the emulator runs
// here in Node for the ones that upload. A slow figure is not a failure: the exit code is 1 only
// when a benchmark could not run. `npm run bench -- storm` runs the benchmarks whose name matches;
// `compare` is the side-by-side with Uppy (bench/compare.mjs), which runs last; `concurrency`
// (only when named) is our own sweep of 3, 4 and 6 uploads at once. Each step's time goes to
// stderr, so that a slow run shows where it went.
import { build } from 'esbuild'
import { readdir } from 'node:fs/promises'
import { createServer } from 'node:http'
import { basename, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright'
import { browserHelp, chromiumArgs, findBrowser } from '../scripts/browser-path.mjs'
import { bundleCompare, runCompare } from './compare.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const benchDir = join(root, 'bench')
const SUFFIX = '.bench.ts'
// Launching, loading a page, closing: each gets this long. A benchmark's own run gets longer.
const STEP_TIMEOUT_MS = 30_000
const RUN_TIMEOUT_MS = 120_000

// The flags of the browser tests (quiet on a machine with only loopback, root in a container),
// plus exact heap figures for `performance.memory` and a `gc()` to call before reading them.
const launchArgs = [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc']

/** Rejects when `promise` has not settled within `ms`. */
function withTimeout(promise, ms, what) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** The benchmark names (`progress-storm` for bench/progress-storm.bench.ts) that match `filters`. */
async function benchmarkNames(filters) {
  const names = (await readdir(benchDir))
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => file.slice(0, -SUFFIX.length))
  return names.filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
}

/** Bundles each benchmark for the browser, in memory: name → ES module source. */
async function bundlePages(names) {
  const result = await build({
    entryPoints: names.map((name) => join(benchDir, `${name}${SUFFIX}`)),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: join(benchDir, 'out'),
    write: false,
    logLevel: 'warning',
  })
  return new Map(result.outputFiles.map((file) => [basename(file.path, '.bench.js'), file.text]))
}

/**
 * Bundles the emulator for Node and imports it. Its packages (ws, @smithy) stay imports, so the
 * bundle is written inside node_modules, where Node resolves them.
 */
async function importEmulator() {
  const outfile = join(root, 'node_modules', '.cache', 'connect-attachments-bench', 'emulator.mjs')
  await build({
    entryPoints: [join(root, 'src', 'emulator', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  })
  return import(pathToFileURL(outfile).href)
}

const pageHtml = (name) =>
  `<!doctype html><meta charset="utf-8"><title>${name}</title>` +
  `<script type="module">import * as bench from './${name}.js'; window.__bench = bench</script>`

/** Serves `/<name>.html` and `/<name>.js` for each bundle on 127.0.0.1; resolves with its URL. */
function servePages(bundles) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const [, name, kind] = /^\/([\w-]+)\.(html|js)$/.exec(path) ?? []
    const code = name === undefined ? undefined : bundles.get(name)
    if (code === undefined) return void response.writeHead(404).end()
    const type = kind === 'html' ? 'text/html' : 'text/javascript'
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8` })
    response.end(kind === 'html' ? pageHtml(name) : code)
  })
  const close = () => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(() => resolve()))
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close })
    })
  })
}

/** Loads one benchmark's page and returns the rows its `run(config)` reports. */
async function runBenchmark(context, baseUrl, name, config) {
  const page = await context.newPage()
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  try {
    await page.goto(`${baseUrl}/${name}.html`, { timeout: STEP_TIMEOUT_MS })
    await page.waitForFunction(() => window.__bench !== undefined, null, {
      timeout: STEP_TIMEOUT_MS,
    })
    const rows = page.evaluate((given) => window.__bench.run(given), config)
    return await withTimeout(rows, RUN_TIMEOUT_MS, name)
  } catch (error) {
    const seen = pageErrors.length > 0 ? ` (page errors: ${pageErrors.join('; ')})` : ''
    const message = `${name}: ${error instanceof Error ? error.message : error}${seen}`
    throw new Error(message, { cause: error })
  } finally {
    await withTimeout(page.close(), STEP_TIMEOUT_MS, 'closing the page').catch(() => {})
  }
}

/** Prints the rows as aligned columns: benchmark, figure, unit, meaning. */
function printTable(rows) {
  const header = { name: 'benchmark', figure: 'figure', unit: 'unit', meaning: 'what it means' }
  const text = (row) => ({
    ...row,
    figure: typeof row.figure === 'number' ? row.figure.toLocaleString('en-US') : row.figure,
  })
  const lines = [header, ...rows.map(text)]
  const width = (key) => Math.max(...lines.map((line) => String(line[key]).length))
  const [name, figure, unit] = [width('name'), width('figure'), width('unit')]
  for (const line of lines) {
    console.log(
      `${line.name.padEnd(name)}  ${String(line.figure).padStart(figure)}  ` +
        `${line.unit.padEnd(unit)}  ${line.meaning}`,
    )
  }
}

/** Runs `step` and writes how long it took to stderr. */
async function timed(what, step) {
  const started = performance.now()
  try {
    return await step()
  } finally {
    console.error(`bench: ${what} took ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
}

/** Starts the emulator, the page server and Chromium, runs the benchmarks and closes all. */
async function runAll(executablePath, names, { compare, sweep }) {
  // Every bundle at once, before anything is measured.
  const [bundles, { startEmulator }, compared] = await timed('bundling', () =>
    Promise.all([
      bundlePages(names),
      importEmulator(),
      compare || sweep ? bundleCompare() : undefined,
    ]),
  )
  const emulator = await startEmulator({ port: 0 })
  const results = { rows: [], failures: [] }
  let server
  let browser
  try {
    server = await servePages(bundles)
    browser = await chromium.launch({
      executablePath,
      args: launchArgs,
      timeout: STEP_TIMEOUT_MS,
    })
    const context = await browser.newContext()
    for (const name of names) {
      const config = { emulatorUrl: emulator.url }
      await timed(name, () => runBenchmark(context, server.url, name, config)).then(
        (rows) => results.rows.push(...rows),
        (error) => results.failures.push(error.message),
      )
    }
    await context.close()
    if (compare || sweep) {
      await runCompare({ browser, startEmulator, bundled: compared, compare, sweep, timed }).catch(
        (error) =>
          results.failures.push(`compare: ${error instanceof Error ? error.stack : error}`),
      )
    }
  } finally {
    await withTimeout(browser?.close() ?? Promise.resolve(), STEP_TIMEOUT_MS, 'closing Chromium')
    await server?.close()
    await emulator.close()
  }
  return results
}

async function main() {
  const executablePath = findBrowser()
  if (!executablePath) throw new Error(browserHelp)
  const filters = process.argv.slice(2)
  const names = await benchmarkNames(filters)
  const named = (name) => filters.some((filter) => name.includes(filter))
  const compare = filters.length === 0 || named('compare')
  const sweep = filters.length > 0 && named('concurrency')
  if (names.length === 0 && !compare && !sweep)
    throw new Error('No benchmark matches the names given.')
  const started = performance.now()
  const { rows, failures } = await runAll(executablePath, names, { compare, sweep })
  const minutes = (performance.now() - started) / 60_000
  console.error(`bench: everything took ${minutes.toFixed(1)} min`)
  if (rows.length > 0) printTable(rows)
  for (const failure of failures) console.error(`benchmark failed: ${failure}`)
  return failures.length === 0 ? 0 : 1
}

main().then(
  (code) => {
    process.exitCode = code
    // Everything was closed; should some handle still hold the process, do not wait on it.
    setTimeout(() => process.exit(code), 5_000).unref()
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
