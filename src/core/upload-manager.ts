import { createProgressBatcher } from './progress-batcher.js'
import { runUpload } from './run-upload.js'
import type { UploadEngine, UploadJob } from './run-upload.js'
import { createUploadState, isFinal } from './upload-machine.js'
import type { UploadState } from './upload-machine.js'
import { resolveOptions, resolveRules } from './upload-manager-options.js'
import type {
  ResolvedUploadManagerOptions,
  UploadManagerOptions,
  UploadManagerSettings,
} from './upload-manager-options.js'
import { createUploadQueue } from './upload-queue.js'
import { createUploadStore } from './upload-store.js'
import type { UploadSnapshot, UploadStore } from './upload-store.js'
import { validateFiles } from './validate-files.js'
import type { FileRejection } from './validate-files.js'
import type { UploadRules } from './types.js'

/** What {@link UploadManager.add} did with the files it was given. */
export interface AddResult {
  /** Ids of the uploads created, in the order the files came. */
  ids: string[]
  /** Files turned away before any request, with their reasons. */
  rejections: FileRejection[]
}

/**
 * Runs the uploads of one conversation or case; read it like a store. It does nothing (no
 * listener, no timer) until the first `mount()` or `add()`, so making one and dropping it
 * during a render costs nothing.
 */
export interface UploadManager {
  getSnapshot(): UploadSnapshot
  subscribe(listener: () => void): () => void
  /** Validates the files against {@link getRules} and queues those that pass; never throws for a bad file. */
  add(files: Iterable<File> | ArrayLike<File>): AddResult
  /** Stops an upload that is queued, starting or uploading; a canceled file is never completed. */
  cancel(id: string): void
  /**
   * Queues a failed upload again. It reuses what is safe to reuse so that no second attachment
   * is created: the target, when the PUT or Complete failed (a fresh one is fetched if its URL
   * expired meanwhile); the Start token, when Start failed in a way that may have created one.
   */
  retry(id: string): void
  /**
   * Forgets an upload, canceling it first if it runs. An upload already completing is not cut
   * short (its bytes are stored and the attachment may already be visible): it finishes, then
   * disappears. Deletes nothing on the service.
   */
  remove(id: string): void
  /** {@link remove} for every upload. */
  clear(): void
  /**
   * The file an upload sends, for a preview (a thumbnail's object URL, made once when its row
   * appears). Held until the upload succeeds or is canceled, then let go; a failed one keeps it
   * for retry. `undefined` once let go, and for an unknown id.
   */
  getFile(id: string): File | undefined
  /** The rules files are checked against now: defaults, the adapter's limits, the host's rules. */
  getRules(): UploadRules
  /** Changes options without making a new manager; the next upload step reads them. */
  setOptions(settings: UploadManagerSettings): void
  /** Counts a user of the manager (a mounted component); see `cancelOnUnmount`, `disposeOnUnmount`. */
  mount(): void
  /** Undoes one {@link mount}; what happens when none is left is decided a task later. */
  unmount(): void
  /**
   * Ends the manager: queued, starting and uploading files are canceled, a file completing
   * finishes, and listeners and timers are released. `add`, `retry` and `mount` throw afterwards.
   */
  dispose(): void
  /** Whether {@link dispose} has run. */
  isDisposed(): boolean
}

// Ids unique across managers on a page, so two lists never share React keys.
let sequence = 0

/** Failed and canceled uploads created nothing that counts against `maxFiles`. */
const counts = (upload: UploadState | undefined): boolean =>
  upload !== undefined && upload.status !== 'failed' && upload.status !== 'canceled'

