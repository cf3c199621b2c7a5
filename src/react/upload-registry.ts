import { createStore } from '../core/store.js'
import type { UploadState } from '../core/upload-machine.js'
import type { UploadManager } from '../core/upload-manager.js'

type Readable = Pick<UploadManager, 'getSnapshot' | 'subscribe'>

/**
 * The upload managers in use below one provider, so that `useUpload(id)` finds an upload in
 * whichever manager holds it. Managers are counted: two hooks sharing one manager register it
 * twice, and it leaves when the last one goes.
 */
export interface UploadRegistry {
  /**
   * Adds a manager (again); returns the function that takes this registration back, to be
   * called once (an effect's cleanup).
   */
  register(manager: Readable): () => void
  /**
   * Makes a manager's uploads findable from the render that first uses it, before its
   * registration (an effect) has run; subscribes to nothing and counts nothing, so it is safe to
   * call while rendering.
   */
  note(manager: Readable): void
  /** The upload with `id` in any registered manager (ids are unique across managers). */
  find(id: string): UploadState | undefined
  /** Calls `listener` when any registered manager changes, or a manager comes or goes. */
  subscribe(listener: () => void): () => void
}

/** Creates an empty {@link UploadRegistry}. */
export function createUploadRegistry(): UploadRegistry {
  const managers = new Map<Readable, { count: number; unsubscribe: () => void }>()
  // Where `find` looks: every registered manager, and those noted while rendering and not
  // registered yet. A manager noted by a render that never commits stays here until the provider
  // goes; it holds no listener, and ids are unique across managers, so it answers only for its own.
  const findable = new Set<Readable>()
  // One subscription per manager, whatever the number of listeners: each change of a manager,
  // and each manager coming or going, moves this counter, and the store tells every listener.
  const changes = createStore(0)
  const changed = () => changes.setState((count) => count + 1)

  return {
    register(manager) {
      const entry = managers.get(manager) ?? { count: 0, unsubscribe: manager.subscribe(changed) }
      if (entry.count++ === 0) {
        managers.set(manager, entry)
        findable.add(manager)
        changed()
      }
      return () => {
        if (--entry.count > 0) return
        managers.delete(manager)
        findable.delete(manager)
        entry.unsubscribe()
        changed()
      }
    },
    note: (manager) => void findable.add(manager),
    find(id) {
      for (const manager of findable) {
        const upload = manager.getSnapshot().byId[id]
        if (upload !== undefined) return upload
      }
      return undefined
    },
    subscribe: changes.subscribe,
  }
}
