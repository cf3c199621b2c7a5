import { isFinal } from './upload-machine.js'
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
  /** The browser went offline: the uploads not yet over wait for the network (said once). */
  | { type: 'offline'; upload: UploadState }

/**
 * The milestones between two snapshots of one manager, in list order, files added first. Each
 * happens once: the same pair of snapshots never yields it again, and an unchanged upload
 * (structural sharing keeps its object) is skipped without a look at its fields.
 */
export function uploadMilestones(
  previous: UploadSnapshot,
  next: UploadSnapshot,
): UploadMilestone[] {
  const added: UploadState[] = []
  const changed: UploadMilestone[] = []
  let offline: UploadMilestone | undefined
  for (const id of next.ids) {
    const after = next.byId[id]
    const before = previous.byId[id]
    if (after === undefined || after === before) continue
    const { status, retryAt } = after
    if (before === undefined) added.push(after)
    // Only the final statuses are news; none of them can be reached twice in a row.
    else if (status !== before.status && isFinal(status))
      changed.push({ type: status, upload: after } as UploadMilestone)
    // A new wait (not the same one seen again after a progress tick): once per backoff.
    else if (retryAt !== undefined && retryAt !== before.retryAt)
      changed.push({ type: 'retrying', upload: after, retryAt })
    // The manager marks every upload not yet over at once: one milestone for all of them.
    else if (after.offline && !before.offline) offline ??= { type: 'offline', upload: after }
  }
  if (offline) changed.push(offline)
  return added.length > 0 ? [{ type: 'added', uploads: added }, ...changed] : changed
}
