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
export type QueuedUpload = UploadFields<'queued'> & Still
/** Start is being called. */
export type StartingUpload = UploadFields<'starting'> & Running
/** The bytes are being PUT. */
export type UploadingUpload = UploadFields<'uploading'> &
  Running & {
    readonly remoteId: string
    /**
     * The whole body has left the page and storage's answer is awaited. On a slow link the far
     * end may still be reading megabytes out of network buffers: "finishing", not done.
     */
    readonly finishing: boolean
  }
/** The bytes are stored; Complete is being called. */
export type CompletingUpload = UploadFields<'completing'> & Running & { readonly remoteId: string }
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
  /** The queue takes the file: Start is about to be called. */
  | { type: 'start' }
  /** A manual retry that can reuse the target it already has, at the step it stopped. */
  | { type: 'resume'; phase: 'uploading' | 'completing' }
  /** Start answered with a target; the PUT begins. */
  | { type: 'started'; target: Pick<UploadTarget, 'id' | 'arn'> }
  | { type: 'progress'; loaded: number }
  /** The whole body has left the page; storage has not answered yet. */
  | { type: 'sent' }
  /** The PUT succeeded; Complete begins. */
  | { type: 'uploaded' }
  | { type: 'completed' }
  /** The target's URL expired; a new Start fetches a fresh one. */
  | { type: 'expired' }
  /** The current step failed in a way worth retrying; it runs again at `retryAt`. */
  | { type: 'backoff'; error: AttachmentError; retryAt: number }
  /** The current step runs again after a backoff. */
  | { type: 'attempt' }
  | { type: 'fail'; error: AttachmentError }
  | { type: 'cancel' }
  /** The user asks to try a failed upload again. */
  | { type: 'retry' }

/** Whether an upload in this status has reached an end (only a failed one can start again). */
export const isFinal = (status: UploadStatus): boolean =>
  status === 'succeeded' || status === 'failed' || status === 'canceled'

/** A new upload, waiting in the queue. */
export function createUploadState(
  id: string,
  file: { name: string; size: number; type: string },
): UploadState {
  return { id, status: 'queued', ...file, loaded: 0, progress: 0, attempts: 0 }
}

/** The fields every status keeps; a new status object is built from these, so nothing stale rides along. */
function fieldsOf(state: UploadState) {
  const { id, name, size, type, loaded, progress, attempts, remoteId, remoteArn } = state
  const retryAt = undefined
  const error = undefined
  return { id, name, size, type, loaded, progress, attempts, remoteId, remoteArn, retryAt, error }
}

/** Entering a step: its first try, nothing sent of the current PUT (or everything, for Complete). */
function step(state: UploadState, loaded: number) {
  const progress = loaded === state.size ? 100 : 0
  return { ...fieldsOf(state), loaded, progress, attempts: 1 }
}

function withProgress(state: UploadingUpload, loaded: number): UploadingUpload {
  const clamped = Math.min(Math.max(loaded, 0), state.size)
  const progress = Math.floor((clamped / state.size) * 100)
  // Only whole-percent changes are news: a row re-renders at most 100 times per upload.
  return progress === state.progress ? state : { ...state, loaded: clamped, progress }
}

/** A step that runs again: a PUT starts over from its first byte, and the bar says so. */
function again(state: StartingUpload | UploadingUpload | CompletingUpload, patch: Running) {
  if (state.status !== 'uploading') return { ...state, ...patch }
  return { ...state, ...patch, loaded: 0, progress: 0, finishing: false }
}

/**
 * The lifecycle table: the state after `event`, or the very same object when the event does
 * not apply in the current status (a late answer for a canceled file, a second cancel, …), so
 * callers can tell "nothing happened" by reference.
 */
export function transition(state: UploadState, event: UploadEvent): UploadState {
  switch (event.type) {
    case 'start':
      return state.status === 'queued' ? { ...step(state, 0), status: 'starting' } : state
    case 'resume': {
      const remoteId = state.remoteId
      if (state.status !== 'queued' || remoteId === undefined) return state
      return event.phase === 'uploading'
        ? { ...step(state, 0), status: 'uploading', finishing: false, remoteId }
        : { ...step(state, state.size), status: 'completing', remoteId }
    }
    case 'started':
      if (state.status !== 'starting') return state
      return {
        ...step(state, 0),
        status: 'uploading',
        finishing: false,
        remoteId: event.target.id,
        remoteArn: event.target.arn,
      }
    case 'progress':
      if (state.status !== 'uploading' || state.finishing) return state
      return withProgress(state, event.loaded)
    case 'sent':
      if (state.status !== 'uploading' || state.finishing) return state
      return { ...state, finishing: true, loaded: state.size, progress: 100 }
    case 'uploaded':
      if (state.status !== 'uploading') return state
      return { ...step(state, state.size), status: 'completing', remoteId: state.remoteId }
    case 'completed':
      if (state.status !== 'completing') return state
      return { ...fieldsOf(state), status: 'succeeded', remoteId: state.remoteId }
    case 'expired':
      if (state.status !== 'uploading') return state
      return { ...step(state, 0), status: 'starting', remoteId: undefined, remoteArn: undefined }
    case 'backoff':
      if (!isRunning(state)) return state
      return again(state, { retryAt: event.retryAt, error: event.error })
    case 'attempt':
      if (!isRunning(state)) return state
      return {
        ...again(state, {}),
        attempts: state.attempts + 1,
        retryAt: undefined,
        error: undefined,
      }
    case 'fail':
      if (!isRunning(state) && state.status !== 'queued') return state
      return { ...fieldsOf(state), status: 'failed', error: event.error }
    case 'cancel':
      // Not while completing: the bytes are stored and Complete is on its way, so calling the
      // file canceled could hide an attachment the other side will see.
      if (state.status !== 'queued' && state.status !== 'starting' && state.status !== 'uploading')
        return state
      return { ...fieldsOf(state), status: 'canceled' }
    case 'retry':
      if (state.status !== 'failed') return state
      return { ...fieldsOf(state), status: 'queued', loaded: 0, progress: 0, attempts: 0 }
  }
}

function isRunning(
  state: UploadState,
): state is StartingUpload | UploadingUpload | CompletingUpload {
  return (
    state.status === 'starting' || state.status === 'uploading' || state.status === 'completing'
  )
}
