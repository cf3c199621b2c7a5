// Every story in the static Storybook build (`npm run build-storybook`), as a team that publishes
// it sees it: built, served from 127.0.0.1, and each story opened in Chromium, once in the default
// globals and once dark and right to left. A story fails when Storybook shows its error screen,
// its play function throws, the preview's own checks fail it (console output, axe), the page
// throws, or the console logs an error. The vitest storybook projects check the same stories in
// the dev server, where Storybook runs them inside React's act(); a static build does not, so a
// play function that relies on it passes there and fails here.
//
//   node scripts/static-stories.mjs [--no-build] [--only <text in the story id>]
//
// `--no-build` reuses storybook-static/ as it is. Part of `npm test`.
import { spawn } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright'
import { browserHelp, chromiumArgs, findBrowser } from './browser-path.mjs'

const root = resolve(import.meta.dirname, '..')
const outDir = join(root, 'storybook-static')

const { values: options } = parseArgs({
  options: { 'no-build': { type: 'boolean', default: false }, only: { type: 'string' } },
})

/** The passes: Storybook's `globals` URL parameter for each (names as in .storybook/preview.tsx). */
const passes = [
  { name: 'default', globals: '' },
  { name: 'dark rtl', globals: 'theme:dark;dir:rtl' },
]

/**
 * How long one story may take to load, render and play. Sized for a loaded 2-core machine: the
 * slowest run (AttachmentLink › Refresh hangs, which waits out a deadline) took 6.5 s at load
 * average 10; the summary line names the slowest of each run.
 */
const STORY_TIMEOUT_MS = 60_000

/** Stories open two at a time, one page per core of the machine this suite is sized for. */
const CONCURRENCY = 2

// The preview's channel events that say how a story went (storybook/internal/core-events).
// `storyFinished` comes last, after the play function and the afterEach hooks (our console check,
// axe); `storyMissing` ends a story that never renders.
const watchedEvents = [
  'storyErrored',
  'storyThrewException',
  'playFunctionThrewException',
  'unhandledErrorsWhilePlaying',
  'storyMissing',
  'storyFinished',
]

/**
 * Runs in the page before Storybook: the preview installs its channel as
 * `globalThis.__STORYBOOK_ADDONS_CHANNEL__`, and a setter on that slot listens to it from its first
 * event. Each event is kept as plain data in `__staticStoryEvents` for the script to read.
 */
function watchChannel(names) {
  const events = []
  window.__staticStoryEvents = events
  const plain = (value) => {
    if (value instanceof Error) return { name: value.name, message: value.message }
    try {
      return JSON.parse(JSON.stringify(value))
    } catch {
      return String(value)
    }
  }
  const summarize = (name, args) => {
    if (name !== 'storyFinished') return args.map(plain)
    // Only what failed of the reports (axe's full results are large).
    const [{ storyId, status, reporters = [] }] = args
    const failed = reporters
      .filter((report) => report.status === 'failed')
      .map((report) => ({
        type: report.type,
        violations: (report.result?.violations ?? []).map((violation) => violation.id),
      }))
    return [{ storyId, status, failed }]
  }
  let slot
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => slot,
    set(channel) {
      slot = channel
      if (!channel || channel.__staticStoriesWatched) return
      channel.__staticStoriesWatched = true
      for (const name of names) {
        channel.on(name, (...args) => events.push({ name, args: summarize(name, args) }))
      }
    },
  })
}

/** `npm run build-storybook`, its output shown only when it fails. */
function build() {
  return new Promise((done, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const child = spawn(npm, ['run', 'build-storybook'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0
        ? done()
        : reject(new Error(`npm run build-storybook exited with ${code}:\n${output}`)),
    )
  })
}

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mdx': 'text/markdown; charset=utf-8',
}

/** A static server for `dir` on 127.0.0.1, on a free port. Closed with `close()`. */
async function serve(dir) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const file = resolve(dir, `.${path.endsWith('/') ? `${path}index.html` : path}`)
    const info = file.startsWith(dir + sep) ? await stat(file).catch(() => undefined) : undefined
    if (!info?.isFile()) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      // Kept by the browser for the run: each story's page loads the same preview scripts.
      'cache-control': 'max-age=3600',
    })
    createReadStream(file).pipe(response)
  })
  await new Promise((done, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', done)
  })
  const { port } = server.address()
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

/**
 * Opens one story and resolves with what went wrong (empty when it passed). A static build has no
 * emulator: requests that leave the server's origin (the live recipes' probe) are refused, as
 * they would be on a host with no emulator, so that one started on this machine changes nothing.
 */
