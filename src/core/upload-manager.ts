import { createProgressBatcher } from './progress-batcher.js'
import { runUpload } from './run-upload.js'
import type { UploadEngine, UploadJob } from './run-upload.js'
import { createUploadState } from './upload-machine.js'
import type { UploadState } from './upload-machine.js'
import { resolveOptions } from './upload-manager-options.js'
import type {
  ResolvedUploadManagerOptions,
  UploadManagerOptions,
} from './upload-manager-options.js'
import { createUploadQueue } from './upload-queue.js'
import { createUploadStore } from './upload-store.js'
import type { UploadSnapshot } from './upload-store.js'
import { validateFiles } from './validate-files.js'
import type { FileRejection } from './validate-files.js'

/** What {@link UploadManager.add} did with the files it was given. */
export interface AddResult {
  /** Ids of the uploads created, in the order the files came. */
  ids: string[]
  /** Files turned away before any request, with their reasons. */
  rejections: FileRejection[]
}

/** Runs the uploads of one conversation or case; read it like a store. */
export interface UploadManager {
  getSnapshot(): UploadSnapshot
  subscribe(listener: () => void): () => void
  /** Validates the files and queues those that pass; never throws for a bad file. */
  add(files: Iterable<File> | ArrayLike<File>): AddResult
  /** Stops an upload that is queued, starting or uploading; a canceled file is never completed. */
  cancel(id: string): void
  /**
   * Queues a failed upload again. It reuses what is safe to reuse so that no second attachment
   * is created: the target, when the PUT or Complete failed (a fresh one is fetched if its URL
   * expired meanwhile); the Start token, when Start failed in a way that may have created one.
   */
  retry(id: string): void
  /** Forgets an upload, stopping it first if it runs. Deletes nothing on the service. */
  remove(id: string): void
  /** Removes every upload, stopping those that run. */
  clear(): void
  /** Stops all work and releases timers and listeners; the manager does nothing afterwards. */
  dispose(): void
}

// Ids unique across managers on a page, so two lists never share React keys.
let sequence = 0

/** Failed and canceled uploads created nothing that counts against `maxFiles`. */
const counts = (upload: UploadState | undefined): boolean =>
  upload !== undefined && upload.status !== 'failed' && upload.status !== 'canceled'

/** The parts a manager is made of, wired together. */
function assemble(config: ResolvedUploadManagerOptions) {
  const store = createUploadStore((upload) => announce(config, upload))
  const jobs = new Map<string, UploadJob>()
  const batcher = createProgressBatcher(config.scheduleFrame, (latest) =>
    store.apply(Array.from(latest, ([id, loaded]) => [id, { type: 'progress', loaded }] as const)),
  )
  const engine: UploadEngine = {
    ...config,
    dispatch: (id, event) => store.apply([[id, event]]),
    reportProgress: (id, loaded) => batcher.report(id, loaded),
  }
  const queue = createUploadQueue({
    concurrency: config.concurrency,
    online: config.online,
    queued: () => store.getSnapshot().ids.filter((id) => isQueued(store.getSnapshot(), id)),
    run: (id, signal) => {
      const job = jobs.get(id)
      return job === undefined ? Promise.resolve() : runUpload(job, engine, signal)
    },
  })
  return { store, jobs, batcher, queue }
}

/** Validates files and creates a job and a queued upload for each one that passes. */
function admit(
  files: Iterable<File> | ArrayLike<File>,
  config: Pick<ResolvedUploadManagerOptions, 'rules' | 'existingCount'>,
  { store, jobs }: Pick<ReturnType<typeof assemble>, 'store' | 'jobs'>,
): AddResult {
  const { ids, byId } = store.getSnapshot()
  const existingCount = config.existingCount() + ids.filter((id) => counts(byId[id])).length
  const { accepted, rejections } = validateFiles(files, config.rules, { existingCount })
  const uploads = accepted.map(({ file, type }) => {
    const id = `upload-${++sequence}`
    const info = { name: file.name, size: file.size, type }
    jobs.set(id, { id, body: file, info, uploaded: false, refreshes: 0 })
    return createUploadState(id, info)
  })
  store.append(uploads)
  return { ids: uploads.map((upload) => upload.id), rejections }
}

/** Creates an {@link UploadManager}; see {@link UploadManagerOptions} for the knobs. */
export function createUploadManager(options: UploadManagerOptions): UploadManager {
  const config = resolveOptions(options)
  const parts = assemble(config)
  const { store, jobs, batcher, queue } = parts
  let disposed = false
  const stop = (id: string): void => {
    queue.stop(id)
    batcher.forget(id)
  }
  // Applies an event and tells whether it changed the upload.
  const changes = (id: string, type: 'cancel' | 'retry'): boolean => {
    const before = store.getSnapshot().byId[id]
    store.apply([[id, { type }]])
    return store.getSnapshot().byId[id] !== before
  }

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    add(files) {
      if (disposed) return { ids: [], rejections: [] }
      const result = admit(files, config, parts)
      queue.pump()
      return result
    },
    cancel(id) {
      if (!changes(id, 'cancel')) return
      stop(id)
      queue.pump()
    },
    retry(id) {
      const job = jobs.get(id)
      if (job === undefined || !changes(id, 'retry')) return
      job.refreshes = 0
      queue.pump()
    },
    remove(id) {
      stop(id)
      jobs.delete(id)
      store.remove(id)
      queue.pump()
    },
    clear() {
      queue.stopAll()
      batcher.dispose()
      jobs.clear()
      store.clear()
    },
    dispose() {
      disposed = true
      queue.dispose()
      batcher.dispose()
    },
  }
}

const isQueued = (snapshot: UploadSnapshot, id: string): boolean =>
  snapshot.byId[id]?.status === 'queued'

/** Calls the host's callback for an upload that just reached a final status. */
function announce(config: ResolvedUploadManagerOptions, upload: UploadState): void {
  try {
    if (upload.status === 'succeeded') config.onUploadSucceeded?.({ upload })
    if (upload.status === 'failed' && upload.error !== undefined) {
      config.onUploadFailed?.({ upload, error: upload.error })
    }
  } catch (error) {
    // A host callback that throws must not leave the engine half-way through a step.
    console.error('connect-attachments: an upload callback threw', error)
  }
}
