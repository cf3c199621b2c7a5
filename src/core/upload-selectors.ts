import { isFinal } from './upload-machine.js'
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

/** Whether `cancel` would stop the upload (a file completing is past stopping). */
export const canCancel = (upload: UploadState): boolean =>
  upload.status === 'queued' || upload.status === 'starting' || upload.status === 'uploading'

/** Whether `retry` would queue the upload again. */
export const canRetry = (upload: UploadState): boolean => upload.status === 'failed'

/**
 * Whether the upload is over, so that a remove button makes sense; a running upload offers
 * cancel instead (`remove` also works on it, canceling it first).
 */
export const canRemove = (upload: UploadState): boolean => isFinal(upload.status)

const noStatuses = (): Record<UploadStatus, number> => ({
  queued: 0,
  starting: 0,
  uploading: 0,
  completing: 0,
  succeeded: 0,
  failed: 0,
  canceled: 0,
})

/** Bytes of one upload that count as sent, see {@link UploadTotals.loaded}. */
function sentBytes(upload: UploadState): number {
  switch (upload.status) {
    case 'succeeded':
    case 'completing':
      return upload.size
    case 'failed':
    case 'canceled':
      return 0
    default:
      return upload.loaded
  }
}

/** Whether two totals say the same: the same counts per status and the same bytes. */
export const sameTotals = (a: UploadTotals, b: UploadTotals): boolean =>
  a.loaded === b.loaded &&
  a.total === b.total &&
  a.count === b.count &&
  (Object.keys(a.byStatus) as UploadStatus[]).every((s) => a.byStatus[s] === b.byStatus[s])

/** Totals of a snapshot, in one pass. */
export function selectTotals(snapshot: UploadSnapshot): UploadTotals {
  const byStatus = noStatuses()
  let total = 0
  let loaded = 0
  for (const id of snapshot.ids) {
    const upload = snapshot.byId[id]
    if (upload === undefined) continue
    byStatus[upload.status] += 1
    if (upload.status === 'canceled') continue
    total += upload.size
    loaded += sentBytes(upload)
  }
  const fraction = total === 0 ? 0 : loaded / total
  const active = byStatus.queued + byStatus.starting + byStatus.uploading + byStatus.completing
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
