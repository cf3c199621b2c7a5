// What test/components-page.tsx needs before the rest of its page runs, so it imports this first:
// the document's Content Security Policy violations, recorded from the start, and the hook
// Vitest's browser mode calls for each dynamic import() in the modules it serves, which a frame
// of the test page does not have (Vitest gives its own workers the same pass-through).

/** Each violation as `<directive> <blocked URI> at <source>:<line>`. */
export const violations: string[] = []

document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(
    `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
  )
})

const scope = globalThis as { __vitest_browser_runner__?: unknown }
scope.__vitest_browser_runner__ ??= { wrapDynamicImport: (load: () => unknown) => load() }
