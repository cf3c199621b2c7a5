import type {
  CanceledUpload,
  FailedUpload,
  SucceededUpload,
  UploadState,
} from './upload-machine.js'
import type { UploadSnapshot } from './upload-store.js'

/**
 * A moment in a list of uploads worth telling a screen-reader user about. Progress is never one:
 * a live region that speaks every percent drowns out everything else (Amplify's FileUploader).
 */
export type UploadMilestone =
  /** Files that joined the list, in the order added. */
  | { type: 'added'; uploads: UploadState[] }
  | { type: 'succeeded'; upload: SucceededUpload }
  | { type: 'failed'; upload: FailedUpload }
  /** A running step failed and waits until `retryAt` to run again. */
  | { type: 'retrying'; upload: UploadState; retryAt: number }
  | { type: 'canceled'; upload: CanceledUpload }

/** What changed on `upload` between two snapshots, or `undefined` when nothing worth saying. */
function milestoneOf(
  before: UploadState,
  after: UploadState,
): Exclude<UploadMilestone, { type: 'added' }> | undefined {
  if (after.status !== before.status) {
    if (after.status === 'succeeded') return { type: 'succeeded', upload: after }
    if (after.status === 'failed') return { type: 'failed', upload: after }
    if (after.status === 'canceled') return { type: 'canceled', upload: after }
  }
  // A new wait (not the same one seen again after a progress tick): once per backoff.
  if (after.retryAt !== undefined && after.retryAt !== before.retryAt) {
    return { type: 'retrying', upload: after, retryAt: after.retryAt }
  }
  return undefined
}

/**
 * The milestones between two snapshots of one manager, in list order, files added first. Each
 * happens once: the same pair of snapshots never yields it again, and an unchanged upload
 * (structural sharing keeps its object) is skipped without a look at its fields.
 */
export function uploadMilestones(
  previous: UploadSnapshot,
  next: UploadSnapshot,
): UploadMilestone[] {
  if (previous.byId === next.byId) return []
  const added: UploadState[] = []
  const changed: UploadMilestone[] = []
  for (const id of next.ids) {
    const after = next.byId[id]
    const before = previous.byId[id]
    if (after === undefined || after === before) continue
    if (before === undefined) {
      added.push(after)
      continue
    }
    const milestone = milestoneOf(before, after)
    if (milestone !== undefined) changed.push(milestone)
  }
  return added.length > 0 ? [{ type: 'added', uploads: added }, ...changed] : changed
}
