import type { UploadState } from '../core/upload-machine.js'
import type { UploadManager } from '../core/upload-manager.js'

type Readable = Pick<UploadManager, 'getSnapshot' | 'subscribe'>

/**
 * The upload managers in use below one provider, so that `useUpload(id)` finds an upload in
 * whichever manager holds it. Managers are counted: two hooks sharing one manager register it
 * twice, and it leaves when the last one goes.
 */
export interface UploadRegistry {
  /** Adds a manager (again); returns the function that takes this registration back. */
  register(manager: Readable): () => void
  /** The upload with `id` in any registered manager (ids are unique across managers). */
  find(id: string): UploadState | undefined
  /** Calls `listener` when any registered manager changes, or a manager comes or goes. */
  subscribe(listener: () => void): () => void
}

/** Creates an empty {@link UploadRegistry}. */
export function createUploadRegistry(): UploadRegistry {
  const counts = new Map<Readable, number>()
  // Per listener, its subscription to each registered manager.
  const listeners = new Map<() => void, Map<Readable, () => void>>()

  return {
    register(manager) {
      const count = counts.get(manager) ?? 0
      counts.set(manager, count + 1)
      if (count === 0) {
        for (const [listener, subscriptions] of listeners) {
          subscriptions.set(manager, manager.subscribe(listener))
          listener()
        }
      }
      let registered = true
      return () => {
        if (!registered) return
        registered = false
        const left = (counts.get(manager) ?? 1) - 1
        if (left > 0) return void counts.set(manager, left)
        counts.delete(manager)
        for (const [listener, subscriptions] of listeners) {
          subscriptions.get(manager)?.()
          subscriptions.delete(manager)
          listener()
        }
      }
    },
    find(id) {
      for (const manager of counts.keys()) {
        const upload = manager.getSnapshot().byId[id]
        if (upload !== undefined) return upload
      }
      return undefined
    },
    subscribe(listener) {
      const subscriptions = new Map<Readable, () => void>()
      for (const manager of counts.keys()) subscriptions.set(manager, manager.subscribe(listener))
      listeners.set(listener, subscriptions)
      return () => {
        for (const unsubscribe of subscriptions.values()) unsubscribe()
        listeners.delete(listener)
      }
    },
  }
}
