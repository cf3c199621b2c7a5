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
  const frames = typeof requestAnimationFrame === 'function'
  const run = (): void => {
    cancel()
    callback()
  }
  const timer = setTimeout(run, frames ? HIDDEN_FRAME_MS : 16)
  const handle = frames && requestAnimationFrame(run)
  const cancel = (): void => {
    clearTimeout(timer)
    if (handle) cancelAnimationFrame(handle)
  }
  return cancel
}

/** Collects progress reports and hands the latest of each file over once per frame. */
export interface ProgressBatcher {
  report(id: string, loaded: number): void
  /** Drops a file's pending report (it was canceled or removed). */
  forget(id: string): void
  /** Cancels the pending frame. */
  dispose(): void
}

/**
 * XHR fires `upload.onprogress` every ~50 ms per file; publishing each would re-render on
 * every event for every file. This keeps the last `loaded` per file and calls `flush` with
 * all of them once per frame.
 */
export function createProgressBatcher(
  scheduleFrame: FrameScheduler,
  flush: (latest: ReadonlyMap<string, number>) => void,
): ProgressBatcher {
  let pending = new Map<string, number>()
  let cancelFrame: (() => void) | undefined
  const run = (): void => {
    cancelFrame = undefined
    const batch = pending
    pending = new Map()
    if (batch.size > 0) flush(batch)
  }
  return {
    report(id, loaded) {
      pending.set(id, loaded)
      cancelFrame ??= scheduleFrame(run)
    },
    forget(id) {
      pending.delete(id)
    },
    dispose() {
      cancelFrame?.()
      cancelFrame = undefined
      pending.clear()
    },
  }
}
