// What every side-by-side page shares: the figures it reports to bench/compare.mjs, and the
// promise of the moment every file is completed with the service.

/** What a page reports after one run. */
export interface PageFigures {
  /** From the first file input's change event to the last Complete answered, ms. */
  wallMs: number
  /**
   * Commits from the change to the end: React's, as React tells a devtools hook (see
   * compare.mjs), and on Uppy's page Preact's (uppy-page.tsx).
   */
  commits: number
  /** The longest task of the page in that time (only tasks over 50 ms are reported), ms. */
  longestTaskMs: number
}

/** What the driver gives every page's `mount()`. */
export interface PageConfig {
  emulatorUrl: string
  connectionToken: string
  /** Files the run picks; the run ends when this many are completed. */
  expected: number
  /** Uploads at once, where the page lets us choose. */
  concurrency?: number
}

/** Counts the run's figures; `completed()` once per file the service completed. */
export function createRunFigures(expected: number) {
  let started: number | undefined
  let longestTaskMs = 0
  let completed = 0
  let commitsBefore = 0
  const commits = (): number => (window as { __commits?: number }).__commits ?? 0
  let finish!: (figures: PageFigures) => void
  let fail!: (error: Error) => void
  const done = new Promise<PageFigures>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  // A file input's change is where the user's action ends and the library's work begins.
  const begin = (): void => {
    if (started !== undefined) return
    started = performance.now()
    commitsBefore = commits()
  }
  document.addEventListener('change', begin, { capture: true })
  new PerformanceObserver((list) => {
    if (started === undefined) return
    for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration)
  }).observe({ type: 'longtask', buffered: false })
  return {
    completed(): void {
      completed += 1
      if (completed !== expected) return
      const wallMs = performance.now() - (started ?? 0)
      // A frame later, so that the commit showing the last file done is counted.
      requestAnimationFrame(() =>
        setTimeout(() => finish({ wallMs, commits: commits() - commitsBefore, longestTaskMs })),
      )
    },
    /** A file that will never complete: the run fails rather than waiting for it. */
    failed: (what: unknown): void => fail(new Error(`an upload failed: ${String(what)}`)),
    done,
  }
}
