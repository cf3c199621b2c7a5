import { CONNECT_DEFAULT_LIMITS } from './connect-limits.js'
import { AttachmentError } from './errors.js'
import {
  createProgressBatcher,
  defaultFrameScheduler,
  PUBLISH_INTERVAL_MS,
} from './progress-batcher.js'
import { createUploadJob } from './run-upload.js'
import type { UploadRun } from './run-upload.js'
import { createStore, isolate } from './store.js'
import { createUploadState, isFinal, transition } from './upload-machine.js'
import type { UploadEvent, UploadState } from './upload-machine.js'
import { defined, resolveOptions } from './upload-manager-options.js'
import type { UploadManagerOptions, UploadManagerSettings } from './upload-manager-options.js'
import type { UploadSnapshot } from './upload-store.js'
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
   * appears). Held until the upload succeeds, then let go; a failed one keeps it for retry and a
   * canceled one to be added again, until removed. `undefined` once let go, and for an unknown id.
   */
  getFile(id: string): File | undefined
  /** The rules files are checked against now: defaults, the adapter's limits, the host's rules. */
  getRules(): UploadRules
  /**
   * Changes options without making a new manager; the next upload step reads them. A new
   * `adapter` (the same conversation's, with a refreshed token) serves every call from then on,
   * those of uploads already running included.
   */
  setOptions(settings: UploadManagerSettings): void
  /**
   * Counts a user of the manager (a mounted component); see `cancelOnUnmount`, `gcTime` and
   * `disposeOnUnmount`.
   */
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

