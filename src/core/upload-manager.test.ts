import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AttachmentError } from './errors.js'
import { onSelectedChange } from '../../test/selected-change.js'
import { fileOf, settle, setupManager, useFakeClock } from '../../test/upload-harness.js'

beforeEach(useFakeClock)
afterEach(() => {
  vi.useRealTimers()
})

describe('createUploadManager', () => {
  it('runs start, PUT and complete, and reports success', async () => {
    const onUploadSucceeded = vi.fn()
    const { manager, fake, transport, state } = setupManager({ onUploadSucceeded })
    const file = fileOf('data.csv', 300, '')
    const { ids, rejections } = manager.add([file])
    expect(rejections).toEqual([])
    await settle()

    expect(fake.calls.start[0]?.file).toEqual({ name: 'data.csv', size: 300, type: 'text/csv' })
    const put = transport.puts[0]
    expect(put?.request.body).toBe(file)
    expect(put?.request.headers).toEqual({ 'Content-Type': 'text/csv' })
    expect(fake.calls.complete[0]?.target.id).toBe('attachment-1')
    expect(state(ids[0])).toMatchObject({
      status: 'succeeded',
      progress: 100,
      loaded: 300,
      remoteId: 'attachment-1',
    })
    expect(onUploadSucceeded).toHaveBeenCalledExactlyOnceWith({ upload: state(ids[0]) })
  })

  it('rejects every bad file before the adapter is called', async () => {
    const { manager, fake, transport } = setupManager({ rules: { maxFiles: 5 } })
    const big = { name: 'big.pdf', size: 21 * 1024 * 1024, type: 'application/pdf' } as File
    const files = [
      fileOf('empty.pdf', 0),
      fileOf('invoice.pdf', 10, 'image/png'),
      fileOf('tool.exe', 10, ''),
      fileOf(`${'n'.repeat(300)}.pdf`),
      fileOf('tab\tname.pdf'),
      big,
    ]
    const result = manager.add(files)
    await settle()
    expect(result.ids).toEqual([])
    expect(result.rejections.map((rejection) => rejection.errors[0]?.code)).toEqual([
      'file-empty',
      'file-type-not-allowed',
      'file-type-not-allowed',
      'file-name-invalid',
      'file-name-invalid',
      'file-too-large',
    ])
    expect(manager.add(Array.from({ length: 6 }, () => fileOf())).rejections).toEqual([
      expect.objectContaining({ errors: [expect.objectContaining({ code: 'too-many-files' })] }),
    ])
    await settle()
    expect(fake.calls.start).toHaveLength(5)
    expect(transport.puts).toHaveLength(5)
  })

  it('counts the files the conversation already holds against maxFiles', async () => {
    let inTranscript = 33
    const { manager, fake } = setupManager({ existingCount: () => inTranscript })
    const first = manager.add([fileOf('a.pdf'), fileOf('b.pdf'), fileOf('c.pdf')])
    expect(first.ids).toHaveLength(2)
    expect(first.rejections.map((r) => r.errors[0]?.code)).toEqual(['too-many-files'])
    inTranscript = 30
    expect(manager.add([fileOf('d.pdf'), fileOf('e.pdf'), fileOf('f.pdf')]).ids).toHaveLength(3)
    await settle()
    expect(fake.calls.start).toHaveLength(5)
  })

  it('keeps no more than `concurrency` uploads in flight and finishes 100 files', async () => {
    const { manager, fake, transport, statuses } = setupManager({
      concurrency: 3,
      rules: { maxFiles: 100 },
    })
    let maxWorking = 0
    manager.subscribe(() => {
      const working = statuses().filter((status) =>
        ['starting', 'uploading', 'completing'].includes(status),
      )
      maxWorking = Math.max(maxWorking, working.length)
    })
    const { ids } = manager.add(Array.from({ length: 100 }, (_, i) => fileOf(`f${i}.pdf`)))
    expect(ids).toHaveLength(100)
    for (let turn = 0; turn < 200 && statuses().some((s) => s !== 'succeeded'); turn++) {
      await settle()
    }
    expect(statuses().every((status) => status === 'succeeded')).toBe(true)
    expect(maxWorking).toBe(3)
    expect(fake.maxActive).toBeLessThanOrEqual(3)
    expect(transport.maxActive).toBeLessThanOrEqual(3)
    expect(new Set(fake.calls.start.map((call) => call.clientToken)).size).toBe(100)
  })

  it('runs six uploads at once unless told otherwise', async () => {
    const { manager, transport } = setupManager({ autoPut: false, concurrency: undefined })
    manager.add(Array.from({ length: 10 }, (_, i) => fileOf(`f${i}.pdf`)))
    await settle()
    expect(transport.puts).toHaveLength(6)
  })

  it('runs one upload at a time when told a concurrency below 1', async () => {
    const { manager, transport } = setupManager({ autoPut: false, concurrency: 0 })
    manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await settle()
    expect(transport.puts).toHaveLength(1)
  })

  it('publishes progress at most once per frame and only on whole-percent changes', async () => {
    const { manager, transport, frames, state } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf('a.pdf', 1000)])
    await settle()
    let notifications = 0
    manager.subscribe(() => (notifications += 1))
    const put = transport.last()
    put.progress(100)
    put.progress(200)
    put.progress(250)
    expect(notifications).toBe(0)
    frames.flush()
    expect(notifications).toBe(1)
    expect(state(ids[0])).toMatchObject({ progress: 25, loaded: 250 })
    put.progress(255)
    frames.flush()
    expect(notifications).toBe(1)
    expect(frames.pending).toBe(0)
  })

  it("publishes the engine's changes of one frame once, and the user's at once", async () => {
    const succeeded = vi.fn()
    const { manager, transport, frames, statuses } = setupManager({
      autoPut: false,
      onUploadSucceeded: succeeded,
    })
    let notifications = 0
    manager.subscribe(() => (notifications += 1))
    const { ids } = manager.add([fileOf('a.pdf'), fileOf('b.pdf'), fileOf('c.pdf')])
    // The new uploads are there at once, for the render that follows `add`.
    expect(notifications).toBe(1)
    expect(manager.getSnapshot().ids).toEqual(ids)
    await settle()
    // Started and uploading: the snapshot answers now, subscribers hear at the frame.
    expect(statuses()).toEqual(['uploading', 'uploading', 'uploading'])
    expect(notifications).toBe(1)
    frames.flush()
    expect(notifications).toBe(2)
    transport.puts[0]!.progress(500)
    transport.puts[1]!.succeed()
    transport.puts[2]!.succeed()
    await settle()
    // Callbacks do not wait for the frame, and run once per upload.
    expect(succeeded).toHaveBeenCalledTimes(2)
    expect(notifications).toBe(2)
    frames.flush()
    expect(notifications).toBe(3)
    expect(statuses()).toEqual(['uploading', 'succeeded', 'succeeded'])
    manager.cancel(ids[0]!)
    expect(notifications).toBe(4)
    expect(statuses()).toEqual(['canceled', 'succeeded', 'succeeded'])
    frames.flush()
    expect(notifications).toBe(4)
    expect(succeeded).toHaveBeenCalledTimes(2)
  })

  it("by default publishes the engine's changes at most every 100 ms, a lone one at the next frame and the user's at once", async () => {
    // No scheduleFrame given: the default's frames (16 ms timers in Node) on the fake clock.
    const { manager, transport, statuses } = setupManager({
      autoPut: false,
      scheduleFrame: undefined,
    })
    const heard: number[] = []
    const start = performance.now()
    manager.subscribe(() => heard.push(performance.now() - start))
    const { ids } = manager.add([fileOf('a.pdf'), fileOf('b.pdf'), fileOf('c.pdf')])
    expect(heard).toEqual([0])
    await settle()
    expect(statuses()).toEqual(['uploading', 'uploading', 'uploading'])
    // A lone change: the next frame.
    vi.advanceTimersByTime(16)
    expect(heard).toEqual([0, 16])
    // Changes one after another: the first frame 100 ms after the last publication takes them all.
    transport.puts[0]!.progress(500)
    vi.advanceTimersByTime(16)
    transport.puts[1]!.succeed()
    await settle()
    vi.advanceTimersByTime(64)
    expect(heard).toEqual([0, 16])
    // The snapshot does not wait.
    expect(statuses()).toEqual(['uploading', 'succeeded', 'uploading'])
    vi.advanceTimersByTime(32)
    expect(heard).toEqual([0, 16, 128])
    // A user's action is heard at once, between frames.
    manager.cancel(ids[2]!)
    expect(heard).toEqual([0, 16, 128, 128])
    manager.dispose()
  })

  it('tells subscribers what changed since the last frame when it is disposed', async () => {
    const { manager, transport, frames } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await settle()
    frames.flush()
    transport.puts[0]!.succeed()
    await settle()
    const heard: string[] = []
    manager.subscribe(() => heard.push(manager.getSnapshot().byId[ids[0]!]!.status))
    manager.dispose()
    expect(heard).toEqual(['succeeded'])
    expect(frames.pending).toBe(0)
  })

  it('does not notify a subscriber selecting file A about progress of file B', async () => {
    const { manager, transport, frames, state } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf('a.pdf', 100), fileOf('b.pdf', 100)])
    await settle()
    const [a = '', b = ''] = ids
    const before = state(a)
    const snapshotBefore = manager.getSnapshot()
    const idsBefore = snapshotBefore.ids
    const bBefore = state(b)
    const onA = vi.fn()
    const onB = vi.fn()
    onSelectedChange(manager, (snapshot) => snapshot.byId[a], onA)
    onSelectedChange(manager, (snapshot) => snapshot.byId[b], onB)
    transport.puts[1]?.progress(50)
    frames.flush()
    expect(onB).toHaveBeenCalledOnce()
    expect(onA).not.toHaveBeenCalled()
    expect(state(a)).toBe(before)
    expect(manager.getSnapshot().ids).toBe(idsBefore)
    // the previous snapshot is left as it was: new objects, never edits in place
    expect(snapshotBefore.byId[b]).toBe(bBefore)
    expect(state(b)).not.toBe(bBefore)
  })

  it('aborts the PUT on cancel while uploading and never completes the file', async () => {
    const { manager, fake, transport, state } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf()])
    await settle()
    const put = transport.last()
    manager.cancel(ids[0] ?? '')
    await settle()
    expect(put.aborted).toBe(true)
    expect(state(ids[0])).toMatchObject({ status: 'canceled' })
    put.succeed() // a late answer
    await settle()
    expect(fake.calls.complete).toHaveLength(0)
    expect(state(ids[0]).status).toBe('canceled')
  })

  it('aborts Start on cancel while starting and ignores its late result', async () => {
    const { manager, fake, transport, state } = setupManager()
    const held = fake.holdNext('start')
    const { ids } = manager.add([fileOf()])
    await settle()
    expect(state(ids[0]).status).toBe('starting')
    manager.cancel(ids[0] ?? '')
    expect(fake.calls.start[0]?.signal.aborted).toBe(true)
    const canceled = state(ids[0])
    held.release()
    await settle()
    expect(state(ids[0])).toBe(canceled)
    expect(transport.puts).toHaveLength(0)
    expect(fake.calls.complete).toHaveLength(0)
  })

  it('starts the next queued file when one is canceled, even if its adapter ignores the abort', async () => {
    const { manager, fake, statuses } = setupManager({ concurrency: 1 })
    fake.holdNext('start')
    const { ids } = manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await settle()
    expect(statuses()).toEqual(['starting', 'queued'])
    manager.cancel(ids[0] ?? '')
    await settle()
    expect(statuses()).toEqual(['canceled', 'succeeded'])
  })

  it('does not cancel a file whose Complete is under way', async () => {
    const { manager, fake, state } = setupManager()
    const held = fake.holdNext('complete')
    const { ids } = manager.add([fileOf()])
    await settle()
    manager.cancel(ids[0] ?? '')
    expect(state(ids[0]).status).toBe('completing')
    held.release()
    await settle()
    expect(state(ids[0]).status).toBe('succeeded')
  })

  it('removes an upload, aborting it, and clears them all', async () => {
    const { manager, transport } = setupManager({ autoPut: false })
    const { ids } = manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await settle()
    manager.remove(ids[0] ?? '')
    expect(transport.puts[0]?.aborted).toBe(true)
    expect(manager.getSnapshot().ids).toEqual([ids[1]])
    manager.clear()
    expect(transport.puts[1]?.aborted).toBe(true)
    expect(manager.getSnapshot()).toEqual({ ids: [], byId: {} })
  })

  it('stops all work on dispose and leaves no timers or listeners behind', async () => {
    const { manager, fake, transport, online, frames } = setupManager({ autoPut: false })
    fake.failNext('start', new AttachmentError('server', 'down', { status: 503 }))
    const { ids } = manager.add([fileOf('a.pdf'), fileOf('b.pdf')])
    await settle()
    transport.last().progress(10)
    expect(vi.getTimerCount()).toBe(1) // the backoff of a.pdf's Start
    manager.dispose()
    await settle()
    expect(vi.getTimerCount()).toBe(0)
    expect(frames.pending).toBe(0)
    expect(online.listeners).toBe(0)
    expect(transport.last().aborted).toBe(true)
    // Use after dispose fails loudly, and adds nothing.
    expect(() => manager.add([fileOf()])).toThrow(/disposed/)
    expect(manager.getSnapshot().ids).toEqual(ids)
    expect(ids).toHaveLength(2)
  })

  it('reports a failure through onUploadFailed', async () => {
    const onUploadFailed = vi.fn()
    const { manager, fake, state } = setupManager({ onUploadFailed })
    const error = new AttachmentError('access-denied', 'no', { status: 403 })
    fake.failNext('start', error)
    const { ids } = manager.add([fileOf()])
    await settle()
    expect(onUploadFailed).toHaveBeenCalledExactlyOnceWith({ upload: state(ids[0]), error })
  })
})
