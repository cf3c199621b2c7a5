import { isFinal, transition } from './upload-machine.js'
import type { UploadState, UploadStatus } from './upload-machine.js'
import type { UploadSnapshot } from './upload-store.js'

/** One file's progress, for a progress bar and its text. */
export interface UploadProgress {
  /** Whole percent, 0–100, of the bytes of the current PUT that have left the page. */
  percent: number
  loaded: number
  total: number
}

/** The whole list at a glance. */
export interface UploadTotals {
  /** Uploads in the list. */
  count: number
  /** Uploads in each status. */
  byStatus: Record<UploadStatus, number>
  /** Uploads that are queued or running (starting, uploading, completing). */
  active: number
  /** Bytes of every file but the canceled ones. */
  total: number
  /**
   * Bytes that count as sent: a succeeded or completing file's size, a running PUT's progress.
   * A failed file counts none of its bytes, so its size keeps the totals below done.
   */
  loaded: number
  /** `loaded / total`, 0 when there is nothing to send. */
  fraction: number
  /** Whole percent of `fraction`, rounded down: 100 only when every file counted is done. */
  percent: number
}

/** One file's progress. */
export const selectProgress = (upload: UploadState): UploadProgress => ({
  percent: upload.progress,
  loaded: upload.loaded,
  total: upload.size,
})

/** Whether `event` would change the upload: the lifecycle table is the one judge. */
const applies =
  (type: 'cancel' | 'retry') =>
  (upload: UploadState): boolean =>
    transition(upload, { type }) !== upload

/** Whether `cancel` would stop the upload (a file completing is past stopping). */
export const canCancel = applies('cancel')

/** Whether `retry` would queue the upload again. */
export const canRetry = applies('retry')

/**
 * Whether the upload is over, so that a remove button makes sense; a running upload offers
 * cancel instead (`remove` also works on it, canceling it first).
 */
export const canRemove = (upload: UploadState): boolean => isFinal(upload.status)

/** Whether two totals say the same: the same counts per status (they add up to `count`) and bytes. */
export const sameTotals = (a: UploadTotals, b: UploadTotals): boolean =>
  a.loaded === b.loaded &&
  a.total === b.total &&
  Object.entries(a.byStatus).every(
    ([status, count]) => b.byStatus[status as UploadStatus] === count,
  )

/** Totals of a snapshot, in one pass. */
export function selectTotals(snapshot: UploadSnapshot): UploadTotals {
  const byStatus: Record<UploadStatus, number> = {
    queued: 0,
    starting: 0,
    uploading: 0,
    completing: 0,
    succeeded: 0,
    failed: 0,
    canceled: 0,
  }
  let total = 0
  let loaded = 0
  let active = 0
  for (const upload of Object.values(snapshot.byId)) {
    const { status, size } = upload
    byStatus[status] += 1
    if (!isFinal(status)) active += 1
    if (status === 'canceled') continue
    total += size
    // See UploadTotals.loaded: a completing or succeeded file has sent all of its bytes (the
    // lifecycle enters Complete with `loaded` at the size, and nothing lowers it after).
    if (status !== 'failed') loaded += upload.loaded
  }
  const fraction = total && loaded / total
  return {
    count: snapshot.ids.length,
    byStatus,
    active,
    total,
    loaded,
    fraction,
    percent: Math.floor(fraction * 100),
  }
}
