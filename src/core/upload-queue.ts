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
  /** Aborts everything and stops listening to the online signal; `pump` does nothing after. */
  dispose(): void
}

/** Options of {@link createUploadQueue}. */
export interface UploadQueueOptions {
  concurrency: number
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

  const pump = (): void => {
    if (disposed || !options.online.isOnline()) return
    for (const id of options.queued()) {
      if (running.size >= options.concurrency) return
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
  const unsubscribe = options.online.subscribe(pump)

  return {
    pump,
    stop,
    stopAll,
    dispose() {
      disposed = true
      stopAll()
      unsubscribe()
    },
  }
}
