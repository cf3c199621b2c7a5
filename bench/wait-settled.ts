import type { UploadManager, UploadSnapshot } from '../src/core/index.js'

const finalStatuses = new Set(['succeeded', 'failed', 'canceled'])

const isSettled = (snapshot: UploadSnapshot): boolean =>
  snapshot.ids.every((id) => finalStatuses.has(snapshot.byId[id]?.status ?? 'queued'))

/**
 * Resolves with the snapshot once every upload of `manager` has reached a final status, and
 * throws unless all of them succeeded: a benchmark whose uploads failed measured nothing.
 */
export function waitSettled(manager: UploadManager, timeoutMs: number): Promise<UploadSnapshot> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const snapshot = manager.getSnapshot()
      if (!isSettled(snapshot)) return
      finish()
      const failed = snapshot.ids.map((id) => snapshot.byId[id]).filter((u) => u?.error)
      if (failed.length === 0) resolve(snapshot)
      else reject(new Error(`${failed.length} upload(s) failed: ${failed[0]?.error?.message}`))
    }
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`uploads did not settle within ${timeoutMs} ms`))
    }, timeoutMs)
    const unsubscribe = manager.subscribe(check)
    const finish = (): void => {
      clearTimeout(timer)
      unsubscribe()
    }
    check()
  })
}
