import { execFileSync, spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const script = new URL('../scripts/check-browser.mjs', import.meta.url).pathname

describe('scripts/check-browser.mjs', () => {
  it('fails at once with one line saying how to get a browser when none is found', () => {
    const result = spawnSync(process.execPath, [script], {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    })
    expect(result.status).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/apt-get install -y chromium/)
    expect(lines[0]).toMatch(/CHROMIUM_PATH/)
  })

  it('passes quietly when CHROMIUM_PATH names an existing executable', () => {
    const output = execFileSync(process.execPath, [script], {
      env: { ...process.env, CHROMIUM_PATH: process.execPath },
      encoding: 'utf8',
    })
    expect(output).toBe('')
  })
})
