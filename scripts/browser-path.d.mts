/** The browser executable for the browser tests, or undefined when none is found. */
export function findBrowser(env?: Record<string, string | undefined>): string | undefined
/** One line telling how to get a browser. */
export const browserHelp: string
/** Chromium flags for headless runs on a loopback-only machine, as root. */
export const chromiumArgs: readonly string[]
