// Every chat attachment and attached file the emulator ever started, with the Start and Complete
// requests that named it. The bucket (`objects()`) shows only what was PUT and kept; a test of
// "started once, completed once, with one token", or of an upload abandoned after a URL refresh,
// needs the requests themselves: the service answers a replayed or repeated call the same way
// whatever the token, so the answers alone cannot tell a retry from a second upload.
import type { Storage } from './storage.js'

/** The Start and Complete requests that named one attachment. */
export interface UploadCalls {
  /** Start requests answered with this attachment (replays with the same ClientToken included). */
  starts: number
  /** The ClientToken of each of those requests that sent one, in order, repeats kept. */
  startTokens: string[]
  /**
   * Complete requests that named this attachment and reached the service, whatever it answered
   * (a 409 before the PUT and a repeat after completion count; a fault's `status` does not, as
   * the service never saw the request).
   */
  completes: number
  /**
   * The ClientToken of each of those requests, in order, repeats kept. Always empty for
   * attached files: CompleteAttachedFileUpload takes no ClientToken.
   */
  completeTokens: string[]
}

/** One chat attachment or attached file, as `attachments()` lists it. */
export interface AttachmentInfo extends UploadCalls {
  /** `participant` for a chat attachment, `connect` for an attached file (Cases, Email, Tasks). */
  service: 'participant' | 'connect'
  /** The AttachmentId or FileId. */
  id: string
  /** The chat's contact, for a chat attachment. */
  contactId?: string
  /** The case, email or task, for an attached file. */
  associatedResourceArn?: string
  name: string
  /** The S3 key its bytes are PUT to; joins it to `objects()`. */
  key: string
  /** The size declared at Start, in bytes. */
  size: number
  /**
   * The service's status; `PENDING_UPLOAD` until a Complete is accepted (the emulator's word for
   * it, as the services report IN_PROGRESS / PROCESSING then).
   */
  status: string
  /** True while the bucket holds an object at `key`. */
  stored: boolean
  /** True once DeleteAttachedFile removed it. */
  deleted: boolean
}

/** What a service tells the ledger about one of its attachments, read each time it is listed. */
type AttachmentState = Omit<AttachmentInfo, keyof UploadCalls | 'stored'>

/** The record of every attachment started. */
export interface UploadLedger {
  /** Starts recording an attachment; the service counts its calls in the returned object. */
  add(state: () => AttachmentState): UploadCalls
  /** Every attachment in the order it was started. */
  list(): AttachmentInfo[]
}

/** Creates an empty ledger; `storage` tells which attachments have their bytes in the bucket. */
export function createUploadLedger(storage: Storage): UploadLedger {
  const entries: Array<{ state: () => AttachmentState; calls: UploadCalls }> = []
  return {
    add(state) {
      const calls: UploadCalls = { starts: 0, startTokens: [], completes: 0, completeTokens: [] }
      entries.push({ state, calls })
      return calls
    },
    list: () =>
      entries.map(({ state, calls }) => {
        const info = state()
        return {
          ...info,
          stored: storage.has(info.key),
          starts: calls.starts,
          startTokens: [...calls.startTokens],
          completes: calls.completes,
          completeTokens: [...calls.completeTokens],
        }
      }),
  }
}

/** Counts one request, and its ClientToken when it sent one. */
export function countCall(
  calls: UploadCalls,
  kind: 'start' | 'complete',
  clientToken: string | undefined,
): void {
  if (kind === 'start') calls.starts += 1
  else calls.completes += 1
  if (clientToken !== undefined) calls[`${kind}Tokens`].push(clientToken)
}
