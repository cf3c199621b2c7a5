import type { OnlineSignal } from '../src/core/online.js'

/** An {@link OnlineSignal} the test switches with `set`. */
export function createFakeOnline(initial = true) {
  let online = initial
  const listeners = new Set<() => void>()
  const signal: OnlineSignal & { set(value: boolean): void; readonly listeners: number } = {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    set(value) {
      online = value
      for (const listener of [...listeners]) listener()
    },
    get listeners() {
      return listeners.size
    },
  }
  return signal
}

/** A frame scheduler whose frames run only when the test calls `flush`. */
export function createFakeFrames() {
  let callbacks: Array<() => void> = []
  return {
    scheduleFrame(callback: () => void): () => void {
      callbacks.push(callback)
      return () => {
        callbacks = callbacks.filter((other) => other !== callback)
      }
    },
    /** Runs the frame: every callback scheduled so far. */
    flush(): void {
      const due = callbacks
      callbacks = []
      for (const callback of due) callback()
    },
    get pending() {
      return callbacks.length
    },
  }
}
