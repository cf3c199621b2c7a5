import { isRetryable, toAttachmentError } from './errors.js'
import type { AttachmentError } from './errors.js'
import { waitUntilOnline } from './online.js'
import type { OnlineSignal } from './online.js'

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
export const DEFAULT_RETRY: Readonly<RetryOptions> = Object.freeze({
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
})

/**
 * The wait before retry number `retry` (0 for the first retry): exponential backoff with full
 * jitter, a uniformly random delay in `[0, min(max, base · 2^retry))`. Full jitter spreads
 * clients that failed together (a throttling burst) so they do not come back together.
 */
export function backoffDelay(
  retry: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}

/** What {@link withRetry} needs: the policy, the clock, connectivity and where to report. */
export interface RetryContext {
  retry: RetryOptions
  random: () => number
  now: () => number
  online: OnlineSignal
  signal: AbortSignal
  /** A retryable failure: the call runs again at `retryAt` (epoch ms). */
  onBackoff(error: AttachmentError, retryAt: number): void
  /** The call runs again after a backoff. */
  onAttempt(): void
}

/** Waits `ms`; rejects with the signal's reason (and clears the timer) when it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs `call` until it succeeds, fails in a way a retry cannot fix, or runs out of attempts,
 * waiting a full-jitter backoff between tries. Nothing is sent while offline: every try,
 * the first included, first waits for the network.
 */
export async function withRetry<T>(call: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    await waitUntilOnline(context.online, context.signal)
    if (attempt > 1) context.onAttempt()
    try {
      return await call()
    } catch (cause) {
      const error = toAttachmentError(cause)
      if (context.signal.aborted || !isRetryable(error) || attempt >= context.retry.attempts) {
        throw error
      }
      const delay = backoffDelay(attempt - 1, context.retry, context.random)
      context.onBackoff(error, context.now() + delay)
      await sleep(delay, context.signal)
    }
  }
}
