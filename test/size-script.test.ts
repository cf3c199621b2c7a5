import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)('node', ['scripts/size.mjs', ...args], {
    env: { ...process.env, ...env },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  )

interface Check {
  name: string
  passed: boolean
  size: number
  sizeLimit: number
}

describe('scripts/size.mjs', () => {
  it('checks the widget, case pane, participant and stylesheet figures, and fails past a budget', async () => {
    const over = await run(['--json'], { SIZE_BUDGET_FACTOR: '0.01' })
    expect(over.code).toBe(1)
    const checks = JSON.parse(over.stdout) as Check[]
    expect(checks.map((check) => check.name)).toEqual([
      'customer chat widget import, our own code',
      'case pane import, our own code',
      'connect-attachments/participant, its own code',
      'connect-attachments/styles.css',
    ])
    for (const check of checks) {
      expect(check.size).toBeGreaterThan(check.sizeLimit)
      expect(check.passed).toBe(false)
    }
  })

  it('passes within the budgets, the widget at its ratchet (78 × 256 B), and lists modules', async () => {
    const within = await run(['--modules', '--json'])
    expect(within.code).toBe(0)
    // --modules prints what each module adds to the widget first, then size-limit its figures.
    expect(within.stdout).toMatch(/^ +\d+ B {2}src\/core\/upload-manager\.ts$/m)
    const checks = JSON.parse(within.stdout.slice(within.stdout.indexOf('\n['))) as Check[]
    expect(checks[0]?.sizeLimit).toBe(19_968)
    expect(checks.every((check) => check.passed)).toBe(true)
  })
})
