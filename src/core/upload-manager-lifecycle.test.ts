import v8 from 'node:v8'
import vm from 'node:vm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AttachmentError, isRetryable } from './errors.js'
import { fileOf, settle, setupManager, useFakeClock } from '../../test/upload-harness.js'
import type { UploadRules } from './types.js'

beforeEach(useFakeClock)
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const MB = 1024 * 1024
const serverError = () => new AttachmentError('server', 'down', { status: 503 })

describe('UploadManager lifecycle', () => {
  it('uploads each file exactly once across a StrictMode-shaped mount, unmount and mount', async () => {
    const { manager, fake, statuses } = setupManager({ disposeOnUnmount: true })
    manager.mount()
    manager.unmount()
    manager.mount()
    const { ids } = manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await vi.advanceTimersByTimeAsync(10)
    expect(ids).toHaveLength(2)
    expect(statuses()).toEqual(['succeeded', 'succeeded'])
    expect(fake.calls.start.map((call) => call.file.name)).toEqual(['a.pdf', 'b.pdf'])
    expect(fake.calls.complete).toHaveLength(2)
    expect(manager.isDisposed()).toBe(false)
    manager.add([fileOf('c.pdf')])
    await settle()
    expect(fake.calls.start).toHaveLength(3)
  })

  it('does nothing before the first mount or add: no listener, no timer', () => {
    const { manager, online } = setupManager()
    expect(online.listeners).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    manager.mount()
    expect(online.listeners).toBe(1)
  })

  it('keeps uploads running after the last unmount, then disposes once they are done', async () => {
    const { manager, transport, statuses } = setupManager({
      autoPut: false,
      disposeOnUnmount: true,
    })
    manager.mount()
    manager.add([fileOf('a.pdf')])
    await settle()
    manager.unmount()
    await vi.advanceTimersByTimeAsync(1)
    expect(manager.isDisposed()).toBe(false)
    expect(transport.last().aborted).toBe(false)
    transport.last().succeed()
    await settle()
    expect(statuses()).toEqual(['succeeded'])
    expect(manager.isDisposed()).toBe(true)
  })

  it('cancels what is not completing a task after the last unmount when asked', async () => {
    const { manager, transport, statuses } = setupManager({ autoPut: false, cancelOnUnmount: true })
    manager.mount()
    manager.add([fileOf('a.pdf')])
    await settle()
    manager.unmount()
    manager.mount() // StrictMode: the remount comes before the task
    await vi.advanceTimersByTimeAsync(1)
    expect(statuses()).toEqual(['uploading'])
    manager.unmount()
    await vi.advanceTimersByTimeAsync(1)
    expect(statuses()).toEqual(['canceled'])
    expect(transport.last().aborted).toBe(true)
  })

  it('settles every upload on dispose: running ones canceled, a completing one finishes', async () => {
    const { manager, fake, transport, state } = setupManager({ autoPut: false })
    const held = fake.holdNext('complete')
    const [completing, uploading, queued] = manager.add([
      fileOf('a.pdf'),
      fileOf('b.pdf'),
      fileOf('c.pdf'),
      fileOf('d.pdf'),
    ]).ids
    await settle()
    transport.puts[0]?.succeed()
    await settle()
    manager.setOptions({ concurrency: 2 })
    expect(held.reached).toBe(true)
    manager.dispose()
    expect(state(completing).status).toBe('completing')
    expect(state(uploading).status).toBe('canceled')
    expect(state(queued).status).toBe('canceled')
    held.release()
    await settle()
    expect(state(completing).status).toBe('succeeded')
    expect(manager.getSnapshot().ids.map((id) => state(id).status)).not.toContain('queued')
    expect(() => manager.retry(uploading ?? '')).toThrow(/disposed/)
    expect(() => manager.mount()).toThrow(/disposed/)
  })
})

describe('UploadManager.remove and clear', () => {
  it('lets a completing file finish, then forgets it', async () => {
    const onUploadSucceeded = vi.fn()
    const { manager, fake } = setupManager({ onUploadSucceeded })
    const held = fake.holdNext('complete')
    const { ids } = manager.add([fileOf('a.pdf')])
    await settle()
    expect(held.reached).toBe(true)
    manager.remove(ids[0] ?? '')
    expect(fake.calls.complete[0]?.signal.aborted).toBe(false)
    expect(manager.getSnapshot().ids).toEqual(ids)
    held.release()
    await settle()
    expect(manager.getSnapshot().ids).toEqual([])
    expect(onUploadSucceeded).toHaveBeenCalledOnce()
  })

  it('clears like remove: a completing file finishes first', async () => {
    const { manager, fake, transport } = setupManager({ autoPut: false })
    const held = fake.holdNext('complete')
    manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await settle()
    transport.puts[0]?.succeed()
    await settle()
    manager.clear()
    expect(transport.puts[1]?.aborted).toBe(true)
    expect(manager.getSnapshot().ids).toHaveLength(1)
    held.release()
    await settle()
    expect(fake.calls.complete).toHaveLength(1)
    expect(manager.getSnapshot()).toEqual({ ids: [], byId: {} })
  })
})

