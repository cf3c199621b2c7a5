import { AttachmentError } from './errors.js'
import type { OnlineSignal } from './online.js'

/** Runs queued uploads, no more than `concurrency` at once, and only while online. */
export interface UploadQueue {
  /** Starts queued uploads while there is room. */
  pump(): void
  /** Aborts an upload and frees its slot at once. */
  stop(id: string): void
  /** Aborts every running upload. */
  stopAll(): void
  /**
   * Stops listening to the online signal; `pump` starts nothing after. Uploads still running are
   * left to finish (the manager stops those that should not).
   */
  dispose(): void
}

/** Options of {@link createUploadQueue}. */
export interface UploadQueueOptions {
  /** Read at each pump, so a new limit applies at once. */
  concurrency: () => number
  online: OnlineSignal
  /** Ids of the queued uploads, in the order they should run. */
  queued: () => Iterable<string>
  /** Runs one upload; it must stop touching anything once `signal` aborts. */
  run: (id: string, signal: AbortSignal) => Promise<void>
}

/**
 * The queue. A file waiting out a backoff keeps its slot, so a throttled service sees fewer
 * requests, not the next files' ones.
 */
export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const running = new Map<string, AbortController>()
  let disposed = false
  // Subscribed at the first pump, not at creation: a manager made and dropped during a render
  // must leave no listener behind.
  let unsubscribe: (() => void) | undefined

  const pump = (): void => {
    if (disposed) return
    unsubscribe ??= options.online.subscribe(pump)
    if (!options.online.isOnline()) return
    for (const id of options.queued()) {
      if (running.size >= options.concurrency()) return
      if (!running.has(id)) launch(id)
    }
  }
  const launch = (id: string): void => {
    const controller = new AbortController()
    running.set(id, controller)
    void options.run(id, controller.signal).finally(() => {
      if (running.get(id) === controller) running.delete(id)
      pump()
    })
  }
  // The slot is freed at once: an adapter that ignores the signal must not hold up the queue.
  const stop = (id: string): void => {
    const controller = running.get(id)
    running.delete(id)
    controller?.abort(new AttachmentError('aborted', 'The upload was canceled.'))
  }
  const stopAll = (): void => {
    for (const id of [...running.keys()]) stop(id)
  }
  return {
    pump,
    stop,
    stopAll,
    dispose() {
      disposed = true
      unsubscribe?.()
    },
  }
}
