import { callWithDeadline } from './deadline.js'
import { isSafeDownloadUrl } from './download-url.js'
import { AttachmentError, invalidResponse, isRetryable, toAttachmentError } from './errors.js'
import type { UploadEvent } from './upload-machine.js'
import type { ResolvedUploadManagerOptions } from './upload-manager-options.js'
import type { FileInfo, UploadTarget } from './types.js'
import { withRetry } from './with-retry.js'

/**
 * Runs an upload from where it stands to `succeeded` or `failed`, with the manager's options as
 * they are when it begins (their `adapter` read at each call: the manager's of the moment). Once `signal` aborts (cancel, remove, dispose) it dispatches nothing
 * more, whatever arrives late.
 */
export type UploadRun = (config: ResolvedUploadManagerOptions, signal: AbortSignal) => Promise<void>

/**
 * The private side of one upload, kept across manual retries: the bytes, the target (its URL is
 * a bearer credential, so it never goes into the store) and the idempotency tokens. Returns the
 * upload's run; `dispatch` hears every event of the upload, progress included.
 */
export function createUploadJob(
  info: FileInfo,
  body: File,
  dispatch: (event: UploadEvent) => void,
): UploadRun {
  let target: UploadTarget | undefined
  /** The target once the PUT to it succeeded. */
  let uploaded: UploadTarget | undefined
  /** Client token of the Start that produced (or is producing) the current target. */
  let startToken: string | undefined
  /** Client token of the Complete of the uploaded target. */
  let completeToken: string | undefined

  return async (config, signal) => {
    const retrying = <T>(call: () => Promise<T>) => withRetry(call, config, signal, dispatch)
    /**
     * An adapter call, retried, each try with its deadline: an answer that never comes fails as
     * `timeout` and frees the upload's slot, whether or not the adapter heeds its signal.
     */
    const calling = <T>(operation: string, call: (signal: AbortSignal) => Promise<T>) =>
      retrying(() => callWithDeadline(operation, config.callTimeoutMs, signal, call))

    try {
      // A manual retry goes on from the step it stopped at, with the target it kept: to Complete
      // once the bytes are stored, to the PUT once there is a target, else to Start.
      dispatch(
        uploaded ? { type: 'uploaded' } : target ? { type: 'started', target } : { type: 'start' },
      )
      // Start (when there is no target) and PUT, asking for a fresh target when the URL expires;
      // `refreshes` counts the fresh targets fetched after expired URLs in this run.
      for (let refreshes = 0; !uploaded; refreshes += 1) {
        let fresh = target === undefined
        if (fresh) {
          const clientToken = (startToken ??= randomToken())
          try {
            const started = await calling('StartUpload', (timed) =>
              config.adapter.startUpload(info, { clientToken, signal: timed }),
            )
            // Checked here for every adapter, by the rule for download URLs: a relative URL
            // would PUT the file to the page's own origin, `data:` would "succeed" with no byte
            // sent, and plain `http:` to a remote host would send it in the clear. The URL is a
            // credential, so the error neither names nor keeps it.
            if (!isSafeDownloadUrl(started.url)) throw invalidResponse('StartUpload', 'upload URL')
            target = started
          } catch (error) {
            // After a definite refusal nothing usable was created (no attachment, or one with an
            // unsafe URL the same token would only return again), so a manual retry mints a new
            // token; after a retryable failure the service may have created the attachment, so
            // a manual retry keeps the token and gets that one back instead of a second.
            if (!signal.aborted && !isRetryable(error)) startToken = undefined
            throw error
          }
          dispatch({ type: 'started', target })
        }
        const current = target!
        const { url, headers, expiresAt } = current
        try {
          // The PUT. A target that has waited (in the queue, offline, in a backoff) is replaced
          // before it is used if it expires within the margin. A fresh target's first try always
          // goes out, S3 being the judge: with a client clock running ahead of AWS's, every fresh
          // target would look expired and the upload would fail without a single PUT.
          await retrying(async () => {
            if (!fresh && expiresAt - config.expiryMarginMs <= config.now()) {
              throw new AttachmentError('url-expired', 'URL expired before the PUT')
            }
            fresh = false
            await config.transport({
              url,
              headers,
              body,
              signal,
              onProgress: (loaded) => dispatch({ type: 'progress', loaded }),
              onSent: () => dispatch({ type: 'sent' }),
              stallTimeoutMs: config.stallTimeoutMs,
              responseTimeoutMs: config.responseTimeoutMs,
            })
          })
          dispatch({ type: 'uploaded' })
          uploaded = current
        } catch (error) {
          // The PUT fails with an AttachmentError (`withRetry` makes every failure one), or with
          // the abort's reason once `signal` aborts.
          if (
            signal.aborted ||
            (error as AttachmentError).code !== 'url-expired' ||
            refreshes >= config.maxUrlRefreshes
          )
            throw error
          // A fresh URL needs a new Start with a new token: the old token would only return the
          // old target again. The first attachment was never completed, so it is not sent.
          target = startToken = undefined
          dispatch({ type: 'start' })
        }
      }
      const stored = uploaded
      const clientToken = (completeToken ??= randomToken())
      await calling('CompleteUpload', (timed) =>
        config.adapter.completeUpload(stored, { clientToken, signal: timed }),
      )
      dispatch({ type: 'completed' })
    } catch (cause) {
      if (!signal.aborted) dispatch({ type: 'fail', error: toAttachmentError(cause) })
    }
  }
}

/**
 * A random v4 UUID for an idempotency `clientToken`, from `crypto.getRandomValues`, which every
 * page has: `crypto.randomUUID` exists only in secure contexts, and a page served over plain
 * http (a kiosk, an intranet) must make tokens too.
 */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(31))
  let i = 0
  // Each x a random hex digit; y one of 8, 9, a, b (RFC 4122's variant); 4 is the version.
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const nibble = (bytes[i++] ?? 0) & 15
    return (c === 'x' ? nibble : (nibble & 3) | 8).toString(16)
  })
}
