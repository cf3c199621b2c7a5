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

/**
 * The manager's least time between two publications of its engine's changes, with its default
 * frames (a host's `scheduleFrame` is used as is). A status that changes alone shows at the
 * next frame; while many change (200 small files ending one after another for seconds) the
 * store publishes every ~100 ms rather than on every frame: within the ~100 ms in which a change
 * still reads as instant, and the bar's 200 ms transition (styles.css) keeps its motion smooth.
 * Uppy throttles its total progress to 500 ms. With one publication per frame, `npm run bench`
 * measured 312 commits for 200 files of 10 KiB on a loaded machine (README, Benchmarks).
 */
export const PUBLISH_INTERVAL_MS = 100

/** Collects progress reports and hands the latest of each file over at a frame. */
export interface ProgressBatcher {
  report(id: string, loaded: number): void
  /** Cancels the pending frame. */
  dispose(): void
}

/**
 * XHR fires `upload.onprogress` every ~50 ms per file; publishing each would re-render on
 * every event for every file. This keeps the last `loaded` per file and calls `flush` with
 * all of them at a frame, none sooner than `intervalMs` after the last flush (by
 * `performance.now()`, which fake timers move with the frames): a frame before is passed over.
 */
export function createProgressBatcher(
  scheduleFrame: FrameScheduler,
  flush: (latest: ReadonlyMap<string, number>) => void,
  intervalMs = 0,
): ProgressBatcher {
  let pending = new Map<string, number>()
  let cancelFrame: (() => void) | undefined
  let last = -Infinity
  const run = (): void => {
    if (performance.now() - last < intervalMs) return void (cancelFrame = scheduleFrame(run))
    last = performance.now()
    cancelFrame = undefined
    // A frame is only asked for by a report, so the batch holds at least one; a report `flush`
    // causes goes into the next.
    const batch = pending
    pending = new Map()
    flush(batch)
  }
  return {
    report(id, loaded) {
      pending.set(id, loaded)
      cancelFrame ??= scheduleFrame(run)
    },
    dispose() {
      cancelFrame?.()
      cancelFrame = undefined
    },
  }
}
