// Accessibility checks with axe-core, the engine behind most a11y tooling. jsdom has no layout,
// so color contrast is left to the real-browser checks; every other rule runs.
import axe from 'axe-core'
import { expect } from 'vitest'

/** The axe violations in `root`, as `rule: target` lines so a failure says what and where. */
export async function axeViolations(root: Element, options: { contrast?: boolean } = {}) {
  const results = await axe.run(root, {
    rules: {
      'color-contrast': { enabled: options.contrast ?? false },
      // WCAG 2.5.3 (label in name): axe ships it as experimental, off unless asked for.
      'label-content-name-mismatch': { enabled: true },
    },
    resultTypes: ['violations'],
  })
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
  )
}

/** Fails the test with every axe violation found in `root`. */
export async function expectNoAxeViolations(root: Element, options: { contrast?: boolean } = {}) {
  expect(await axeViolations(root, options)).toEqual([])
}
