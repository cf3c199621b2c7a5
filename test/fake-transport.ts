import { AttachmentError } from '../src/core/errors.js'
import type { Transport, TransportRequest } from '../src/core/types.js'

/** One PUT the fake transport received, driven by the test. */
export interface FakePut {
  readonly request: TransportRequest
  /** Whether the PUT was aborted through its signal. */
  readonly aborted: boolean
  /** Whether it has resolved or rejected. */
  readonly settled: boolean
  /** Reports `loaded` bytes sent, as `upload.onprogress` would. */
  progress(loaded: number): void
  succeed(): void
  fail(error: unknown): void
}

/**
 * A scriptable {@link Transport}. With `auto` (the default) each PUT succeeds on the next
 * microtask; otherwise the test drives each through `puts`. `failNext` makes the next PUTs fail.
 */
export function createFakeTransport(options: { auto?: boolean } = {}) {
  const auto = options.auto ?? true
  const puts: FakePut[] = []
  const scripted: unknown[] = []
  let active = 0
  let maxActive = 0

  const transport: Transport = (request) =>
    new Promise<void>((resolve, reject) => {
      let settled = false
      let aborted = false
      const settle = (outcome: () => void): void => {
        if (settled) return
        settled = true
        active -= 1
        // As a real transport does: a settled request holds nothing through its signal.
        request.signal.removeEventListener('abort', onAbort)
        outcome()
      }
      const put: FakePut = {
        request,
        get aborted() {
          return aborted
        },
        get settled() {
          return settled
        },
        progress: (loaded) => {
          if (!settled) request.onProgress?.(loaded, request.body.size)
        },
        succeed: () => settle(resolve),
        fail: (error) => settle(() => reject(error)),
      }
      active += 1
      maxActive = Math.max(maxActive, active)
      puts.push(put)
      const onAbort = (): void => {
        aborted = true
        settle(() => reject(new AttachmentError('aborted', 'The upload was canceled.')))
      }
      if (request.signal.aborted) return onAbort()
      request.signal.addEventListener('abort', onAbort, { once: true })
      if (scripted.length > 0) {
        const error = scripted.shift()
        queueMicrotask(() => put.fail(error))
      } else if (auto) queueMicrotask(() => put.succeed())
    })

  return {
    transport,
    puts,
    /** Makes the next PUTs fail, one error per PUT. */
    failNext(...errors: unknown[]): void {
      scripted.push(...errors)
    },
    /** The most recent PUT. */
    last(): FakePut {
      const put = puts.at(-1)
      if (put === undefined) throw new Error('no PUT was made')
      return put
    },
    get active() {
      return active
    },
    get maxActive() {
      return maxActive
    },
  }
}

/** The fake transport with its controls. */
export type FakeTransport = ReturnType<typeof createFakeTransport>
