import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { settle, setupManager, useFakeClock } from '../../test/upload-harness.js'
import type { HarnessOptions } from '../../test/upload-harness.js'
import type { UploadManager } from './upload-manager.js'

beforeEach(useFakeClock)
afterEach(() => {
  vi.useRealTimers()
})

// A big drop: each change used to copy the whole snapshot once per file, which took minutes.
const FILES = 10_000
const CONCURRENCY = 3

/** `FILES` one-byte files (validation reads only names, types and sizes). */
const manyFiles = (): File[] =>
  Array.from(
    { length: FILES },
    (_, i) => new File(['x'], `file-${i}.pdf`, { type: 'application/pdf' }),
  )

/**
 * A manager holding `FILES` uploads whose PUTs wait on the test: three uploading, the rest
 * queued. `notifications()` counts store notifications since the last call.
 */
async function managerWithManyUploads(options: HarnessOptions = {}) {
  const harness = setupManager({
    autoPut: false,
    concurrency: CONCURRENCY,
    rules: { maxFiles: FILES },
    ...options,
  })
  let count = 0
  harness.manager.subscribe(() => (count += 1))
  const notifications = (): number => {
    const counted = count
    count = 0
    return counted
  }
  const { ids } = harness.manager.add(manyFiles())
  // One for the added files, the first uploads starting in it.
  expect(notifications()).toBe(1)
  await settle()
  expect(ids).toHaveLength(FILES)
  expect(harness.transport.puts).toHaveLength(CONCURRENCY)
  notifications()
  return { ...harness, ids, notifications }
}

/** Completion calls per attachment id: every one should be 1. */
function completionsPerAttachment(calls: readonly { target: { id: string } }[]) {
  return new Set(calls.map((call) => call.target.id)).size === calls.length
}

/** Whether every upload in the snapshot has the status `status`. */
const everyUpload = (manager: UploadManager, status: string): boolean =>
  Object.values(manager.getSnapshot().byId).every((upload) => upload.status === status)

describe('createUploadManager with 10,000 files', () => {
  it('adds them in one notification and clears them in one, leaving an empty snapshot', async () => {
    const { manager, transport, fake, notifications } = await managerWithManyUploads()
    const before = manager.getSnapshot()
    manager.clear()
    expect(notifications()).toBe(1)
    const after = manager.getSnapshot()
    expect(after).toEqual({ ids: [], byId: {} })
    expect(after.ids).not.toBe(before.ids)
    expect(after.byId).not.toBe(before.byId)

    await settle()
    expect(transport.puts).toHaveLength(CONCURRENCY)
    expect(transport.puts.every((put) => put.aborted)).toBe(true)
    expect(fake.calls.start).toHaveLength(CONCURRENCY)
    expect(fake.calls.complete).toHaveLength(0)
    expect(notifications()).toBe(0)
    // Nothing left to clear: the same snapshot, and no notification.
    manager.clear()
    expect(manager.getSnapshot()).toBe(after)
    expect(notifications()).toBe(0)
  })

  it('lets an upload that is completing finish once, then forgets it', async () => {
    const { manager, transport, fake, ids, notifications } = await managerWithManyUploads()
    const held = fake.holdNext('complete')
    transport.puts[0]!.succeed()
    await settle()
    expect(held.reached).toBe(true)
    notifications()
    const completing = manager.getSnapshot().byId[ids[0]!]
    expect(completing?.status).toBe('completing')

    manager.clear()
    expect(notifications()).toBe(1)
    expect(manager.getSnapshot().ids).toEqual([ids[0]])
    // The upload that stays keeps its object.
    expect(manager.getSnapshot().byId[ids[0]!]).toBe(completing)
    held.release()
    await settle()
    expect(manager.getSnapshot()).toEqual({ ids: [], byId: {} })
    expect(notifications()).toBeLessThanOrEqual(2)
    expect(fake.calls.complete).toHaveLength(1)
    expect(completionsPerAttachment(fake.calls.complete)).toBe(true)
    expect(transport.puts).toHaveLength(CONCURRENCY)
  })

  it('cancels them all in one notification on dispose', async () => {
    const { manager, transport, fake, ids, notifications } = await managerWithManyUploads()
    const before = manager.getSnapshot()
    manager.dispose()
    expect(notifications()).toBe(1)
    const after = manager.getSnapshot()
    expect(after.ids).toBe(before.ids)
    expect(after.byId).not.toBe(before.byId)
    expect(Object.keys(after.byId)).toHaveLength(FILES)
    expect(everyUpload(manager, 'canceled')).toBe(true)
    expect(ids.every((id) => manager.getFile(id) === undefined)).toBe(true)

    await settle()
    expect(transport.puts).toHaveLength(CONCURRENCY)
    expect(transport.puts.every((put) => put.aborted)).toBe(true)
    expect(fake.calls.complete).toHaveLength(0)
    expect(notifications()).toBe(0)
  })

  it('cancels them all in one notification when the last user unmounts with cancelOnUnmount', async () => {
    const { manager, transport, notifications } = await managerWithManyUploads({
      cancelOnUnmount: true,
    })
    manager.mount()
    manager.unmount()
    await vi.advanceTimersByTimeAsync(1)
    expect(notifications()).toBe(1)
    expect(everyUpload(manager, 'canceled')).toBe(true)
    expect(transport.puts).toHaveLength(CONCURRENCY)
    expect(transport.puts.every((put) => put.aborted)).toBe(true)
    expect(manager.isDisposed()).toBe(false)
  })
})
