import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = (env: Record<string, string> = {}) =>
  promisify(execFile)('node', ['scripts/size.mjs'], { env: { ...process.env, ...env } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  )

describe('scripts/size.mjs', () => {
  it('prints the participant, widget and stylesheet figures, and fails past a budget', async () => {
    const over = await run({ SIZE_BUDGET_FACTOR: '0.01' })
    expect(over.code).toBe(1)
    const lines = over.stdout.trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^connect-attachments\/participant.* \d+ B gzipped .*OVER BUDGET/)
    expect(lines[1]).toMatch(/^customer chat widget import.* \d+ B gzipped .*OVER BUDGET/)
    expect(lines[2]).toMatch(/^connect-attachments\/styles\.css: \d+ B gzipped .*OVER BUDGET/)
  })
})
