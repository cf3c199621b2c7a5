import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fileOf, settle, setupManager, useFakeClock } from '../../test/upload-harness.js'

beforeEach(useFakeClock)
afterEach(() => {
  vi.useRealTimers()
})

// The fake adapter's held calls ignore their signal, as a request lost in a dead connection
// does. With random fixed at 0.5 and the default policy, the backoffs are 250, 500, 1000 ms.
describe('createUploadManager deadlines', () => {
  it('ends a Start that never answers as {timeout} after 30 s and retries it with its token', async () => {
    const { manager, fake, state } = setupManager()
    fake.holdNext('start')
    const [id] = manager.add([fileOf()]).ids
    await vi.advanceTimersByTimeAsync(29_999)
    expect(state(id)).toMatchObject({ status: 'starting', attempts: 1 })
    expect(state(id).error).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(state(id)).toMatchObject({
      status: 'starting',
      error: { code: 'timeout' },
      retryAt: Date.now() + 250,
    })
    expect(fake.calls.start[0]?.signal.aborted).toBe(true)
    await vi.advanceTimersByTimeAsync(250)
    expect(fake.calls.start).toHaveLength(2)
    expect(fake.calls.start[1]?.clientToken).toBe(fake.calls.start[0]?.clientToken)
    await vi.runAllTimersAsync()
    expect(state(id).status).toBe('succeeded')
  })

  it('ends a Complete that never answers as {timeout} and retries it with its token', async () => {
    const { manager, fake, state } = setupManager({ callTimeoutMs: 5000 })
    fake.holdNext('complete')
    const [id] = manager.add([fileOf()]).ids
    await vi.advanceTimersByTimeAsync(5000)
    expect(state(id)).toMatchObject({ status: 'completing', error: { code: 'timeout' } })
    await vi.runAllTimersAsync()
    expect(state(id).status).toBe('succeeded')
    expect(fake.calls.start).toHaveLength(1)
    expect(fake.calls.complete).toHaveLength(2)
    expect(new Set(fake.calls.complete.map((call) => call.clientToken)).size).toBe(1)
  })

  it('fails a file whose Starts all hang with {timeout}, freeing its slot, and a manual retry keeps its Start token', async () => {
    const { manager, fake, state } = setupManager({ concurrency: 1 })
    for (let i = 0; i < 4; i++) fake.holdNext('start')
    const [hung, next] = manager.add([fileOf('hung.pdf'), fileOf('next.pdf')]).ids
    // Four tries of 30 s each and the three backoffs between them.
    await vi.advanceTimersByTimeAsync(4 * 30_000 + 250 + 500 + 1000 - 1)
    expect(fake.calls.start.map((call) => call.file.name)).toEqual(Array(4).fill('hung.pdf'))
    expect(state(next).status).toBe('queued')
    await vi.advanceTimersByTimeAsync(1)
    expect(state(hung)).toMatchObject({ status: 'failed', error: { code: 'timeout' } })
    await settle()
    expect(fake.calls.start[4]?.file.name).toBe('next.pdf')
    await vi.runAllTimersAsync()
    expect(state(next).status).toBe('succeeded')

    // Later the service answers again: the same token gets back the attachment the lost
    // requests may have created, rather than a second one.
    manager.retry(hung!)
    await vi.runAllTimersAsync()
    expect(state(hung).status).toBe('succeeded')
    const tokens = fake.calls.start.filter((call) => call.file.name === 'hung.pdf')
    expect(tokens).toHaveLength(5)
    expect(new Set(tokens.map((call) => call.clientToken)).size).toBe(1)
  })

  it('waits as long as it takes with callTimeoutMs 0', async () => {
    const { manager, fake, state } = setupManager({ callTimeoutMs: 0 })
    const held = fake.holdNext('start')
    const [id] = manager.add([fileOf()]).ids
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(state(id)).toMatchObject({ status: 'starting', attempts: 1 })
    held.release()
    await vi.runAllTimersAsync()
    expect(state(id).status).toBe('succeeded')
  })
})
