// Where the Chromium for browser tests lives. CHROMIUM_PATH (or CHROME_PATH) wins, so the tests
// run on a laptop with Chrome too; otherwise the first of the usual install paths that exists.
import { existsSync } from 'node:fs'

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

/** @returns {string | undefined} the browser executable, or undefined when none is found */
export function findBrowser(env = process.env) {
  const override = env.CHROMIUM_PATH || env.CHROME_PATH
  if (override) return existsSync(override) ? override : undefined
  return candidates.find((path) => existsSync(path))
}

export const browserHelp =
  'No Chromium found: install it (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chrome or Chromium executable.'

// Flags that keep Chromium quiet on a machine with no network but loopback (without them it
// keeps trying to reach Google's hosts) and let it run as root in a container.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
