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
