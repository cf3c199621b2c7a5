import { createStore } from './store.js'
import type { Store } from './store.js'
import { transition } from './upload-machine.js'
import type { UploadEvent, UploadState } from './upload-machine.js'

/**
 * Every upload, in the order added. Structurally shared: a change to one upload replaces that
 * upload's object and `byId`, and leaves every other upload (and `ids`) the same object.
 */
export interface UploadSnapshot {
  readonly ids: readonly string[]
  readonly byId: Readonly<Record<string, UploadState>>
}

/** The store of uploads, changed only through the lifecycle table. */
export interface UploadStore extends Pick<Store<UploadSnapshot>, 'getSnapshot' | 'subscribe'> {
  /** Applies events through `transition`, publishing once for all of them (or not at all). */
  apply(events: Iterable<readonly [string, UploadEvent]>): void
  append(uploads: readonly UploadState[]): void
  remove(id: string): void
  clear(): void
}

/** Creates an {@link UploadStore}; `onStatus` hears of every upload that changed status. */
export function createUploadStore(onStatus: (upload: UploadState) => void): UploadStore {
  const store = createStore<UploadSnapshot>({ ids: [], byId: {} })
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    apply(events) {
      const { ids, byId } = store.getSnapshot()
      let next: Record<string, UploadState> | undefined
      const changed: UploadState[] = []
      for (const [id, event] of events) {
        const current = (next ?? byId)[id]
        if (current === undefined) continue
        const updated = transition(current, event)
        if (updated === current) continue
        next ??= { ...byId }
        next[id] = updated
        if (updated.status !== current.status) changed.push(updated)
      }
      if (next === undefined) return
      store.setState({ ids, byId: next })
      for (const upload of changed) onStatus(upload)
    },
    append(uploads) {
      if (uploads.length === 0) return
      store.setState(({ ids, byId }) => ({
        ids: [...ids, ...uploads.map((upload) => upload.id)],
        byId: { ...byId, ...Object.fromEntries(uploads.map((upload) => [upload.id, upload])) },
      }))
    },
    remove(id) {
      store.setState((previous) => {
        if (previous.byId[id] === undefined) return previous
        const byId = { ...previous.byId }
        delete byId[id]
        return { ids: previous.ids.filter((other) => other !== id), byId }
      })
    },
    clear() {
      store.setState({ ids: [], byId: {} })
    },
  }
}
