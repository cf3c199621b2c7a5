import { AttachmentError } from './errors.js'
import { abortable } from './online.js'

/**
 * How long one adapter call (Start, Complete, a file's status, a delete) may go unanswered, in
 * ms. The services answer in well under a second; 30 s is what the AWS SDKs' default socket
 * timeouts and a phone's first request after waking both fit in, yet a request lost in a dead
 * connection no longer holds an upload slot for as long as the page stays open.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000

// The errors deadlines raised: a call that waited out its whole deadline, told apart from a
// `timeout` an adapter reports (a 408, its own client's timeout).
const passed = new WeakSet<object>()

/** Whether `error` is the `timeout` of a {@link callWithDeadline} whose deadline passed. */
export const isPastDeadline = (error: unknown): boolean => passed.has(error as object)

/**
 * Runs `call` with a signal that aborts when `signal` does or when `timeoutMs` pass, whichever
 * comes first, and settles then whatever `call` does: a `call` that ignores its signal cannot
 * hold its caller. At the deadline it rejects with a retryable `timeout` (status 0: no answer
 * came) naming `operation`; when `signal` aborts, with its reason. `timeoutMs` 0: no deadline.
 */
export async function callWithDeadline<T>(
  operation: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted()
  // Linked by hand rather than with AbortSignal.any: the timer is a plain setTimeout, so fake
  // timers drive it, and signals of two realms (jsdom's and Node's) mix.
  const controller = new AbortController()
  const aborted = controller.signal
  const onAbort = (): void => controller.abort(signal!.reason)
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          const error = new AttachmentError('timeout', `${operation}: no answer`, { status: 0 })
          passed.add(error)
          controller.abort(error)
        }, timeoutMs)
      : undefined
  signal?.addEventListener('abort', onAbort)
  try {
    // The second promise only ever rejects: its wait has no end but the abort.
    return (await Promise.race([call(aborted), abortable(aborted, () => () => {})])) as T
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}
