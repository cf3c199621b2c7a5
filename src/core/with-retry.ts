import { isRetryable, toAttachmentError } from './errors.js'
import { abortable, sleep } from './online.js'
import type { UploadEvent } from './upload-machine.js'
import type { ResolvedUploadManagerOptions } from './upload-manager-options.js'

/** How Start, PUT and Complete are retried after a retryable failure. */
export interface RetryOptions {
  /** Tries per request, the first one included. @default 4 */
  attempts: number
  /** Ceiling of the first retry's delay in ms; it doubles with each retry. @default 500 */
  baseDelayMs: number
  /** Largest ceiling of any delay, in ms. @default 10000 */
  maxDelayMs: number
}

// Close to what Uppy and the AWS SDKs do: three retries spread over a few seconds ride out a
// throttling burst or a brief network drop without keeping a user waiting for long.
/** The retry policy used when none is given. */
export const DEFAULT_RETRY: Readonly<RetryOptions> = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
}

/**
 * Runs `call` until it succeeds, fails in a way a retry cannot fix, or runs out of attempts,
 * waiting a full-jitter backoff between tries, which it reports through `dispatch`. Nothing is
 * sent while offline: every try, the first included, first waits for the network. Once `signal`
 * aborts it throws, even when a result came: a late answer for a canceled upload is dropped.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  {
    retry,
    random,
    now,
    online,
  }: Pick<ResolvedUploadManagerOptions, 'retry' | 'random' | 'now' | 'online'>,
  signal: AbortSignal,
  dispatch: (event: UploadEvent) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    // Canceled: throw with the abort's reason; offline: wait for the network first.
    signal.throwIfAborted()
    if (!online.isOnline()) {
      await abortable(signal, (done) =>
        online.subscribe(() => {
          if (online.isOnline()) done()
        }),
      )
    }
    if (attempt > 1) dispatch({ type: 'attempt' })
    try {
      const result = await call()
      signal.throwIfAborted()
      return result
    } catch (cause) {
      const error = toAttachmentError(cause)
      if (signal.aborted || !isRetryable(error) || attempt >= retry.attempts) throw error
      // Exponential backoff with full jitter: before retry n (0 for the first, so attempt - 1)
      // a uniformly random delay in `[0, min(max, base · 2^n))`, which spreads clients that
      // failed together (a throttling burst) so they do not come back together.
      const delay = Math.floor(
        random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)),
      )
      dispatch({ type: 'backoff', error, retryAt: now() + delay })
      await sleep(signal, delay)
    }
  }
}
