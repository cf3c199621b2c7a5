/** Whether the network is reachable, and a way to hear when that changes. */
export interface OnlineSignal {
  isOnline(): boolean
  /** Calls `listener` whenever connectivity may have changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
}

/** A signal that never goes offline: the default outside browsers (Node has no `onLine`). */
export const alwaysOnline: OnlineSignal = {
  isOnline: () => true,
  subscribe: () => () => {},
}

/** The browser's signal where there is one, {@link alwaysOnline} elsewhere. */
export function defaultOnlineSignal(): OnlineSignal {
  // `globalThis.` because reading an undeclared global throws; a worker has `navigator.onLine`
  // but no window to hear it change on.
  if (
    typeof globalThis.window?.addEventListener !== 'function' ||
    typeof globalThis.navigator?.onLine !== 'boolean'
  ) {
    return alwaysOnline
  }
  // `navigator.onLine` with the window's `online` and `offline` events.
  return {
    isOnline: () => navigator.onLine,
    subscribe(listener) {
      const listen = (method: 'addEventListener' | 'removeEventListener'): void => {
        window[method]('online', listener)
        window[method]('offline', listener)
      }
      listen('addEventListener')
      return () => listen('removeEventListener')
    },
  }
}

/**
 * Resolves once `start`'s `done` is called; rejects with the reason as soon as `signal` aborts
 * (at once if it has). `start` begins the wait and returns what ends it, which runs either way.
 * `done` must not be called before `start` returns.
 */
export function abortable(
  signal: AbortSignal,
  start: (done: () => void) => () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted()
    const end = (settle: () => void) => (): void => {
      stop()
      signal.removeEventListener('abort', onAbort)
      settle()
    }
    const onAbort = end(() => reject(signal.reason))
    const stop = start(end(resolve))
    signal.addEventListener('abort', onAbort)
  })
}

/** Resolves after `ms` milliseconds; rejects with the reason as soon as `signal` aborts. */
export const sleep = (signal: AbortSignal, ms: number): Promise<void> =>
  abortable(signal, (done) => {
    const timer = setTimeout(done, ms)
    return () => clearTimeout(timer)
  })
