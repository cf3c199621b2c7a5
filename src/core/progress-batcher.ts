/** Runs `callback` at the next frame; returns a function that cancels it. */
export type FrameScheduler = (callback: () => void) => () => void

// A hidden tab runs no animation frame: past this a timer publishes instead, so a subscriber
// outside React (a host sending its chat message) still hears of a finished upload.
const HIDDEN_FRAME_MS = 100

/**
 * `requestAnimationFrame` where there is one, raced by a timer for a hidden tab; else a 16 ms
 * timer (one frame at 60 Hz), so Node and workers batch the same way.
 */
export const defaultFrameScheduler: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(callback, 16)
    return () => clearTimeout(timer)
  }
  const run = (): void => {
    cancel()
    callback()
  }
  const handle = requestAnimationFrame(run)
  const timer = setTimeout(run, HIDDEN_FRAME_MS)
  const cancel = (): void => {
    cancelAnimationFrame(handle)
    clearTimeout(timer)
  }
  return cancel
}

/** Collects what changed and hands it over once per frame. */
export interface ProgressBatcher {
  /** Keeps a file's latest `loaded` for the next frame. */
  report(id: string, loaded: number): void
  /** Asks for the next frame without a report: a status change is waiting to be published. */
  request(): void
  /** Drops a file's pending report (it was canceled or removed). */
  forget(id: string): void
  /** Cancels the pending frame. */
  dispose(): void
}

/**
 * XHR fires `upload.onprogress` every ~50 ms per file and each file changes status four times;
 * publishing each would commit a render per event. This keeps the last `loaded` per file and
 * calls `flush` with all of them (perhaps none, after a `request()`) once per frame.
 */
export function createProgressBatcher(
  scheduleFrame: FrameScheduler,
  flush: (latest: ReadonlyMap<string, number>) => void,
): ProgressBatcher {
  let pending = new Map<string, number>()
  let cancelFrame: (() => void) | undefined
  // Whether `request()` asked for this frame: then it flushes even with no report left.
  let asked = false
  const run = (): void => {
    cancelFrame = undefined
    const batch = pending
    pending = new Map()
    if (batch.size > 0 || asked) flush(batch)
    asked = false
  }
  return {
    report(id, loaded) {
      pending.set(id, loaded)
      cancelFrame ??= scheduleFrame(run)
    },
    request() {
      asked = true
      cancelFrame ??= scheduleFrame(run)
    },
    forget(id) {
      pending.delete(id)
    },
    dispose() {
      cancelFrame?.()
      cancelFrame = undefined
      asked = false
      pending.clear()
    },
  }
}
