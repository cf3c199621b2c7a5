// Values test/browser-global-setup.ts hands to browser tests through `inject()`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local emulator of the AWS side. */
    emulatorUrl: string
    /** Base URL of the scriptable PUT server the transport tests drive. */
    putServerUrl: string
  }
}

export {}
