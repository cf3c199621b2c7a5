import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { callWithDeadline, DEFAULT_CALL_TIMEOUT_MS, isPastDeadline } from './deadline.js'
import { AttachmentError, isRetryable } from './errors.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A call that never answers and ignores its signal, recording the signal it was given. */
function hanging() {
  const seen: AbortSignal[] = []
  const call = (signal: AbortSignal) => {
    seen.push(signal)
    return new Promise<never>(() => {})
  }
  return { call, seen }
}

/** The error a promise rejects with, or `undefined` while it has not. */
function outcome(promise: Promise<unknown>) {
  const result: { error?: unknown; settled: boolean } = { settled: false }
  promise.then(
    () => (result.settled = true),
    (error: unknown) => Object.assign(result, { error, settled: true }),
  )
  return result
}

describe('callWithDeadline', () => {
  it('fails with a retryable {timeout} at the deadline, although the call ignores its signal', async () => {
    const { call, seen } = hanging()
    const result = outcome(callWithDeadline('StartUpload', 1000, undefined, call))
    await vi.advanceTimersByTimeAsync(999)
    expect(result.settled).toBe(false)
    expect(seen[0]?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(result.error).toMatchObject({ code: 'timeout', status: 0 })
    expect((result.error as Error).message).toContain('StartUpload')
    expect(isRetryable(result.error)).toBe(true)
    // The call is told to stop, so a fetch behind it lets its connection go.
    expect(seen[0]?.aborted).toBe(true)
    expect(seen[0]?.reason).toBe(result.error)
    expect(isPastDeadline(result.error)).toBe(true)
  })

  it('tells its own timeout from a timeout the call reports', async () => {
    const reported = new AttachmentError('timeout', 'Request timeout', { status: 408 })
    const result = outcome(
      callWithDeadline('GetFile', 1000, undefined, () => Promise.reject(reported)),
    )
    await vi.advanceTimersByTimeAsync(0)
    expect(result.error).toBe(reported)
    expect(isPastDeadline(reported)).toBe(false)
    expect(isPastDeadline(undefined)).toBe(false)
  })

  it("fails at once with the caller's reason when the caller aborts, and aborts the call", async () => {
    const { call, seen } = hanging()
    const caller = new AbortController()
    const result = outcome(callWithDeadline('GetFile', 1000, caller.signal, call))
    const reason = new AttachmentError('aborted', 'Upload canceled')
    caller.abort(reason)
    await vi.advanceTimersByTimeAsync(0)
    expect(result.error).toBe(reason)
    expect(seen[0]?.reason).toBe(reason)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('does not call at all when the caller has already aborted', async () => {
    const call = vi.fn(async () => 'answer')
    const caller = new AbortController()
    caller.abort(new Error('gone'))
    const result = outcome(callWithDeadline('GetFile', 1000, caller.signal, call))
    await vi.advanceTimersByTimeAsync(0)
    expect(result.error).toMatchObject({ message: 'gone' })
    expect(call).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('passes an answer or a failure through, and leaves no timer or listener behind', async () => {
    const caller = new AbortController()
    const remove = vi.spyOn(caller.signal, 'removeEventListener')
    const signals: AbortSignal[] = []
    await expect(
      callWithDeadline('StartUpload', 1000, caller.signal, async (signal) => {
        signals.push(signal)
        return 'answer'
      }),
    ).resolves.toBe('answer')
    const refused = new AttachmentError('invalid-request', 'no')
    await expect(
      callWithDeadline('StartUpload', 1000, caller.signal, () => Promise.reject(refused)),
    ).rejects.toBe(refused)
    expect(vi.getTimerCount()).toBe(0)
    expect(remove).toHaveBeenCalledTimes(2)
    // An answered call's signal is left alone: nothing was cut short.
    expect(signals[0]?.aborted).toBe(false)
  })

  it('fails like a rejection when the call throws before returning a promise', async () => {
    const bug = new TypeError('not a function')
    const call = (): Promise<never> => {
      throw bug
    }
    await expect(callWithDeadline('GetFile', 1000, undefined, call)).rejects.toBe(bug)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('sets no deadline for 0', async () => {
    const { call } = hanging()
    const result = outcome(callWithDeadline('GetFile', 0, undefined, call))
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10 * DEFAULT_CALL_TIMEOUT_MS)
    expect(result.settled).toBe(false)
  })
})
