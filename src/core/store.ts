/** A minimal external store, the shape `useSyncExternalStore` reads. */
export interface Store<T> {
  /** The current state; the same object until something changes. */
  getSnapshot(): T
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
  /** Replaces the state (or derives it from the previous one); no-op when `Object.is` equal. */
  setState(next: T | ((previous: T) => T)): void
}

/**
 * Calls the host's code (`what` names it in the console). When it throws (a rendering bug in a
 * subscriber, a callback's bug), the error reaches the console and not our caller: the code that
 * changed the state, the other listeners, or an upload half-way through a step.
 */
export function isolate(call: () => void, what: string): void {
  try {
    call()
  } catch (error) {
    console.error(`connect-attachments: ${what} threw`, error)
  }
}

/** Creates a {@link Store} holding `initial`. */
export function createStore<T>(initial: T): Store<T> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    setState(next) {
      const value = typeof next === 'function' ? (next as (previous: T) => T)(state) : next
      if (Object.is(value, state)) return
      state = value
      for (const listener of [...listeners]) isolate(listener, 'a store listener')
    },
  }
}
