import { backoffDelay } from './backoff.js'
import type { RetryOptions } from './backoff.js'
import { AttachmentError, isAttachmentError, isRetryable } from './errors.js'
import { waitUntilOnline } from './online.js'
import type { OnlineSignal } from './online.js'

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

/**
 * Any failure as an {@link AttachmentError}. Anything else an adapter throws is taken for a
 * network failure (fetch rejects with a bare `TypeError` when it cannot connect), keeping the
 * original as `cause`.
 */
export function toAttachmentError(cause: unknown): AttachmentError {
  if (isAttachmentError(cause)) return cause
  return new AttachmentError('network', 'The request could not reach the service.', { cause })
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