/** Creates an {@link UploadManager}; see {@link UploadManagerOptions} for the knobs. */
export function createUploadManager(options: UploadManagerOptions): UploadManager {
  let settings = options
  // A running upload reads `adapter` from its options at every call, and this getter gives the
  // adapter of the moment: the next request carries the token of one handed over since it began.
  let adapter = options.adapter
  const resolve = () => ({
    ...resolveOptions(settings),
    get adapter() {
      return adapter
    },
  })
  let config = resolve()
  const jobs = new Map<string, { file: File; run: UploadRun }>()
  // Removed while completing: forgotten as soon as they settle.
  const leaving = new Set<string>()
  // Subscribers hear of the engine's own changes (a status, a percentage) at a frame, all
  // files' at once, and by default at most one frame per PUBLISH_INTERVAL_MS: one render commit
  // per interval rather than about five per file. What the user does (add, cancel, retry,
  // remove) is published at once, with whatever was waiting. `state` runs ahead of the store
  // between the two, so `getSnapshot()` is always the current truth.
  const store = createStore<UploadSnapshot>({ ids: [], byId: {} })
  let state = store.getSnapshot()
  const publish = (): void => store.setState(state)
  let disposed = false

  /**
   * Applies to each upload of `targets` its event through `transition` (the caller publishes)
   * and returns the ids of the uploads that changed. A change to one upload replaces that
   * upload's object and `byId`, and leaves every other upload (and `ids`) the same object.
   */
  const apply = (targets: Iterable<string>, eventOf: (id: string) => UploadEvent): string[] => {
    const { ids, byId } = state
    let next: Record<string, UploadState> | undefined
    const changed: string[] = []
    const ended: UploadState[] = []
    for (const id of targets) {
      const before = (next ?? byId)[id]
      if (before === undefined) continue
      const after = transition(before, eventOf(id))
      if (after === before) continue
      ;(next ??= { ...byId })[id] = after
      changed.push(id)
      // An upload in a final status changes only by leaving it, so this one has just ended.
      if (isFinal(after.status)) ended.push(after)
    }
    if (next === undefined) return changed
    state = { ids, byId: next }
    settled(ended)
    return changed
  }
  const batcher = createProgressBatcher(
    options.scheduleFrame ?? defaultFrameScheduler,
    (latest) => {
      apply(latest.keys(), (id) => ({ type: 'progress', loaded: latest.get(id)! }))
      publish()
    },
    options.scheduleFrame ? 0 : PUBLISH_INTERVAL_MS,
  )
  const dispatch = (id: string, event: UploadEvent): void => {
    // Any other event replaces the file's report waiting for the frame with 0 bytes. The one
    // waiting is of the attempt the event ends or moves past (a backoff, a failure, a fresh
    // target, the body sent): applied after the reset, it would show the old percentage while
    // the next PUT has not sent a byte. Applied at the frame, the 0 changes nothing (after any of
    // these events an upload that is uploading has sent 0 bytes of its PUT, or all of them, and
    // `finishing` takes no report), but the frame publishes what the event changed, once the
    // callbacks of an upload that ended have run.
    batcher.report(id, event.type === 'progress' ? event.loaded : 0)
    if (event.type !== 'progress') apply([id], () => event)
  }

  function settled(ended: readonly UploadState[]): void {
    const gone: string[] = []
    for (const upload of ended) {
      const { id, status } = upload
      isolate(() => {
        if (status === 'succeeded') config.onUploadSucceeded?.({ upload })
        if (status === 'failed') config.onUploadFailed?.({ upload, error: upload.error })
      }, 'an upload callback')
      // A failed upload can run again and a canceled one's file be added again (as a new upload:
      // it completed nothing); a succeeded one's bytes and URL are of no more use.
      if (status === 'succeeded') jobs.delete(id)
      if (leaving.delete(id)) gone.push(id)
    }
    forget(gone)
    idle()
  }
  /** Drops uploads from the state (the caller publishes); the others keep their objects. */
  function forget(gone: readonly string[]): void {
    const dropped = new Set(gone)
    dropped.forEach((id) => jobs.delete(id))
    const { ids, byId } = state
    const kept = ids.filter((id) => !dropped.has(id))
    if (kept.length < ids.length)
      state = { ids: kept, byId: Object.fromEntries(kept.map((id) => [id, byId[id]!])) }
  }

  // The queue: no more than `concurrency` uploads at once, and only while online. A file
  // waiting out a backoff keeps its slot, so a throttled service sees fewer requests, not the
  // next files' ones.
  const running = new Map<string, AbortController>()
  // Subscribed at the first pump, not at creation: a manager made and dropped during a render
  // must leave no listener behind.
  let unsubscribe: (() => void) | undefined
  // Whether the uploads were last marked offline: once back online they are unmarked once.
  let marked = false
  function pump(): void {
    if (disposed) return
    unsubscribe ??= config.online.subscribe(() => {
      pump()
      publish()
    })
    const online = config.online.isOnline()
    // While offline, every upload not yet over (those just added or retried too) says so.
    if (!online || marked) apply(state.ids, () => ({ type: 'network', online }))
    marked = !online
    if (!online) return
    const { ids, byId } = state
    for (const id of ids) {
      // A concurrency below 1 still runs one.
      if (running.size >= Math.max(1, config.concurrency)) return
      if (byId[id]!.status !== 'queued' || running.has(id)) continue
      const controller = new AbortController()
      running.set(id, controller)
      // A queued upload always has its job: only success, removal and dispose drop one.
      void jobs
        .get(id)!
        .run(config, controller.signal)
        .finally(() => {
          if (running.get(id) === controller) running.delete(id)
          pump()
        })
    }
  }
  /**
   * Stops the runs of `ids`, freeing their slots; the caller pumps when it is done. A progress
   * report of theirs still waiting for the frame changes nothing then: a canceled upload takes
   * none, and a removed one is gone.
   */
  function stop(ids: readonly string[]): void {
    for (const id of ids) {
      // The slot is freed at once: an adapter that ignores the signal must not hold up the queue.
      running.get(id)?.abort(new AttachmentError('aborted', 'Upload canceled'))
      running.delete(id)
    }
  }
  // Many uploads at once make one change and one notification: one each would copy the store
  // per file, minutes for 10,000 files, and a freed slot would start a file about to go too.
  function cancel(ids: readonly string[]): void {
    // Only the runs of uploads that were canceled stop (a file completing goes on); with none,
    // the queue and the store have nothing new.
    stop(apply(ids, () => ({ type: 'cancel' })))
    pump()
    publish()
  }
  function remove(ids: readonly string[]): void {
    // The files that go now; one completing is left to finish, marked as leaving instead.
    const now: string[] = []
    for (const id of ids) {
      if (state.byId[id]?.status === 'completing') leaving.add(id)
      else now.push(id)
    }
    // Gone at once: nobody sees them canceled first, and nothing of theirs is called.
    stop(now)
    forget(now)
    pump()
    publish()
    idle()
  }

  // Mount counting, what happens a task after the last unmount, and the garbage collection: a
  // manager nobody observes and with nothing queued or running is disposed after `gcTime`
  // (at once with `disposeOnUnmount`). An effect's cleanup alone never disposes of it.
  let mounts = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let gcTimer: ReturnType<typeof setTimeout> | undefined
  const unobservedAndIdle = () =>
    !mounts && timer === undefined && Object.values(state.byId).every((u) => isFinal(u.status))
  const stopGc = () => {
    clearTimeout(gcTimer)
    gcTimer = undefined
  }
  function idle(later = false): void {
    // `disposeOnUnmount` waits for a mount to be undone: a manager made and not yet mounted is
    // not collected by it (its owner's effect may run after the creation's timer).
    const wait = config.disposeOnUnmount ? (later ? Infinity : 0) : config.gcTime
    if (disposed || gcTimer !== undefined || !unobservedAndIdle() || !(wait < Infinity)) return
    if (wait <= 0 && !later) return manager.dispose()
    gcTimer = setTimeout(() => {
      gcTimer = undefined
      if (unobservedAndIdle()) manager.dispose()
    }, wait)
  }
  const alive = (): void => {
    if (disposed) throw new Error('UploadManager disposed')
  }

  const manager: UploadManager = {
    getSnapshot: () => state,
    subscribe: store.subscribe,
    add(files) {
      alive()
      stopGc()
      const { ids, byId } = state
      // Failed and canceled uploads created nothing that counts against `maxFiles`.
      const counted = ids.filter((id) => !/failed|canceled/.test(byId[id]!.status)).length
      const { accepted, rejections } = validateFiles(files, manager.getRules(), {
        existingCount: config.existingCount() + counted,
      })
      const next = { ...byId }
      const added = accepted.map(({ file, type }) => {
        const id = `upload-${++sequence}`
        const info = { name: file.name, size: file.size, type }
        jobs.set(id, { file, run: createUploadJob(info, file, (event) => dispatch(id, event)) })
        next[id] = createUploadState(id, info)
        return id
      })
      if (added.length > 0) state = { ids: [...ids, ...added], byId: next }
      pump()
      // The new rows show at once, with the first files already starting.
      publish()
      return { ids: added, rejections }
    },
    cancel: (id) => cancel([id]),
    retry(id) {
      alive()
      stopGc()
      // Only a failed upload goes back to the queue; its job kept what is safe to reuse.
      apply([id], () => ({ type: 'retry' }))
      pump()
      publish()
    },
    remove: (id) => remove([id]),
    clear: () => remove(state.ids),
    getFile: (id) => jobs.get(id)?.file,
    getRules: () => ({
      ...CONNECT_DEFAULT_LIMITS,
      ...defined(adapter.limits),
      ...defined(config.rules),
    }),
    setOptions(next) {
      // Hooks pass their options at each commit: nothing to do when none of them changed.
      const changed = Object.entries(next).some(
        ([key, value]) => !Object.is(value, settings[key as keyof UploadManagerSettings]),
      )
      if (!changed) return
      adapter = next.adapter ?? adapter
      settings = { ...settings, ...next, adapter }
      config = resolve()
      pump()
    },
    mount() {
      alive()
      mounts += 1
      clearTimeout(timer)
      timer = undefined
      stopGc()
      pump()
    },
    unmount() {
      mounts = Math.max(0, mounts - 1)
      // A task later: StrictMode unmounts and mounts again within the same commit. A mount
      // in between clears the timer, and so does dispose.
      if (mounts === 0)
        timer ??= setTimeout(() => {
          timer = undefined
          if (config.cancelOnUnmount) cancel(state.ids)
          idle()
        }, 0)
    },
    dispose() {
      if (disposed) return
      disposed = true
      clearTimeout(timer)
      stopGc()
      cancel(state.ids)
      // Nothing can be retried or added again from a disposed manager.
      jobs.clear()
      unsubscribe?.()
      // What the engine changed since the last frame is told before the frame is canceled.
      publish()
      batcher.dispose()
      isolate(() => config.onDispose?.(), 'onDispose')
    },
    isDisposed: () => disposed,
  }
  // Collected like an unobserved one if no component ever mounts it (a render that never
  // committed looked it up), but never before the task that commits that render.
  idle(true)
  return manager
}
