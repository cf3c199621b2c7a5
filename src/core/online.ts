/** Whether the network is reachable, and a way to hear when that changes. */
export interface OnlineSignal {
  isOnline(): boolean
  /** Calls `listener` whenever connectivity may have changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
}

/** A signal that never goes offline: the default outside browsers (Node has no `onLine`). */
export const alwaysOnline: OnlineSignal = Object.freeze({
  isOnline: () => true,
  subscribe: () => () => {},
})

/** `navigator.onLine` with the window's `online` and `offline` events. */
export function browserOnlineSignal(): OnlineSignal {
  return {
    isOnline: () => navigator.onLine,
    subscribe(listener) {
      window.addEventListener('online', listener)
      window.addEventListener('offline', listener)
      return () => {
        window.removeEventListener('online', listener)
        window.removeEventListener('offline', listener)
      }
    },
  }
}

/** The browser's signal where there is one, {@link alwaysOnline} elsewhere. */
export function defaultOnlineSignal(): OnlineSignal {
  const browser =
    typeof window !== 'undefined' &&
    typeof window.addEventListener === 'function' &&
    typeof navigator !== 'undefined' &&
    typeof navigator.onLine === 'boolean'
  return browser ? browserOnlineSignal() : alwaysOnline
}

/** Resolves when `online` reports being online (at once if it is); rejects when `signal` aborts. */
export function waitUntilOnline(online: OnlineSignal, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason)
  if (online.isOnline()) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const done = (): void => {
      unsubscribe()
      signal.removeEventListener('abort', onAbort)
    }
    const onAbort = (): void => {
      done()
      reject(signal.reason)
    }
    const unsubscribe = online.subscribe(() => {
      if (!online.isOnline()) return
      done()
      resolve()
    })
    signal.addEventListener('abort', onAbort)
  })
}
