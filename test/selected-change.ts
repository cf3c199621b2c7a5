// A selector subscription over an upload manager, for tests and benchmarks that count how
// often one slice of the snapshot changes.
import type { UploadManager } from '../src/core/upload-manager.js'
import type { UploadSnapshot } from '../src/core/upload-store.js'

/**
 * Calls `listener` each time `selector`'s result over the manager's snapshot changes (by
 * `Object.is`), the way a selector hook re-renders; returns the unsubscribe function.
 */
export function onSelectedChange<S>(
  manager: Pick<UploadManager, 'getSnapshot' | 'subscribe'>,
  selector: (snapshot: UploadSnapshot) => S,
  listener: () => void,
): () => void {
  let selected = selector(manager.getSnapshot())
  return manager.subscribe(() => {
    const next = selector(manager.getSnapshot())
    if (Object.is(selected, next)) return
    selected = next
    listener()
  })
}
