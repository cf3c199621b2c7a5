// Every timer the emulator starts goes through here, so that close() can clear them all and a
// test run ends with no open handles.

/** A set of timers cleared together. */
export interface Timers {
  /** Runs `fn` after `ms`; cleared by `clear()`. */
  after(ms: number, fn: () => void): void
  /** Resolves after `ms` (never, once cleared: the request it delays is being torn down). */
  sleep(ms: number): Promise<void>
  /** Clears every pending timer. */
  clear(): void
}

/** Creates an empty set of timers. */
export function createTimers(): Timers {
  const pending = new Set<NodeJS.Timeout>()
  const after = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      pending.delete(timer)
      fn()
    }, ms)
    pending.add(timer)
  }
  return {
    after,
    sleep: (ms) => new Promise((resolve) => after(ms, resolve)),
    clear() {
      for (const timer of pending) clearTimeout(timer)
      pending.clear()
    },
  }
}
