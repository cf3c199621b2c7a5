import { afterEach, describe, expect, it, vi } from 'vitest'
import { randomToken } from './run-upload.js'

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('randomToken', () => {
  it('returns distinct v4 UUIDs', () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken))
    expect(tokens.size).toBe(50)
    for (const token of tokens) expect(token).toMatch(uuidV4)
  })

  it('builds a v4 UUID from getRandomValues where randomUUID is missing (plain http pages)', () => {
    const real = globalThis.crypto
    const getRandomValues = vi.fn((array: Uint8Array) => real.getRandomValues(array))
    vi.stubGlobal('crypto', { getRandomValues })
    const first = randomToken()
    expect(first).toMatch(uuidV4)
    expect(randomToken()).not.toBe(first)
    expect(getRandomValues).toHaveBeenCalledTimes(2)
  })
})
