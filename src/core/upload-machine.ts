import type { AttachmentError } from './errors.js'
import type { UploadTarget } from './types.js'

/**
 * Where one file is in its upload: `queued → starting → uploading → completing → succeeded`,
 * with `failed` and `canceled` as exits.
 */
export type UploadStatus =
  'queued' | 'starting' | 'uploading' | 'completing' | 'succeeded' | 'failed' | 'canceled'

/** What every upload carries, whatever its status: plain data, no `File`, no URL, no token. */
interface UploadFields<S extends UploadStatus> {
  readonly id: string
  readonly status: S
  readonly name: string
  readonly size: number
  /** The MIME type sent to the service, resolved from the extension when the browser gave none. */
  readonly type: string
  /** Bytes of the current PUT that have left the page; 0 again when a PUT restarts. */
  readonly loaded: number
  /** Whole percent of `loaded`, 0–100. */
  readonly progress: number
  /** Tries of the current step (Start, PUT or Complete), 1 once it runs; 0 while queued. */
  readonly attempts: number
  /** The service's id for the file, once Start has answered. */
  readonly remoteId?: string
  /** The service's ARN for the file, where it has one (Connect attached files). */
  readonly remoteArn?: string
  /**
   * The browser is offline and the upload is not over: nothing of it moves until the network is
   * back, and then it goes on by itself.
   */
  readonly offline?: true
}

/** A step that is running: it may be waiting out a backoff before its next try. */
interface Running {
  /** While waiting to retry the step: when the wait ends, epoch ms. */
  readonly retryAt?: number
  /** While waiting to retry the step: why it is being retried. */
  readonly error?: AttachmentError
}

/** A status that has no step running, and so no retry and no error. */
interface Still {
  readonly retryAt?: undefined
  readonly error?: undefined
}

/** Waiting for a slot in the queue (or for the network). */
type QueuedUpload = UploadFields<'queued'> & Still
/** Start is being called. */
type StartingUpload = UploadFields<'starting'> & Running
/** The bytes are being PUT. */
type UploadingUpload = UploadFields<'uploading'> &
  Running & {
    readonly remoteId: string
    /**
     * The whole body has left the page and storage's answer is awaited. On a slow link the far
     * end may still be reading megabytes out of network buffers: "finishing", not done.
     */
    readonly finishing: boolean
  }
/** The bytes are stored; Complete is being called. */
type CompletingUpload = UploadFields<'completing'> & Running & { readonly remoteId: string }
/** Completed: the attachment exists on the service. */
export type SucceededUpload = UploadFields<'succeeded'> & Still & { readonly remoteId: string }
/** Stopped for good after its retries; `retry()` can queue it again. */
export type FailedUpload = UploadFields<'failed'> & {
  readonly retryAt?: undefined
  /** Why the upload failed. */
  readonly error: AttachmentError
}
/** Stopped by the user (or the host) before its bytes were stored; never completed. */
export type CanceledUpload = UploadFields<'canceled'> & Still

/** One file's upload as the store holds it, told apart by `status`. */
export type UploadState =
  | QueuedUpload
  | StartingUpload
  | UploadingUpload
  | CompletingUpload
  | SucceededUpload
  | FailedUpload
  | CanceledUpload

/** Everything that can happen to an upload; {@link transition} decides what each one does. */
export type UploadEvent =
  /**
   * Start is about to be called: the queue took the file, or its PUT's URL expired and a new
   * Start fetches a fresh target (the old one's ids go with it).
   */
  | { type: 'start' }
  /**
   * Start answered with a target; the PUT begins. Also how a manual retry that can reuse the
   * target it already has goes straight from the queue to its PUT.
   */
  | { type: 'started'; target: Pick<UploadTarget, 'id' | 'arn'> }
  | { type: 'progress'; loaded: number }
  /** The whole body has left the page; storage has not answered yet. */
  | { type: 'sent' }
  /**
   * The PUT succeeded; Complete begins. Also how a manual retry of a file whose bytes are
   * stored goes straight from the queue to Complete.
   */
  | { type: 'uploaded' }
  | { type: 'completed' }
  /** The current step failed in a way worth retrying; it runs again at `retryAt`. */
  | { type: 'backoff'; error: AttachmentError; retryAt: number }
  /** The current step runs again after a backoff. */
  | { type: 'attempt' }
  | { type: 'fail'; error: AttachmentError }
  | { type: 'cancel' }
  /** The user asks to try a failed upload again. */
  | { type: 'retry' }
  /** The browser went offline or came back online. */
  | { type: 'network'; online: boolean }