describe('UploadManager options', () => {
  it('reads the adapter limits when files are added, not when it was made', async () => {
    const limits: Partial<UploadRules> = {}
    const { manager } = setupManager({ adapterOptions: { limits } })
    const big = new File([new Uint8Array(50 * MB)], 'video.mp4', { type: 'video/mp4' })
    expect(manager.add([big]).rejections[0]?.errors[0]?.code).toBe('file-too-large')
    limits.maxFileSize = 100 * MB // the instance's configuration has loaded
    expect(manager.getRules().maxFileSize).toBe(100 * MB)
    expect(manager.add([big]).ids).toHaveLength(1)
    await settle()
  })

  it('changes callbacks, rules, concurrency and existingCount without a new manager', async () => {
    const first = vi.fn()
    const second = vi.fn()
    const { manager, transport } = setupManager({
      autoPut: false,
      onUploadSucceeded: first,
      concurrency: 1,
    })
    manager.add([fileOf('a.pdf'), fileOf('b.pdf'), fileOf('c.pdf')])
    await settle()
    expect(transport.active).toBe(1)
    manager.setOptions({ concurrency: 3, onUploadSucceeded: second })
    await settle()
    expect(transport.active).toBe(3)
    transport.puts[0]?.succeed()
    await settle()
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledOnce()

    manager.setOptions({ rules: { maxFiles: 4 }, existingCount: () => 1 })
    expect(manager.add([fileOf('d.pdf')]).rejections[0]?.errors[0]?.code).toBe('too-many-files')
    manager.setOptions({ rules: { allowedExtensions: ['.txt'] }, existingCount: () => 0 })
    expect(manager.add([fileOf('e.pdf')]).rejections[0]?.errors[0]?.code).toBe(
      'file-type-not-allowed',
    )
  })
})

describe('UploadState', () => {
  it('drops the retry reason when a retrying upload is canceled', async () => {
    const { manager, fake, state } = setupManager()
    fake.failNext('start', serverError())
    const { ids } = manager.add([fileOf()])
    await settle()
    expect(state(ids[0])).toMatchObject({ status: 'starting', error: { code: 'server' } })
    manager.cancel(ids[0] ?? '')
    expect(state(ids[0]).status).toBe('canceled')
    expect(state(ids[0]).error).toBeUndefined()
    expect(state(ids[0]).retryAt).toBeUndefined()
  })

  it('starts the bar over when a PUT is tried again', async () => {
    const { manager, transport, frames, state } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf('a.pdf', 1000)])
    await settle()
    transport.last().progress(900)
    frames.flush()
    expect(state(ids[0])).toMatchObject({ progress: 90, loaded: 900 })
    transport.last().fail(new AttachmentError('network', 'reset', { status: 0 }))
    await settle()
    expect(state(ids[0])).toMatchObject({ status: 'uploading', progress: 0, loaded: 0 })
    await vi.runOnlyPendingTimersAsync()
    transport.last().progress(100)
    frames.flush()
    expect(state(ids[0])).toMatchObject({ status: 'uploading', attempts: 2, progress: 10 })
  })

  it('says "finishing" once the body has left the page, until storage answers', async () => {
    const { manager, transport, frames, state } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf('a.pdf', 1000)])
    await settle()
    transport.last().progress(1000)
    transport.last().request.onSent?.()
    frames.flush()
    expect(state(ids[0])).toMatchObject({ status: 'uploading', finishing: true, progress: 100 })
    transport.last().succeed()
    await settle()
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('passes the response timeout to the transport', async () => {
    const { manager, transport } = setupManager({ autoPut: false, responseTimeoutMs: 90_000 })
    manager.add([fileOf()])
    await settle()
    expect(transport.last().request.responseTimeoutMs).toBe(90_000)
  })
})

