import { describe, expect, it } from 'vitest'
import { backoffDelay } from './with-retry.js'

const policy = { baseDelayMs: 500, maxDelayMs: 10_000 }

describe('backoffDelay', () => {
  it('doubles the ceiling with each retry', () => {
    const nearlyOne = () => 0.999_999
    expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, policy, nearlyOne))).toEqual([
      499, 999, 1999, 3999,
    ])
  })

  it('caps the ceiling at the maximum delay', () => {
    expect(backoffDelay(12, policy, () => 0.999_999)).toBe(9999)
  })

  it('draws the delay uniformly from zero to the ceiling (full jitter)', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(0)
    expect(backoffDelay(2, policy, () => 0.25)).toBe(500)
  })
})