/**
 * Whether an upload in this status has reached an end (only a failed one can start again): one
 * no failure can reach, as the lifecycle below says.
 */
export const isFinal = (status: UploadStatus): boolean => !appliesIn.fail.includes(status)

/** A new upload, waiting in the queue. */
export function createUploadState(
  id: string,
  file: { name: string; size: number; type: string },
): UploadState {
  return { id, status: 'queued', ...file, loaded: 0, progress: 0, attempts: 0 }
}

/** The statuses each event applies in (statuses are no part of one another's names). */
const appliesIn: Record<UploadEvent['type'], string> = {
  start: 'queued uploading',
  started: 'queued starting',
  progress: 'uploading',
  sent: 'uploading',
  uploaded: 'queued uploading',
  completed: 'completing',
  backoff: 'starting uploading completing',
  attempt: 'starting uploading completing',
  fail: 'queued starting uploading completing',
  // Not while completing: the bytes are stored and Complete is on its way, so calling the file
  // canceled could hide an attachment the other side will see.
  cancel: 'queued starting uploading',
  retry: 'failed',
  network: 'queued starting uploading completing',
}

/**
 * The lifecycle table: the state after `event`, or the very same object when the event does
 * not apply in the current status (a late answer for a canceled file, a second cancel, …), so
 * callers can tell "nothing happened" by reference.
 */
export function transition(state: UploadState, event: UploadEvent): UploadState {
  const { status, size } = state
  // Only an uploading file has `finishing`; the table lets no other through where it is read.
  const { finishing } = state as UploadingUpload
  if (!appliesIn[event.type].includes(status)) return state
  /**
   * `state` in status `to`: nothing of the old status's wait, error or `finishing` rides along.
   * Entering a step (`attempts: 1`) starts it with nothing sent of the current PUT, or
   * everything, for Complete.
   */
  const enter = (to: UploadStatus, patch: Partial<UploadingUpload>): UploadState =>
    ({
      ...state,
      status: to,
      retryAt: undefined,
      error: undefined,
      finishing: to === 'uploading' ? false : undefined,
      // An upload that is over waits for nothing, the network included.
      offline: isFinal(to) ? undefined : state.offline,
      ...patch,
    }) as UploadState
  // Nothing of the current PUT sent.
  const none = { loaded: 0, progress: 0 }
  const step = (to: UploadStatus, patch?: Partial<UploadingUpload>) =>
    enter(to, { ...none, attempts: 1, ...patch })
  // A step that runs again: a PUT starts over from its first byte, and the bar says so.
  const again = status === 'uploading' && none
  switch (event.type) {
    case 'start':
      return step('starting', { remoteId: undefined, remoteArn: undefined })
    case 'started':
      return step('uploading', { remoteId: event.target.id, remoteArn: event.target.arn })
    case 'progress': {
      const loaded = Math.min(Math.max(event.loaded, 0), size)
      const progress = Math.floor((loaded / size) * 100)
      // Only whole-percent changes are news: a row re-renders at most 100 times per upload.
      return finishing || progress === state.progress ? state : { ...state, loaded, progress }
    }
    case 'sent':
      return finishing
        ? state
        : ({ ...state, finishing: true, loaded: size, progress: 100 } as UploadState)
    case 'uploaded':
      return step('completing', { loaded: size, progress: 100 })
    case 'completed':
      return enter('succeeded', {})
    case 'backoff':
      return enter(status, { ...again, retryAt: event.retryAt, error: event.error })
    case 'attempt':
      return enter(status, { ...again, attempts: state.attempts + 1 })
    case 'fail':
      return enter('failed', { error: event.error })
    case 'cancel':
      return enter('canceled', {})
    case 'retry':
      return enter('queued', { ...none, attempts: 0 })
    case 'network':
      return !event.online === !!state.offline
        ? state
        : ({ ...state, offline: event.online ? undefined : true } as UploadState)
  }
}
