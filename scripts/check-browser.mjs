// Fails `npm test` at once, with one line, when the browser tests have no browser to run in.
import { browserHelp, findBrowser } from './browser-path.mjs'

if (!findBrowser()) {
  console.error(browserHelp)
  process.exit(1)
}
