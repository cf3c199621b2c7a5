import type { AttachmentError } from './errors.js'
import type { UploadTarget } from './types.js'

/**
 * Where one file is in its upload: `queued → starting → uploading → completing → succeeded`,
 * with `failed` and `canceled` as exits.
 */
export type UploadStatus =
  'queued' | 'starting' | 'uploading' | 'completing' | 'succeeded' | 'failed' | 'canceled'

/** One file's upload as the store holds it: plain data, no `File`, no URL, no token. */
export interface UploadState {
  readonly id: string
  readonly name: string
  readonly size: number
  /** The MIME type sent to the service, resolved from the extension when the browser gave none. */
  readonly type: string
  readonly status: UploadStatus
  /** Bytes sent, updated together with `progress`. */
  readonly loaded: number
  /** Whole percent of the bytes sent, 0–100. */
  readonly progress: number
  /** Tries of the current step (Start, PUT or Complete), 1 once it runs; 0 while queued. */
  readonly attempts: number
  /** While waiting to retry the current step: when the wait ends, epoch ms. */
  readonly retryAt?: number
  /** Why the upload failed, or, while `retryAt` is set, why the step is being retried. */
  readonly error?: AttachmentError
  /** The service's id for the file, once Start has answered. */
  readonly remoteId?: string
  /** The service's ARN for the file, where it has one (Connect attached files). */
  readonly remoteArn?: string
}

/** Everything that can happen to an upload; {@link transition} decides what each one does. */
export type UploadEvent =
  /** The queue takes the file: Start is about to be called. */
  | { type: 'start' }
  /** A manual retry that can reuse the target it already has, at the step it stopped. */
  | { type: 'resume'; phase: 'uploading' | 'completing' }
  /** Start answered with a target; the PUT begins. */
  | { type: 'started'; target: Pick<UploadTarget, 'id' | 'arn'> }
  | { type: 'progress'; loaded: number }
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

/** A new upload, waiting in the queue. */
export function createUploadState(id: string, file: { name: string; size: number; type: string }) {
  const state: UploadState = {
    id,
    name: file.name,
    size: file.size,
    type: file.type,
    status: 'queued',
    loaded: 0,
    progress: 0,
    attempts: 0,
  }
  return state
}

const isWorking = (status: UploadStatus): boolean =>
  status === 'starting' || status === 'uploading' || status === 'completing'

/** The step's fields reset on entering a new step. */
function enter(state: UploadState, status: UploadStatus, loaded = 0): UploadState {
  const progress = loaded === state.size ? 100 : 0
  return { ...state, status, loaded, progress, attempts: 1, retryAt: undefined, error: undefined }
}

function withProgress(state: UploadState, loaded: number): UploadState {
  const clamped = Math.min(Math.max(loaded, 0), state.size)
  const progress = Math.floor((clamped / state.size) * 100)
  // Only whole-percent changes are news: a row re-renders at most 100 times per upload.
  return progress === state.progress ? state : { ...state, loaded: clamped, progress }
}

/**
 * The lifecycle table: the state after `event`, or the very same object when the event does
 * not apply in the current status (a late answer for a canceled file, a second cancel, …), so
 * callers can tell "nothing happened" by reference.
 */
export function transition(state: UploadState, event: UploadEvent): UploadState {
  const status = state.status
  switch (event.type) {
    case 'start':
      return status === 'queued' ? enter(state, 'starting') : state
    case 'resume':
      if (status !== 'queued' || state.remoteId === undefined) return state
      return event.phase === 'uploading'
        ? enter(state, 'uploading')
        : enter(state, 'completing', state.size)
    case 'started':
      if (status !== 'starting') return state
      return {
        ...enter(state, 'uploading'),
        remoteId: event.target.id,
        remoteArn: event.target.arn,
      }
    case 'progress':
      return status === 'uploading' ? withProgress(state, event.loaded) : state
    case 'uploaded':
      return status === 'uploading' ? enter(state, 'completing', state.size) : state
    case 'completed':
      return status === 'completing' ? { ...state, status: 'succeeded', retryAt: undefined } : state
    case 'expired':
      if (status !== 'uploading') return state
      return { ...enter(state, 'starting'), remoteId: undefined, remoteArn: undefined }
    case 'backoff':
      return isWorking(status) ? { ...state, retryAt: event.retryAt, error: event.error } : state
    case 'attempt':
      if (!isWorking(status)) return state
      return { ...state, attempts: state.attempts + 1, retryAt: undefined, error: undefined }
    case 'fail':
      if (!isWorking(status) && status !== 'queued') return state
      return { ...state, status: 'failed', error: event.error, retryAt: undefined }
    case 'cancel':
      // Not while completing: the bytes are stored and Complete is on its way, so calling the
      // file canceled could hide an attachment the other side will see.
      if (status !== 'queued' && status !== 'starting' && status !== 'uploading') return state
      return { ...state, status: 'canceled', retryAt: undefined }
    case 'retry':
      if (status !== 'failed') return state
      return { ...state, status: 'queued', loaded: 0, progress: 0, attempts: 0, error: undefined }
  }
}
