// The README's chat widget, run as an app runs it: its block (as compiled by the pack smoke test)
// bundled with esbuild against the packed package and amazon-connect-chatjs 5, served from
// 127.0.0.1, given a connected CUSTOMER session on the packed emulator, and used in Chromium: a
// file picked through its attach button must end uploaded, once, with its bytes.
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright'
import { browserHelp, chromiumArgs, findBrowser } from './browser-path.mjs'

// What the README leaves to the app: chatjs pointed at the emulator, a session from the chat's
// details (an app gets them from its backend's StartChatContact), and the widget rendered.
const main = (widgetModule) => `
import 'amazon-connect-chatjs'
import { createRoot } from 'react-dom/client'
import { ChatWidget } from './${widgetModule}'

const params = new URLSearchParams(location.search)
const chatjs = (globalThis as unknown as { connect: any }).connect
chatjs.ChatSession.setGlobalConfig({
  region: 'us-east-1',
  endpoint: params.get('endpoint'),
  loggerConfig: { useDefaultLogger: false },
})
const session = chatjs.ChatSession.create({
  chatDetails: {
    ContactId: params.get('contactId'),
    ParticipantId: params.get('participantId'),
    ParticipantToken: params.get('participantToken'),
  },
  options: { region: 'us-east-1' },
  type: 'CUSTOMER',
  disableCSM: true,
})
await session.connect()
createRoot(document.getElementById('root')!).render(<ChatWidget session={session} transcript={[]} />)
`

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>README chat widget</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="main.css"></head>
<body><main id="root"></main><script type="module" src="main.js"></script></body></html>`

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

/** Serves `dir`'s files on 127.0.0.1 (a free port) until closed. */
async function serve(dir) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const file = path === '/' ? 'index.html' : path.slice(1)
    try {
      const body = readFileSync(join(dir, file))
      response.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
      })
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((closed) => server.close(closed)),
  }
}

/**
 * Runs the README block that defines `ChatWidget` (`dir/widgetFile`, already written) in
 * Chromium; throws with what went wrong. `consumer` is the app the packed package is installed in.
 */
export async function runReadmeWidget({ consumer, dir, widgetFile }) {
  const executablePath = findBrowser()
  if (executablePath === undefined) throw new Error(browserHelp)
  writeFileSync(join(dir, 'main.tsx'), main(widgetFile))
  writeFileSync(join(dir, 'index.html'), page)
  await build({
    entryPoints: [join(dir, 'main.tsx')],
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  })

  const emulatorEntry = join(consumer, 'node_modules/connect-attachments/dist/emulator/index.js')
  const { startEmulator } = await import(pathToFileURL(emulatorEntry).href)
  const emu = await startEmulator({ port: 0 })
  const site = await serve(dir)
  const browser = await chromium.launch({ executablePath, args: chromiumArgs })
  try {
    const chat = emu.createChat()
    const tab = await browser.newPage()
    const problems = []
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    tab.on('console', (message) => {
      if (message.type() === 'error')
        problems.push(`console error: ${message.text()} (${message.location().url})`)
    })
    const query = new URLSearchParams({
      endpoint: emu.url,
      contactId: chat.contactId,
      participantId: chat.participantId,
      participantToken: chat.participantToken,
    })
    await tab.goto(`${site.url}/?${query}`)
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64 * 1024)])
    const name = 'quick-start.pdf'
    const input = tab.locator('.ca-attachment-button input[type=file]')
    await input.waitFor({ state: 'attached', timeout: 60_000 })
    await input.setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes })
    await tab
      .locator('.ca-upload-list__row[data-status="succeeded"]')
      .waitFor({ timeout: 60_000 })
      .catch(async (error) => {
        const list = await tab
          .locator('.ca-upload-list')
          .textContent({ timeout: 1000 })
          .catch(() => null)
        const seen = list === null ? error.message : `the list reads “${list}”`
        throw new Error(`the upload did not succeed: ${[seen, ...problems].join('; ')}`)
      })
    const started = emu.attachments().filter((attachment) => attachment.name === name)
    if (started.length !== 1) throw new Error(`${started.length} attachments named ${name}`)
    const [attachment] = started
    const stored = emu.objects().find((object) => object.key === attachment.key)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    if (stored?.sha256 !== sha256) throw new Error('the stored bytes differ from the picked file')
    if (problems.length > 0) throw new Error(problems.join('; '))
  } finally {
    await browser.close()
    await site.close()
    await emu.close()
  }
}
