import { afterEach, describe, expect, it, vi } from 'vitest'
import { AttachmentError } from './errors.js'
import { alwaysOnline } from './online.js'
import { createFakeOnline } from '../../test/fake-online.js'
import { withRetry } from './with-retry.js'

const policy = { baseDelayMs: 500, maxDelayMs: 10_000 }

afterEach(() => {
  vi.useRealTimers()
})

/**
 * The waits withRetry reports before each retry of a call that always fails with a retryable
 * error, over `attempts` tries, with `random` as its random source. The clock reads 0, so a
 * backoff's `retryAt` is its wait; the waits themselves pass on fake timers.
 */
async function waits(random: () => number, attempts: number): Promise<number[]> {
  vi.useFakeTimers()
  const reported: number[] = []
  const failing = withRetry(
    () => Promise.reject(new AttachmentError('server', 'server', { status: 500 })),
    { retry: { ...policy, attempts }, random, now: () => 0, online: alwaysOnline },
    new AbortController().signal,
    (event) => {
      if (event.type === 'backoff') reported.push(event.retryAt)
    },
  ).catch((error: unknown) => error)
  await vi.runAllTimersAsync()
  expect(await failing).toMatchObject({ code: 'server' })
  return reported
}

describe('withRetry backoff', () => {
  it('doubles the ceiling with each retry', async () => {
    expect(await waits(() => 0.999_999, 5)).toEqual([499, 999, 1999, 3999])
  })

  it('caps the ceiling at the maximum delay', async () => {
    expect((await waits(() => 0.999_999, 14)).at(-1)).toBe(9999)
  })

  it('draws the delay uniformly from zero to the ceiling (full jitter)', async () => {
    expect((await waits(() => 0, 4))[2]).toBe(0)
    expect((await waits(() => 0.25, 4))[2]).toBe(500)
  })
})

describe('withRetry offline', () => {
  const options = { retry: { ...policy, attempts: 4 }, random: Math.random, now: Date.now }

  it('makes its first try on the next online signal and no sooner', async () => {
    const online = createFakeOnline(false)
    let calls = 0
    const call = async () => (calls += 1)
    const result = withRetry(call, { ...options, online }, new AbortController().signal, () => {})
    online.set(false)
    await Promise.resolve()
    expect(calls).toBe(0)
    online.set(true)
    expect(await result).toBe(1)
    expect(online.listeners).toBe(0)
  })

  it('throws without a try and stops listening when the signal aborts while offline', async () => {
    const online = createFakeOnline(false)
    const controller = new AbortController()
    let calls = 0
    const call = async () => (calls += 1)
    const result = withRetry(call, { ...options, online }, controller.signal, () => {})
    controller.abort(new Error('stop'))
    await expect(result).rejects.toThrow('stop')
    expect(calls).toBe(0)
    expect(online.listeners).toBe(0)
  })
})