/** Creates an {@link UploadManager}; see {@link UploadManagerOptions} for the knobs. */
export function createUploadManager(options: UploadManagerOptions): UploadManager {
  let settings: UploadManagerOptions = options
  let config = resolveOptions(options)
  const jobs = new Map<string, UploadJob>()
  // Removed while completing: forgotten as soon as they settle.
  const leaving = new Set<string>()
  const store = createUploadStore((upload) => settled(upload))
  const batcher = createProgressBatcher(config.scheduleFrame, (latest) =>
    store.apply(Array.from(latest, ([id, loaded]) => [id, { type: 'progress', loaded }] as const)),
  )
  const engine = (): UploadEngine => ({
    ...config,
    dispatch: (id, event) => store.apply([[id, event]]),
    reportProgress: (id, loaded) => batcher.report(id, loaded),
  })
  const queue = createUploadQueue({
    concurrency: () => config.concurrency,
    online: config.online,
    queued: () => {
      const { ids, byId } = store.getSnapshot()
      return ids.filter((id) => byId[id]?.status === 'queued')
    },
    run: (id, signal) => {
      const job = jobs.get(id)
      return job === undefined ? Promise.resolve() : runUpload(job, engine(), signal)
    },
  })
  const lifecycle = createLifecycle()

  function settled(upload: UploadState): void {
    announce(config, upload)
    if (!isFinal(upload.status)) return
    // Only a failed upload can run again: the others' bytes and URL are of no more use.
    if (upload.status !== 'failed') jobs.delete(upload.id)
    if (leaving.delete(upload.id)) forget(upload.id)
    lifecycle.check()
  }
  function forget(id: string): void {
    jobs.delete(id)
    store.remove(id)
  }
  function cancel(id: string): void {
    const before = store.getSnapshot().byId[id]
    store.apply([[id, { type: 'cancel' }]])
    if (store.getSnapshot().byId[id] === before) return
    queue.stop(id)
    batcher.forget(id)
    queue.pump()
  }
  function remove(id: string): void {
    const upload = store.getSnapshot().byId[id]
    if (upload?.status === 'completing') {
      leaving.add(id)
      return
    }
    cancel(id)
    forget(id)
  }
  function cancelAll(): void {
    for (const id of store.getSnapshot().ids) cancel(id)
  }

  /** Mount counting, and what happens a task after the last unmount. */
  function createLifecycle() {
    let mounts = 0
    let disposeWhenIdle = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const idle = (): boolean =>
      store
        .getSnapshot()
        .ids.every((id) => isFinal(store.getSnapshot().byId[id]?.status ?? 'canceled'))
    const afterUnmount = (): void => {
      timer = undefined
      if (mounts > 0 || manager.isDisposed()) return
      if (config.cancelOnUnmount) cancelAll()
      disposeWhenIdle = config.disposeOnUnmount
      check()
    }
    const check = (): void => {
      if (disposeWhenIdle && mounts === 0 && idle()) manager.dispose()
    }
    return {
      mount() {
        mounts += 1
        disposeWhenIdle = false
        clearTimeout(timer)
        timer = undefined
      },
      unmount() {
        mounts = Math.max(0, mounts - 1)
        // A task later: StrictMode unmounts and mounts again within the same commit.
        if (mounts === 0 && timer === undefined) timer = setTimeout(afterUnmount, 0)
      },
      check,
      dispose() {
        clearTimeout(timer)
      },
    }
  }

  let disposed = false
  const alive = (method: string): void => {
    if (disposed) throw new Error(`connect-attachments: ${method}() on a disposed UploadManager`)
  }

  const manager: UploadManager = {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    add(files) {
      alive('add')
      const result = admit(files, manager.getRules(), config, store, jobs)
      queue.pump()
      return result
    },
    cancel,
    retry(id) {
      alive('retry')
      const job = jobs.get(id)
      const before = store.getSnapshot().byId[id]
      if (job === undefined || before?.status !== 'failed') return
      store.apply([[id, { type: 'retry' }]])
      job.refreshes = 0
      queue.pump()
    },
    remove(id) {
      remove(id)
      queue.pump()
    },
    clear() {
      for (const id of store.getSnapshot().ids) remove(id)
      queue.pump()
    },
    getFile: (id) => jobs.get(id)?.body,
    getRules: () => resolveRules(config.adapter, config.rules),
    setOptions(next) {
      settings = { ...settings, ...next, adapter: settings.adapter }
      config = {
        ...resolveOptions(settings),
        online: config.online,
        scheduleFrame: config.scheduleFrame,
      }
      if (!disposed) queue.pump()
    },
    mount() {
      alive('mount')
      lifecycle.mount()
      queue.pump()
    },
    unmount: () => lifecycle.unmount(),
    dispose() {
      if (disposed) return
      disposed = true
      lifecycle.dispose()
      cancelAll()
      queue.dispose()
      batcher.dispose()
    },
    isDisposed: () => disposed,
  }
  return manager
}

/** Validates files and creates a job and a queued upload for each one that passes. */
function admit(
  files: Iterable<File> | ArrayLike<File>,
  rules: UploadRules,
  config: Pick<ResolvedUploadManagerOptions, 'existingCount'>,
  store: UploadStore,
  jobs: Map<string, UploadJob>,
): AddResult {
  const { ids, byId } = store.getSnapshot()
  const existingCount = config.existingCount() + ids.filter((id) => counts(byId[id])).length
  const { accepted, rejections } = validateFiles(files, rules, { existingCount })
  const uploads = accepted.map(({ file, type }) => {
    const id = `upload-${++sequence}`
    const info = { name: file.name, size: file.size, type }
    jobs.set(id, { id, body: file, info, uploaded: false, refreshes: 0 })
    return createUploadState(id, info)
  })
  store.append(uploads)
  return { ids: uploads.map((upload) => upload.id), rejections }
}

/** Calls the host's callback for an upload that just reached a final status. */
function announce(config: ResolvedUploadManagerOptions, upload: UploadState): void {
  try {
    if (upload.status === 'succeeded') config.onUploadSucceeded?.({ upload })
    if (upload.status === 'failed') config.onUploadFailed?.({ upload, error: upload.error })
  } catch (error) {
    // A host callback that throws must not leave the engine half-way through a step.
    console.error('connect-attachments: an upload callback threw', error)
  }
}
