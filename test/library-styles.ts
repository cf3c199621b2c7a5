// styles.css in a browser test, and the media features a test can make Chromium report.
import { cdp } from 'vitest/browser'

// The stylesheet as `connect-attachments/styles.css` concatenates it: the tokens first.
const sheets = import.meta.glob<string>('../src/react/styles/*.css', {
  query: '?raw',
  import: 'default',
  eager: true,
})
export const libraryStyles = Object.entries(sheets)
  .sort(([a], [b]) => Number(!a.endsWith('/tokens.css')) - Number(!b.endsWith('/tokens.css')))
  .map(([, css]) => css)
  .join('\n')

/** Makes Chromium report `value` for the media feature `name` (`''`: the machine's own). */
export const emulateMedia = (
  name: 'prefers-reduced-motion' | 'prefers-color-scheme',
  value: string,
) => cdp().send('Emulation.setEmulatedMedia', { features: [{ name, value }] })