async function runStory(context, origin, story, pass) {
  const problems = []
  const logged = []
  const page = await context.newPage()
  const url = `${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story${
    pass.globals ? `&globals=${pass.globals}` : ''
  }`
  page.on('pageerror', (error) => logged.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const source = message.location().url
    // Chromium's own line for a refused request names that request's URL: not our code's output.
    if (message.text().startsWith('Failed to load resource') && !source.startsWith(origin)) return
    logged.push(`console error: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) logged.push(`HTTP ${response.status()} for ${response.url()}`)
  })
  try {
    await page.addInitScript(watchChannel, watchedEvents)
    await page.route(
      (target) => !target.href.startsWith(`${origin}/`),
      (route) => route.abort('connectionrefused'),
    )
    await page.goto(url, { timeout: STORY_TIMEOUT_MS })
    const done = await page
      .waitForFunction(
        () =>
          window.__staticStoryEvents?.some(
            (event) => event.name === 'storyFinished' || event.name === 'storyMissing',
          ),
        undefined,
        { timeout: STORY_TIMEOUT_MS, polling: 100 },
      )
      .then(
        () => true,
        () => false,
      )
    const events = await page.evaluate(() => window.__staticStoryEvents ?? [])
    problems.push(...describeEvents(events))
    if (!done) problems.push(`did not finish within ${STORY_TIMEOUT_MS / 1000} s`)
    const errorScreen = await page.evaluate(() =>
      document.body.classList.contains('sb-show-errordisplay'),
    )
    if (errorScreen) {
      const shown = await page.locator('#error-message').textContent()
      problems.push(`Storybook's error screen is shown: ${oneLine(shown)}`)
    }
    // With no emulator, a live recipe says what to run (stories/live/live-recipe.tsx).
    if (story.tags?.includes('live')) {
      const notice = page.getByRole('heading', { name: 'This recipe needs the local emulator' })
      if (!(await notice.isVisible()))
        problems.push('does not show its "needs the emulator" notice')
    }
  } catch (error) {
    problems.push(`could not be opened: ${error.message}`)
  } finally {
    await page.close()
  }
  // The story's own failures (its play function's) first: they say the most. A console line is
  // cut at its first line (the rest is a stack).
  return [...problems, ...logged.map((line) => oneLine(line.split('\n')[0]))]
}

/** A message as one line of plain text: no colour codes, whitespace collapsed, 300 characters. */
const oneLine = (text) =>
  String(text ?? '')
    // eslint-disable-next-line no-control-regex -- the terminal's colour codes in expect()'s messages
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300)

/** One line for each event that says the story failed. */
function describeEvents(events) {
  return events.flatMap(({ name, args: [detail] }) => {
    switch (name) {
      case 'storyMissing':
        return ['is missing from the build']
      case 'storyErrored':
        return [`failed to render: ${oneLine(detail?.title)} ${oneLine(detail?.description)}`]
      case 'storyThrewException':
        return [`threw: ${oneLine(detail?.message)}`]
      case 'playFunctionThrewException':
        return [`play function failed: ${oneLine(detail?.message)}`]
      case 'unhandledErrorsWhilePlaying':
        return [`unhandled errors while playing: ${oneLine(detail?.message)}`]
      case 'storyFinished':
        return detail?.status === 'success'
          ? []
          : detail?.failed?.length
            ? detail.failed.map(
                (report) => `${report.type} check failed: ${report.violations.join(', ')}`,
              )
            : ['finished with status error']
      default:
        return []
    }
  })
}

async function main() {
  const executablePath = findBrowser()
  if (!executablePath) throw new Error(browserHelp)
  const started = Date.now()
  if (!options['no-build']) await build()
  const built = Date.now()
  const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8'))
  const stories = Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .filter((entry) => !options.only || entry.id.includes(options.only))
  if (stories.length === 0) {
    throw new Error(
      `storybook-static/index.json lists no story${options.only ? ` whose id contains ${options.only}` : ''}`,
    )
  }

  const server = await serve(outDir)
  const browser = await chromium.launch({ executablePath, args: [...chromiumArgs] })
  const failures = []
  const slowest = { ms: 0, name: '' }
  try {
    for (const pass of passes) {
      const context = await browser.newContext({ colorScheme: 'light' })
      try {
        const queue = [...stories]
        const worker = async () => {
          for (let story = queue.shift(); story; story = queue.shift()) {
            const start = Date.now()
            const problems = await runStory(context, server.origin, story, pass)
            const ms = Date.now() - start
            if (ms > slowest.ms) Object.assign(slowest, { ms, name: `${story.id} [${pass.name}]` })
            if (problems.length === 0) continue
            // One line for each failing story; what else went wrong below it, indented.
            const [first, ...more] = problems
            const line = `FAIL [${pass.name}] ${story.title} › ${story.name} (${story.id}): ${first}`
            console.error([line, ...more.map((problem) => `    ${problem}`)].join('\n'))
            failures.push(line)
          }
        }
        await Promise.all(Array.from({ length: CONCURRENCY }, worker))
      } finally {
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }

  const seconds = (ms) => `${Math.round(ms / 1000)} s`
  const timing = `build ${seconds(built - started)}, stories ${seconds(Date.now() - built)}, slowest ${slowest.name} ${(slowest.ms / 1000).toFixed(1)} s`
  const count = `${stories.length} ${stories.length === 1 ? 'story' : 'stories'}`
  const runs = `${stories.length * passes.length} runs: ${passes.map((pass) => pass.name).join(', ')}`
  if (failures.length > 0) {
    console.error(
      `${failures.length} of ${stories.length * passes.length} story runs failed in the static build (${count}, ${runs}); ${timing}`,
    )
    process.exitCode = 1
  } else {
    console.log(`${count} passed in the static build (${runs}); ${timing}`)
  }
}

main().catch((error) => {
  console.error(error.message)
  process.exitCode = 1
})
