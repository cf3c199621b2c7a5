import type { RetryOptions } from './with-retry.js'
import { AttachmentError, isRetryable, toAttachmentError } from './errors.js'
import type { OnlineSignal } from './online.js'
import type { UploadEvent } from './upload-machine.js'
import type { AttachmentAdapter, FileInfo, Transport, UploadTarget } from './types.js'
import { withRetry } from './with-retry.js'
import type { RetryContext } from './with-retry.js'

/**
 * The private side of one upload: the bytes, the target (its URL is a bearer credential, so it
 * never goes into the store) and the idempotency tokens, kept across manual retries.
 */
export interface UploadJob {
  readonly id: string
  readonly body: File
  readonly info: FileInfo
  target?: UploadTarget
  /** Client token of the Start that produced (or is producing) the current target. */
  startToken?: string
  /** Client token of the Complete for the current target. */
  completeToken?: string
  /** Whether the PUT to the current target succeeded. */
  uploaded: boolean
  /** Fresh targets fetched after expired URLs since the upload last (re)started. */
  refreshes: number
}

/** What the engine needs from the manager. */
export interface UploadEngine {
  adapter: AttachmentAdapter
  transport: Transport
  retry: RetryOptions
  maxUrlRefreshes: number
  expiryMarginMs: number
  stallTimeoutMs: number
  responseTimeoutMs?: number
  now: () => number
  random: () => number
  online: OnlineSignal
  dispatch(id: string, event: UploadEvent): void
  reportProgress(id: string, loaded: number): void
}

/**
 * Runs one upload from where its job stands to `succeeded` or `failed`. Once `signal` aborts
 * (cancel, remove, dispose) it dispatches nothing more, whatever arrives late.
 */
export async function runUpload(
  job: UploadJob,
  engine: UploadEngine,
  signal: AbortSignal,
): Promise<void> {
  try {
    if (job.target === undefined) engine.dispatch(job.id, { type: 'start' })
    else
      engine.dispatch(job.id, { type: 'resume', phase: job.uploaded ? 'completing' : 'uploading' })
    if (!job.uploaded) await upload(job, engine, signal)
    await complete(job, engine, signal)
    engine.dispatch(job.id, { type: 'completed' })
  } catch (cause) {
    if (signal.aborted) return
    engine.dispatch(job.id, { type: 'fail', error: toAttachmentError(cause) })
  }
}

/** Throws when the upload was aborted while awaiting, so a late result is dropped. */
function assertActive(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason
}

function retryContext(job: UploadJob, engine: UploadEngine, signal: AbortSignal): RetryContext {
  return {
    ...engine,
    signal,
    onBackoff: (error, retryAt) => engine.dispatch(job.id, { type: 'backoff', error, retryAt }),
    onAttempt: () => engine.dispatch(job.id, { type: 'attempt' }),
  }
}

/** Start (when there is no target) and PUT, asking for a fresh target when the URL expires. */
async function upload(job: UploadJob, engine: UploadEngine, signal: AbortSignal): Promise<void> {
  for (;;) {
    const fresh = job.target === undefined
    if (fresh) await start(job, engine, signal)
    try {
      await put(job, engine, signal, fresh)
      job.uploaded = true
      engine.dispatch(job.id, { type: 'uploaded' })
      return
    } catch (cause) {
      const error = toAttachmentError(cause)
      if (signal.aborted || error.code !== 'url-expired') throw error
      if (job.refreshes >= engine.maxUrlRefreshes) throw error
      // A fresh URL needs a new Start with a new token: the old token would only return the
      // old target again. The first attachment was never completed, so it is not sent.
      job.refreshes += 1
      job.target = undefined
      job.startToken = undefined
      engine.dispatch(job.id, { type: 'expired' })
    }
  }
}

async function start(job: UploadJob, engine: UploadEngine, signal: AbortSignal): Promise<void> {
  const clientToken = (job.startToken ??= randomToken())
  try {
    const target = await withRetry(
      () => engine.adapter.startUpload(job.info, { clientToken, signal }),
      retryContext(job, engine, signal),
    )
    assertActive(signal)
    job.target = target
    job.completeToken = undefined
    engine.dispatch(job.id, { type: 'started', target })
  } catch (error) {
    // After a definite refusal nothing was created, so a manual retry may mint a new token;
    // after a retryable failure the service may have created the attachment, so a manual
    // retry keeps the token and gets that one back instead of a second.
    if (!signal.aborted && !isRetryable(error)) job.startToken = undefined
    throw error
  }
}

/**
 * PUTs the bytes. A target that has waited (in the queue, offline, in a backoff) is replaced
 * before it is used if it expires within the margin. A fresh target's first try always goes
 * out, S3 being the judge: with a client clock running ahead of AWS's, every fresh target
 * would look expired and the upload would fail without a single PUT.
 */
async function put(
  job: UploadJob,
  engine: UploadEngine,
  signal: AbortSignal,
  fresh: boolean,
): Promise<void> {
  const target = job.target
  if (target === undefined) throw new Error('put() needs a target')
  let trustTarget = fresh
  await withRetry(
    async () => {
      const check = !trustTarget
      trustTarget = false
      if (check && target.expiresAt - engine.expiryMarginMs <= engine.now()) {
        throw new AttachmentError('url-expired', 'The upload URL expired before the upload began.')
      }
      await engine.transport({
        url: target.url,
        headers: target.headers,
        body: job.body,
        signal,
        onProgress: (loaded) => engine.reportProgress(job.id, loaded),
        onSent: () => engine.dispatch(job.id, { type: 'sent' }),
        stallTimeoutMs: engine.stallTimeoutMs,
        responseTimeoutMs: engine.responseTimeoutMs,
      })
    },
    retryContext(job, engine, signal),
  )
  assertActive(signal)
}

async function complete(job: UploadJob, engine: UploadEngine, signal: AbortSignal): Promise<void> {
  const target = job.target
  if (target === undefined) throw new Error('complete() needs a target')
  const clientToken = (job.completeToken ??= randomToken())
  await withRetry(
    () => engine.adapter.completeUpload(target, { clientToken, signal }),
    retryContext(job, engine, signal),
  )
  assertActive(signal)
}

/**
 * A random v4 UUID for an idempotency `clientToken`. `crypto.randomUUID` exists only in secure
 * contexts, so a page served over plain http (a kiosk, an intranet) falls back to
 * `getRandomValues`, which does not need one.
 */
export function randomToken(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40 // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80 // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
