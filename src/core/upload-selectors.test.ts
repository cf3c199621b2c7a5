import { describe, expect, it } from 'vitest'
import { AttachmentError } from './errors.js'
import { createUploadState } from './upload-machine.js'
import type { UploadState, UploadStatus } from './upload-machine.js'
import { canCancel, canRemove, canRetry, selectProgress, selectTotals } from './upload-selectors.js'
import type { UploadSnapshot } from './upload-store.js'

const error = new AttachmentError('server', 'down', { status: 500 })

function upload(id: string, status: UploadStatus, size: number, loaded = 0): UploadState {
  const base = createUploadState(id, { name: `${id}.pdf`, size, type: 'application/pdf' })
  const progress = Math.floor((loaded / size) * 100)
  const extra = status === 'failed' ? { error } : status === 'uploading' ? { finishing: false } : {}
  return { ...base, status, loaded, progress, remoteId: 'r', ...extra } as UploadState
}

const snapshotOf = (...uploads: UploadState[]): UploadSnapshot => ({
  ids: uploads.map((u) => u.id),
  byId: Object.fromEntries(uploads.map((u) => [u.id, u])),
})

describe('selectTotals', () => {
  it('keeps the fraction below 1 while a failed file is unsent, and ignores canceled ones', () => {
    const totals = selectTotals(
      snapshotOf(
        upload('a', 'succeeded', 100, 100),
        upload('b', 'failed', 100, 60),
        upload('c', 'canceled', 300, 10),
        upload('d', 'uploading', 200, 50),
        upload('e', 'queued', 100),
      ),
    )
    expect(totals).toMatchObject({ count: 5, active: 2, total: 500, loaded: 150, percent: 30 })
    expect(totals.fraction).toBeCloseTo(0.3)
    expect(totals.byStatus).toEqual({
      queued: 1,
      starting: 0,
      uploading: 1,
      completing: 0,
      succeeded: 1,
      failed: 1,
      canceled: 1,
    })
  })

  it('reads 100 % only when every counted file is done, and 0 with nothing to send', () => {
    const half = selectTotals(
      snapshotOf(upload('a', 'succeeded', 100, 100), upload('b', 'failed', 100, 100)),
    )
    expect(half.percent).toBe(50)
    const done = selectTotals(
      snapshotOf(upload('a', 'succeeded', 100, 100), upload('b', 'canceled', 50)),
    )
    expect(done).toMatchObject({ fraction: 1, percent: 100, active: 0 })
    const nearly = selectTotals(snapshotOf(upload('a', 'uploading', 1000, 999)))
    expect(nearly.percent).toBe(99)
    expect(selectTotals(snapshotOf())).toMatchObject({
      count: 0,
      total: 0,
      fraction: 0,
      percent: 0,
    })
  })

  it('counts a completing file as sent', () => {
    expect(selectTotals(snapshotOf(upload('a', 'completing', 100, 100))).percent).toBe(100)
  })
})

describe('upload selectors', () => {
  it('tell which actions apply in each status', () => {
    const table = (
      ['queued', 'starting', 'uploading', 'completing', 'succeeded', 'failed', 'canceled'] as const
    ).map((status) => {
      const u = upload('a', status, 10)
      return [status, canCancel(u), canRetry(u), canRemove(u)]
    })
    expect(table).toEqual([
      ['queued', true, false, false],
      ['starting', true, false, false],
      ['uploading', true, false, false],
      ['completing', false, false, false],
      ['succeeded', false, false, true],
      ['failed', false, true, true],
      ['canceled', false, false, true],
    ])
  })

  it('gives one file its percent and bytes', () => {
    expect(selectProgress(upload('a', 'uploading', 2000, 500))).toEqual({
      percent: 25,
      loaded: 500,
      total: 2000,
    })
  })
})
