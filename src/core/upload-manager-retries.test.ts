import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AttachmentError } from './errors.js'
import { fileOf, settle, setupManager, useFakeClock } from '../../test/upload-harness.js'

beforeEach(useFakeClock)
afterEach(() => {
  vi.useRealTimers()
})

const serviceError = (status: number, code = 'server') =>
  new AttachmentError(code, `HTTP ${status}`, { status })
const throttled = () => serviceError(429, 'throttled')
const unavailable = () => serviceError(503)
const networkFailure = () => new TypeError('Failed to fetch')
const expired = () => new AttachmentError('url-expired', 'Request has expired', { status: 403 })

// With random fixed at 0.5 and the default policy (base 500 ms), the waits are 250, 500, 1000 ms.
describe('createUploadManager retries', () => {
  it('retries Start on 429, 5xx and network errors with backoff, reusing its client token', async () => {
    const { manager, fake, state } = setupManager()
    fake.failNext('start', throttled(), unavailable(), networkFailure())
    const { ids } = manager.add([fileOf()])
    await settle()
    expect(state(ids[0])).toMatchObject({ status: 'starting', retryAt: Date.now() + 250 })
    expect(state(ids[0]).error?.code).toBe('throttled')
    await vi.advanceTimersByTimeAsync(249)
    expect(fake.calls.start).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fake.calls.start).toHaveLength(2)
    expect(state(ids[0])).toMatchObject({ attempts: 2, retryAt: Date.now() + 500 })
    await vi.advanceTimersByTimeAsync(500 + 1000)
    expect(fake.calls.start).toHaveLength(4)
    expect(new Set(fake.calls.start.map((call) => call.clientToken)).size).toBe(1)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('retries Complete on 5xx and network errors, reusing its client token', async () => {
    const { manager, fake, state } = setupManager()
    fake.failNext('complete', serviceError(500), networkFailure())
    const { ids } = manager.add([fileOf()])
    await vi.runAllTimersAsync()
    expect(fake.calls.complete).toHaveLength(3)
    expect(new Set(fake.calls.complete.map((call) => call.clientToken)).size).toBe(1)
    expect(fake.calls.start).toHaveLength(1)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('fails once the attempts run out, with the last error', async () => {
    const { manager, fake, state } = setupManager({ retry: { attempts: 2 } })
    fake.failNext('start', unavailable(), throttled(), unavailable())
    const { ids } = manager.add([fileOf()])
    await vi.runAllTimersAsync()
    expect(fake.calls.start).toHaveLength(2)
    expect(state(ids[0])).toMatchObject({ status: 'failed', error: { code: 'throttled' } })
  })

  it.each([
    [400, 'invalid-request'],
    [402, 'quota-exceeded'],
    [403, 'access-denied'],
    [409, 'conflict'],
  ])('fails at once on %i from Start or Complete with %s', async (status, code) => {
    const { manager, fake, state } = setupManager()
    fake.failNext('start', serviceError(status, code))
    fake.failNext('complete', serviceError(status, code))
    const { ids } = manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await vi.runAllTimersAsync()
    expect(fake.calls.start).toHaveLength(2)
    expect(fake.calls.complete).toHaveLength(1)
    expect(state(ids[0])).toMatchObject({ status: 'failed', error: { code, status } })
    expect(state(ids[1])).toMatchObject({ status: 'failed', error: { code, status } })
  })

  it('retries the PUT on network errors, 5xx and stalls without a new Start', async () => {
    const { manager, fake, transport, state } = setupManager()
    const stalled = new AttachmentError('timeout', 'stalled', { status: 0 })
    transport.failNext(serviceError(0, 'network'), serviceError(503), stalled)
    const { ids } = manager.add([fileOf()])
    await settle()
    expect(state(ids[0])).toMatchObject({ status: 'uploading', error: { code: 'network' } })
    await vi.runAllTimersAsync()
    expect(transport.puts).toHaveLength(4)
    expect(fake.calls.start).toHaveLength(1)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('drops a progress report held for the frame when the PUT fails into a backoff', async () => {
    const { manager, transport, frames, state } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf()])
    await settle()
    transport.last().progress(500)
    transport.last().fail(unavailable())
    await settle()
    frames.flush()
    // Waiting to PUT again from the first byte: the bar says 0, not the failed attempt's 50 %.
    expect(state(ids[0])).toMatchObject({ status: 'uploading', progress: 0, loaded: 0 })
    expect(state(ids[0]).retryAt).toBe(Date.now() + 250)
    await vi.advanceTimersByTimeAsync(250)
    expect(transport.puts).toHaveLength(2)
    frames.flush()
    expect(state(ids[0])).toMatchObject({ progress: 0, attempts: 2 })
    transport.last().progress(200)
    frames.flush()
    expect(state(ids[0]).progress).toBe(20)
  })

  it.each([
    ['retry(id) after a refused PUT', serviceError(403, 'signature-mismatch'), true],
    ['the PUT to a fresh target after url-expired', expired(), false],
  ])('drops a progress report held for the frame on %s', async (_, failure, manual) => {
    const { manager, transport, frames, state } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf()])
    await settle()
    transport.last().progress(500)
    transport.last().fail(failure)
    await settle()
    if (manual) manager.retry(ids[0] ?? '')
    await settle()
    expect(transport.puts).toHaveLength(2)
    frames.flush()
    expect(state(ids[0])).toMatchObject({ status: 'uploading', progress: 0, loaded: 0 })
  })

  it('does not retry a PUT refused for its signature', async () => {
    const { manager, transport, state } = setupManager()
    transport.failNext(serviceError(403, 'signature-mismatch'))
    const { ids } = manager.add([fileOf()])
    await vi.runAllTimersAsync()
    expect(transport.puts).toHaveLength(1)
    expect(state(ids[0])).toMatchObject({ status: 'failed', error: { code: 'signature-mismatch' } })
  })
})

describe('createUploadManager expiry', () => {
  it('gets a fresh target from a new Start after url-expired, and succeeds', async () => {
    const { manager, fake, transport, state } = setupManager()
    transport.failNext(expired())
    const { ids } = manager.add([fileOf()])
    await settle()
    const [first, second] = fake.calls.start
    expect(second?.clientToken).toBeDefined()
    expect(second?.clientToken).not.toBe(first?.clientToken)
    expect(transport.puts[1]?.request.url).toContain('attachment-2')
    expect(fake.calls.complete.map((call) => call.target.id)).toEqual(['attachment-2'])
    expect(state(ids[0])).toMatchObject({ status: 'succeeded', remoteId: 'attachment-2' })
  })

  it('fails with url-expired after two fresh targets also expire', async () => {
    const { manager, fake, transport, state } = setupManager()
    transport.failNext(expired(), expired(), expired())
    const { ids } = manager.add([fileOf()])
    await vi.runAllTimersAsync()
    expect(fake.calls.start).toHaveLength(3)
    expect(fake.calls.complete).toHaveLength(0)
    expect(state(ids[0])).toMatchObject({ status: 'failed', error: { code: 'url-expired' } })
  })

  it('asks for a fresh target when the URL expired during a backoff', async () => {
    const { manager, fake, transport, state } = setupManager({
      retry: { baseDelayMs: 120_000, maxDelayMs: 120_000 },
      adapterOptions: { urlLifetimeMs: 60_000 },
    })
    transport.failNext(unavailable())
    const { ids } = manager.add([fileOf()])
    await settle()
    await vi.advanceTimersByTimeAsync(60_000) // the wait is half of 120 s
    expect(fake.calls.start).toHaveLength(2)
    expect(transport.puts.map((put) => put.request.url.includes('attachment-2'))).toEqual([
      false,
      true,
    ])
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('tries a fresh target once even when the local clock says it has expired', async () => {
    const { manager, fake, transport, state } = setupManager({
      adapterOptions: { urlLifetimeMs: -60_000 }, // a client clock a minute ahead of AWS's
    })
    const { ids } = manager.add([fileOf()])
    await settle()
    expect(fake.calls.start).toHaveLength(1)
    expect(transport.puts).toHaveLength(1)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('lets S3 judge a URL whose expiry is centuries away, and gets a fresh one when S3 says expired', async () => {
    const { manager, fake, transport, state } = setupManager({
      adapterOptions: { urlLifetimeMs: Date.parse('9999-12-31T23:59:59Z') - Date.now() },
    })
    transport.failNext(expired())
    const { ids } = manager.add([fileOf()])
    await vi.runAllTimersAsync()
    expect(fake.calls.start).toHaveLength(2)
    expect(transport.last().request.url).toContain('attachment-2')
    expect(state(ids[0])).toMatchObject({ status: 'succeeded', remoteId: 'attachment-2' })
  })

  it('reuses an unexpired target on retry(id), and asks for a new one once it expired', async () => {
    const { manager, fake, transport, state } = setupManager()
    transport.failNext(serviceError(403, 'access-denied'), serviceError(403, 'access-denied'))
    const { ids } = manager.add([fileOf()])
    const id = ids[0] ?? ''
    await settle()
    expect(state(id).status).toBe('failed')
    manager.retry(id)
    await settle()
    expect(fake.calls.start).toHaveLength(1) // same attachment, same URL
    expect(transport.puts.map((put) => put.request.url)).toEqual([
      expect.stringContaining('attachment-1'),
      expect.stringContaining('attachment-1'),
    ])
    await vi.advanceTimersByTimeAsync(10 * 60_000) // the URL (300 s) expires while it sits
    manager.retry(id)
    await settle()
    expect(fake.calls.start).toHaveLength(2)
    expect(transport.last().request.url).toContain('attachment-2')
    expect(state(id)).toMatchObject({ status: 'succeeded', remoteId: 'attachment-2' })
  })

  it('gets a fresh target for a file that waited in the queue past its URL expiry', async () => {
    // No deadline: b.pdf's Start is held for ten minutes on purpose.
    const { manager, fake, transport, state } = setupManager({ concurrency: 1, callTimeoutMs: 0 })
    transport.failNext(serviceError(403, 'access-denied'))
    const a = manager.add([fileOf('a.pdf')]).ids[0] ?? ''
    await settle()
    expect(state(a).status).toBe('failed')
    const blocker = fake.holdNext('start')
    const b = manager.add([fileOf('b.pdf')]).ids[0] ?? ''
    await settle()
    manager.retry(a) // a.pdf keeps its target and waits behind b.pdf
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(state(a).status).toBe('queued')
    blocker.release()
    await settle()
    const startsOfA = fake.calls.start.filter((call) => call.file.name === 'a.pdf')
    expect(startsOfA).toHaveLength(2)
    expect(startsOfA[1]?.clientToken).not.toBe(startsOfA[0]?.clientToken)
    expect(transport.last().request.url).toContain('attachment-3')
    expect(state(b).status).toBe('succeeded')
    expect(state(a)).toMatchObject({ status: 'succeeded', remoteId: 'attachment-3' })
  })
})

describe('createUploadManager manual retry', () => {
  it('keeps the Start token after a failure whose outcome is unknown', async () => {
    const { manager, fake, state } = setupManager({ retry: { attempts: 1 } })
    fake.failNext('start', unavailable())
    const { ids } = manager.add([fileOf()])
    await settle()
    expect(state(ids[0]).status).toBe('failed')
    manager.retry(ids[0] ?? '')
    await settle()
    expect(fake.calls.start[1]?.clientToken).toBe(fake.calls.start[0]?.clientToken)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('uses a new Start token after a definite refusal', async () => {
    const { manager, fake, state } = setupManager()
    fake.failNext('start', serviceError(402, 'quota-exceeded'))
    const { ids } = manager.add([fileOf()])
    await settle()
    manager.retry(ids[0] ?? '')
    await settle()
    expect(fake.calls.start[1]?.clientToken).not.toBe(fake.calls.start[0]?.clientToken)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('resumes at Complete, with its token, when only Complete failed', async () => {
    const { manager, fake, transport, state } = setupManager({ retry: { attempts: 1 } })
    fake.failNext('complete', unavailable())
    const { ids } = manager.add([fileOf()])
    await settle()
    expect(state(ids[0])).toMatchObject({ status: 'failed', progress: 100 })
    manager.retry(ids[0] ?? '')
    expect(state(ids[0]).status).toBe('completing')
    await settle()
    expect(fake.calls.start).toHaveLength(1)
    expect(transport.puts).toHaveLength(1)
    expect(fake.calls.complete[1]?.clientToken).toBe(fake.calls.complete[0]?.clientToken)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('ignores retry(id) for an upload that has not failed', async () => {
    const { manager, fake } = setupManager()
    const { ids } = manager.add([fileOf()])
    await settle()
    manager.retry(ids[0] ?? '')
    await settle()
    expect(fake.calls.start).toHaveLength(1)
  })
})

describe('createUploadManager offline', () => {
  it('attempts nothing while offline and resumes the queue on online', async () => {
    const { manager, fake, online, statuses } = setupManager({ startOffline: true })
    manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fake.calls.start).toHaveLength(0)
    expect(statuses()).toEqual(['queued', 'queued'])
    online.set(true)
    await settle()
    expect(statuses()).toEqual(['succeeded', 'succeeded'])
  })

  it('marks every upload not yet over offline while the network is gone, and publishes it', async () => {
    const { manager, fake, online, state } = setupManager({ concurrency: 1 })
    const held = fake.holdNext('start')
    const [first = '', second = ''] = manager.add([fileOf('a.pdf'), fileOf('b.pdf')]).ids
    await settle()
    const heard = vi.fn()
    manager.subscribe(heard)
    online.set(false)
    expect(heard).toHaveBeenCalled()
    expect(state(first)).toMatchObject({ status: 'starting', offline: true })
    expect(state(second)).toMatchObject({ status: 'queued', offline: true })
    // A file added meanwhile waits for the network too.
    const [third = ''] = manager.add([fileOf('c.pdf')]).ids
    expect(state(third)).toMatchObject({ status: 'queued', offline: true })
    // The Start in flight answers; the PUT waits for the network, still marked.
    held.release()
    await settle()
    expect(state(first)).toMatchObject({ status: 'uploading', offline: true })

    online.set(true)
    expect(state(first).offline).toBeUndefined()
    expect(state(second).offline).toBeUndefined()
    await settle()
    expect(manager.getSnapshot().ids.map((id) => state(id).status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ])
  })

  it('leaves a finished upload unmarked while offline, and drops the mark from one canceled offline', async () => {
    const { manager, online, state } = setupManager()
    const [done = ''] = manager.add([fileOf('a.pdf')]).ids
    await settle()
    online.set(false)
    const [waiting = ''] = manager.add([fileOf('b.pdf')]).ids
    manager.cancel(waiting)
    expect(state(done)).toMatchObject({ status: 'succeeded' })
    expect(state(done).offline).toBeUndefined()
    expect(state(waiting)).toMatchObject({ status: 'canceled' })
    expect(state(waiting).offline).toBeUndefined()
  })

  it('holds a retry whose backoff ends while offline until the network is back', async () => {
    const { manager, fake, online, state } = setupManager()
    fake.failNext('start', unavailable())
    const { ids } = manager.add([fileOf()])
    await settle()
    online.set(false)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fake.calls.start).toHaveLength(1)
    expect(state(ids[0]).status).toBe('starting')
    online.set(true)
    await settle()
    expect(fake.calls.start).toHaveLength(2)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('waits for the network before the PUT when it drops during Start', async () => {
    const { manager, fake, transport, online, state } = setupManager()
    const held = fake.holdNext('start')
    const { ids } = manager.add([fileOf()])
    await settle()
    online.set(false)
    held.release()
    await settle()
    expect(transport.puts).toHaveLength(0)
    expect(state(ids[0]).status).toBe('uploading')
    online.set(true)
    await settle()
    expect(state(ids[0]).status).toBe('succeeded')
  })
})
