/// <reference types="vite/client" />
// Where the live recipes find the emulator and the Cases backend. `npm start` passes both URLs
// to Storybook as STORYBOOK_* variables; the Storybook tests start their own on free ports and
// pass theirs the same way (stories/live/global-setup.ts).

/** The demo agent's bearer token, which the recipe's `authorize` accepts. Not a secret. */
export const DEMO_AGENT_TOKEN = 'demo-agent'

/** Default ports of `npm start`. */
const DEFAULT_PORTS = { emulator: 4566, casesBackend: 4567, storybook: 6006 } as const

// `import.meta.env` is Vite's; it is absent when Node runs this file in `npm start`.
const env: Record<string, string | undefined> = import.meta.env ?? {}

/** The emulator's base URL. */
export const emulatorUrl: string =
  env.STORYBOOK_EMULATOR_URL || `http://127.0.0.1:${DEFAULT_PORTS.emulator}`

/** The URL `sendViaHttpBackend` posts to. */
export const casesBackendUrl: string =
  env.STORYBOOK_CASES_BACKEND_URL || `http://127.0.0.1:${DEFAULT_PORTS.casesBackend}/attached-files`