describe('truthful failures', () => {
  it('fails an adapter bug once as `unexpected`, not as a network error tried four times', async () => {
    const { manager, fake, state } = setupManager()
    fake.failNext('start', new Error('Cannot read properties of undefined'))
    const { ids } = manager.add([fileOf()])
    await vi.runAllTimersAsync()
    expect(fake.calls.start).toHaveLength(1)
    expect(state(ids[0])).toMatchObject({ status: 'failed', error: { code: 'unexpected' } })
    expect(isRetryable(state(ids[0]).error)).toBe(false)
  })

  it("keeps taking fetch's own connection failure for a network error", async () => {
    const { manager, fake, state } = setupManager()
    fake.failNext('start', new TypeError('Failed to fetch'))
    const { ids } = manager.add([fileOf()])
    await vi.runAllTimersAsync()
    expect(fake.calls.start).toHaveLength(2)
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('isolates a subscriber that throws: the upload and the other subscribers go on', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { manager, statuses, transport, frames } = setupManager({ autoPut: false })
    let calls = 0
    manager.subscribe(() => {
      throw new Error('render bug')
    })
    manager.subscribe(() => (calls += 1))
    // Published at once (the add), then at each frame (the engine's own changes).
    manager.add([fileOf()])
    await settle()
    frames.flush()
    transport.last().succeed()
    await settle()
    frames.flush()
    expect(statuses()).toEqual(['succeeded'])
    expect(calls).toBeGreaterThan(2)
    expect(consoleError).toHaveBeenCalledWith(
      'connect-attachments: a store listener threw',
      expect.objectContaining({ message: 'render bug' }),
    )
  })
})

describe('UploadManager memory', () => {
  // A real collection, not a guess from internals: Node's collector, reached without a flag.
  v8.setFlagsFromString('--expose-gc')
  const collect = vm.runInNewContext('gc') as () => void
  const collected = async (ref: WeakRef<object>): Promise<boolean> => {
    for (let round = 0; round < 3; round += 1) {
      await settle()
      collect()
    }
    return ref.deref() === undefined
  }

  it('lets go of the File of a succeeded upload, keeps a failed one for retry and a canceled one until removed', async () => {
    const { manager, fake, transport, state } = setupManager({ autoPut: false })
    expect(manager.getFile('upload-unknown')).toBeUndefined()
    const refs = (() => {
      const files = [fileOf('done.pdf'), fileOf('stopped.pdf'), fileOf('broken.pdf')]
      manager.add(files)
      return files.map((file) => new WeakRef(file))
    })()
    await settle()
    const [done, stopped, broken] = manager.getSnapshot().ids
    // While it runs, a preview can read the file.
    expect(manager.getFile(done ?? '')).toBe(refs[0]?.deref())
    transport.puts[0]?.succeed()
    manager.cancel(stopped ?? '')
    transport.puts[2]?.fail(new AttachmentError('access-denied', 'no', { status: 403 }))
    await settle()
    expect([state(done).status, state(stopped).status, state(broken).status]).toEqual([
      'succeeded',
      'canceled',
      'failed',
    ])
    expect(manager.getFile(done ?? '')).toBeUndefined()
    // A canceled file stays, for its row to add it again, until the upload is removed.
    expect(manager.getFile(stopped ?? '')?.name).toBe('stopped.pdf')
    expect(manager.getFile(broken ?? '')?.name).toBe('broken.pdf')
    transport.puts.length = 0 // the fake keeps every request it saw; a real transport does not
    expect(await collected(refs[0] as WeakRef<object>)).toBe(true)
    expect(await collected(refs[1] as WeakRef<object>)).toBe(false)
    manager.remove(stopped ?? '')
    expect(manager.getFile(stopped ?? '')).toBeUndefined()
    expect(await collected(refs[1] as WeakRef<object>)).toBe(true)
    expect(await collected(refs[2] as WeakRef<object>)).toBe(false)
    manager.retry(broken ?? '')
    await settle()
    expect(transport.last().request.body).toBe(refs[2]?.deref())
    expect(fake.calls.start).toHaveLength(3)
  })
})

describe('UploadManager garbage collection', () => {
  it('never disposes a disposeOnUnmount manager before its first mount', async () => {
    const { manager } = setupManager({ disposeOnUnmount: true })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(manager.isDisposed()).toBe(false)
    expect(() => manager.mount()).not.toThrow()
  })

  it('collects a manager never mounted after gcTime, and one unmounted and idle after gcTime', async () => {
    const never = setupManager({ gcTime: 5_000 }).manager
    await vi.advanceTimersByTimeAsync(4_999)
    expect(never.isDisposed()).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(never.isDisposed()).toBe(true)

    const { manager } = setupManager({ gcTime: 5_000 })
    manager.mount()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(manager.isDisposed()).toBe(false)
    manager.unmount()
    await vi.advanceTimersByTimeAsync(5_001)
    expect(manager.isDisposed()).toBe(true)
  })
})
