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

/**
 * A frame scheduler whose frames run when the test calls `flush`, or with `auto` also by
 * themselves a task later, as a browser's next frame comes whether or not a test asks for it.
 */
export function createFakeFrames(options: { auto?: boolean } = {}) {
  let callbacks: Array<() => void> = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = (): void => {
    clearTimeout(timer)
    timer = undefined
    const due = callbacks
    callbacks = []
    for (const callback of due) callback()
  }
  return {
    scheduleFrame(callback: () => void): () => void {
      callbacks.push(callback)
      if (options.auto) timer ??= setTimeout(flush, 0)
      return () => {
        callbacks = callbacks.filter((other) => other !== callback)
      }
    },
    /** Runs the frame: every callback scheduled so far. */
    flush,
    get pending() {
      return callbacks.length
    },
  }
}
