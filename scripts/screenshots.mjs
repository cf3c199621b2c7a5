// npm run screenshots: the README's pictures, taken from the live recipes so they stay current.
// Runs `npm start` on free ports (emulator, Cases backend, Storybook dev server), drives the
// recipes in Chromium with Playwright and writes PNGs into docs/. Not part of `npm test`.
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright'
import { browserHelp, chromiumArgs, findBrowser } from './browser-path.mjs'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'docs')

/** A port nothing listens on right now. */
const freePort = () =>
  new Promise((done, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => done(port))
    })
    server.once('error', reject)
  })

/** Starts scripts/start.mjs and resolves with its Storybook and emulator URLs once ready. */
async function startAll() {
  const args = ['scripts/start.mjs', '--no-open', '--emulator-port', '0', '--backend-port', '0']
  args.push('--storybook-port', String(await freePort()), '--scan-delay-ms', '1500')
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((done, reject) => {
    let text = ''
    child.stdout.on('data', (chunk) => {
      text += String(chunk)
      const storybook = /Storybook\s+(http:\S+)/.exec(text)?.[1]
      const emulator = /Emulator\s+(http:\S+)/.exec(text)?.[1]
      if (storybook && emulator && text.includes('connect-attachments is running')) {
        done({ child, storybook, emulator })
      }
    })
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${text}`)))
  })
}

const story = (base, id) => `${base}/iframe.html?id=${id}&viewMode=story`

// Storybook's dev server runs each story's play function when the story opens: the recipes'
// play functions send the files, and these steps wait for the state they leave.
async function customerChat(page, { storybook, emulator }) {
  await page.goto(story(storybook, 'recipes-customer-chat-widget--walked-through'))
  const chat = page.locator('.recipe-chat')
  const transcript = page.getByRole('log', { name: 'Conversation' })
  await transcript
    .getByRole('img', { name: 'annotated-screenshot.png' })
    .waitFor({ timeout: 60_000 })
  const message = page.getByRole('textbox', { name: 'Message' })
  await message.fill('Thanks! That fixed it.')
  await message.press('Enter')
  await transcript.getByText('Thanks! That fixed it.').waitFor()

  // The upload list in progress: a 16 MB file over a 1 MB/s link, caught part way. Both faults
  // of the panel's "Slow network" preset, so that the panel shows it switched on.
  await page.getByRole('button', { name: 'Slow network (1 MB/s)' }).click()
  await page.getByRole('button', { name: 'Slow network (1 MB/s)', pressed: true }).waitFor()
  await page.getByRole('button', { name: 'Send a 16 MB file' }).click()
  const bar = chat.locator('.ca-upload-list [role="progressbar"]').first()
  await page.waitForFunction(
    (element) => Number(element?.getAttribute('aria-valuenow')) >= 45,
    await bar.elementHandle(),
    { timeout: 60_000 },
  )
  await chat
    .locator('.ca-upload-list')
    .screenshot({ path: join(out, 'upload-list-in-progress.png') })
  await page.locator('.recipe-layout').screenshot({ path: join(out, 'customer-chat-recipe.png') })
  await fetch(`${emulator}/_emulator/faults`, { method: 'DELETE' })
}

async function agentCases(page, { storybook }) {
  await page.goto(story(storybook, 'recipes-agent-ccp-pane--agent-ccp-pane'))
  const files = page.getByRole('list', { name: 'Case files' })
  await files.locator('.ca-attached-file-card[data-status="deleted"]').waitFor({ timeout: 60_000 })
  await page.getByRole('button', { name: 'Upload a test virus file (EICAR)' }).click()
  await files.locator('.ca-attached-file-card[data-status="rejected"]').waitFor()
  await page
    .getByRole('tabpanel', { name: 'Case files' })
    .screenshot({ path: join(out, 'agent-pane-case-files.png') })
}

// The chat recipe as a customer on a phone sees it: 360 px wide, in dark, after the recipe's
// own play function has sent its files and the agent's screenshot has arrived.
async function phoneDark(browser, { storybook }) {
  const page = await browser.newPage({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
  })
  page.setDefaultNavigationTimeout(180_000)
  const id = 'recipes-customer-chat-widget--walked-through'
  await page.goto(`${story(storybook, id)}&globals=theme:dark`)
  await page
    .getByRole('log', { name: 'Conversation' })
    .getByRole('img', { name: 'annotated-screenshot.png' })
    .waitFor({ timeout: 60_000 })
  await page.locator('.recipe-chat').screenshot({ path: join(out, 'customer-chat-phone-dark.png') })
  await page.close()
}

const executablePath = findBrowser()
if (executablePath === undefined) {
  console.error(browserHelp)
  process.exit(1)
}
mkdirSync(out, { recursive: true })
const servers = await startAll()
const browser = await chromium.launch({ executablePath, args: [...chromiumArgs] })
try {
  const page = await browser.newPage({
    viewport: { width: 1100, height: 820 },
    deviceScaleFactor: 1,
  })
  // Vite bundles the stories' dependencies on the first visit: minutes on a busy machine.
  page.setDefaultNavigationTimeout(180_000)
  await customerChat(page, servers)
  await agentCases(page, servers)
  await phoneDark(browser, servers)
  console.log(
    'Wrote docs/upload-list-in-progress.png, docs/customer-chat-recipe.png, docs/agent-pane-case-files.png and docs/customer-chat-phone-dark.png',
  )
} finally {
  await browser.close()
  servers.child.kill('SIGTERM')
}
