// Every state an upload of a real manager passes through, for browser tests that check the order
// of states (not only the last one) and wait for the end without sleeping.
import type { UploadManager } from '../src/core/upload-manager.js'
import type { UploadState } from '../src/core/upload-machine.js'

const finalStatuses: ReadonlySet<string> = new Set(['succeeded', 'failed', 'canceled'])

/** The recorder {@link recordUploads} returns. */
export interface UploadHistory {
  /** The distinct states of upload `id`, oldest first, as the manager published them. */
  states(id: string): readonly UploadState[]
  /** Resolves with the state in which upload `id` ended (succeeded, failed or canceled). */
  finished(id: string): Promise<UploadState>
}

/**
 * Records each upload's states from now on; subscribe before `add` to see `queued`. Structural
 * sharing keeps an unchanged upload's identity, so a new object is a new state.
 */
export function recordUploads(manager: UploadManager): UploadHistory {
  const seen = new Map<string, UploadState[]>()
  const record = (): void => {
    const { ids, byId } = manager.getSnapshot()
    for (const id of ids) {
      const upload = byId[id]
      const states = seen.get(id) ?? []
      if (upload !== undefined && states.at(-1) !== upload) seen.set(id, [...states, upload])
    }
  }
  manager.subscribe(record)
  record()
  const last = (id: string) => seen.get(id)?.at(-1)
  return {
    states: (id) => seen.get(id) ?? [],
    finished: (id) =>
      new Promise((resolve) => {
        const check = (): boolean => {
          const upload = last(id)
          if (upload === undefined || !finalStatuses.has(upload.status)) return false
          resolve(upload)
          return true
        }
        if (check()) return
        const unsubscribe = manager.subscribe(() => {
          if (check()) unsubscribe()
        })
      }),
  }
}
