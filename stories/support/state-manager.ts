// Uploads driven to chosen states through the real engine, with the fake adapter and the fake
// transport from test/ (plain modules, no test runner, so a static build bundles them). Nothing
// runs on a timer: each PUT is moved by hand to its percentage, and the helper waits only for
// the engine's promise chains to settle, then checks every file reached the state it was given.
import { AttachmentError, createUploadManager } from '../../src/core/index.js'
import { alwaysOnline } from '../../src/core/online.js'
import type {
  AttachmentAdapter,
  AttachmentErrorCode,
  FrameScheduler,
  UploadManager,
  UploadManagerOptions,
  UploadTarget,
} from '../../src/core/index.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import type { FakeAdapter } from '../../test/fake-adapter.js'
import { createFakeTransport } from '../../test/fake-transport.js'
import type { FakePut, FakeTransport } from '../../test/fake-transport.js'

const MB = 1024 * 1024

/** Where one file is left: a state of the upload lifecycle. */
type UploadPlan =
  | { state: 'queued' | 'starting' | 'completing' | 'succeeded' | 'canceled' }
  | { state: 'uploading'; percent: number }
  /** Every byte has left the page; storage has not answered. */
  | { state: 'finishing' }
  /** Failed for good with `code`, in the step where that error comes from. */
  | { state: 'failed'; code: AttachmentErrorCode; step?: 'start' | 'put' | 'complete' }
  /** Left to the caller: the PUT waits in `puts` to be moved by hand. */
  | { state: 'manual' }

/** One file of a scene: its name, size and type, and where to leave it. */
export type FilePlan = UploadPlan & { name: string; size?: number; type?: string }

/** What {@link createStateManager} returns. */
export interface StateScene {
  adapter: AttachmentAdapter
  manager: UploadManager
  fake: FakeAdapter
  transport: FakeTransport
  /** The upload ids by file name. */
  ids: Record<string, string>
  /** The PUT of a file, by name, once it has started. */
  put(name: string): FakePut
  /** Lets the engine's promise chains run to their end (one macrotask). */
  settle(): Promise<void>
}

/** The step an error code comes from when the plan does not say: where the service raises it. */
const stepOf = (code: AttachmentErrorCode): 'start' | 'put' | 'complete' => {
  if (code === 'invalid-response') return 'complete'
  if (['network', 'timeout', 'url-expired', 'signature-mismatch'].includes(code)) return 'put'
  return 'start'
}

const statusOf = (plan: UploadPlan): string => {
  if (plan.state === 'finishing') return 'uploading'
  return plan.state
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
/** Progress published on the next microtask, not the next animation frame. */
const soon: FrameScheduler = (callback) => {
  let live = true
  queueMicrotask(() => live && callback())
  return () => void (live = false)
}
const never = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })

/**
 * A manager with one upload per plan, each driven to its state. `queued` files are added last,
 * once every slot is taken, so they stay queued.
 */
export async function createStateManager(
  files: readonly FilePlan[],
  options: Partial<Omit<UploadManagerOptions, 'adapter'>> & {
    adapter?: (fake: FakeAdapter) => AttachmentAdapter
    /** PUTs of files added later succeed on their own (for stories that drop or pick files). */
    autoPut?: boolean
  } = {},
): Promise<StateScene> {
  const { adapter: wrap, autoPut = false, ...managerOptions } = options
  const fake = createFakeAdapter()
  const transport = createFakeTransport({ auto: autoPut })
  const plans = new Map(files.map((file) => [file.name, file]))
  const names = new Map<string, string>() // target id → file name
  const failure = (file: FilePlan, step: string) =>
    file.state === 'failed' && (file.step ?? stepOf(file.code)) === step
      ? new AttachmentError(file.code, `Scripted ${file.code}.`)
      : undefined
  const base = wrap ? wrap(fake) : fake.adapter
  const adapter: AttachmentAdapter = {
    ...base,
    async startUpload(info, init) {
      const file = plans.get(info.name)
      if (file?.state === 'starting') return never(init.signal)
      const error = file && failure(file, 'start')
      if (error) throw error
      const target = await base.startUpload(info, init)
      names.set(target.id, info.name)
      return target
    },
    async completeUpload(target: UploadTarget, init) {
      const file = plans.get(names.get(target.id) ?? '')
      if (file?.state === 'completing') return never(init.signal)
      const error = file && failure(file, 'complete')
      if (error) throw error
      return base.completeUpload(target, init)
    },
  }
  const active = files.filter(
    (file) => !['queued', 'failed', 'canceled', 'succeeded'].includes(file.state),
  )
  const manager = createUploadManager({
    adapter,
    transport: transport.transport,
    online: alwaysOnline,
    scheduleFrame: soon,
    retry: { attempts: 1 },
    maxUrlRefreshes: 0,
    ...managerOptions,
    // Every file runs at once, then the queue is full with the ones still running.
    concurrency: Math.max(3, files.length),
  })
  const fileOf = (plan: FilePlan) =>
    // No type: the engine resolves it from the extension, as for a browser that gives none.
    new File([new Uint8Array(plan.size ?? MB)], plan.name, { type: plan.type ?? '' })
  const ids: Record<string, string> = {}
  const add = (list: FilePlan[]) => {
    const { ids: added, rejections } = manager.add(list.map(fileOf))
    if (rejections.length > 0) throw new Error(`rejected: ${rejections.map((r) => r.file.name)}`)
    list.forEach((plan, index) => (ids[plan.name] = added[index] ?? ''))
  }
  const puts = () => new Map(transport.puts.map((put) => [(put.request.body as File).name, put]))
  const put = (name: string) => {
    const found = puts().get(name)
    if (found === undefined) throw new Error(`no PUT for ${name}`)
    return found
  }

  add(files.filter((file) => file.state !== 'queued'))
  await settle()
  for (const file of files) {
    const sending = puts().get(file.name)
    if (sending === undefined) continue
    const size = sending.request.body.size
    if (file.state === 'uploading') sending.progress(Math.ceil((size * file.percent) / 100))
    if (file.state === 'finishing') {
      sending.progress(size)
      sending.request.onSent?.()
    }
    const error = failure(file, 'put')
    if (error) sending.fail(error)
    else if (['completing', 'succeeded'].includes(file.state) || failure(file, 'complete')) {
      sending.progress(size)
      sending.succeed()
    }
  }
  await settle()
  for (const file of files) if (file.state === 'canceled') manager.cancel(ids[file.name] ?? '')
  if (files.some((file) => file.state === 'queued')) {
    manager.setOptions({ concurrency: Math.max(1, active.length) })
  }
  add(files.filter((file) => file.state === 'queued'))
  await settle()

  const snapshot = manager.getSnapshot()
  for (const file of files) {
    const upload = snapshot.byId[ids[file.name] ?? '']
    const expected = statusOf(file)
    if (file.state === 'manual') continue
    if (upload?.status !== expected) {
      throw new Error(`${file.name} is ${upload?.status}, not ${expected}`)
    }
  }
  return { adapter, manager, fake, transport, ids, put, settle }
}

/** What a story's loader gives it: the scene, and its adapter for the story's provider. */
export interface LoadedStates {
  scene: StateScene
  adapter: AttachmentAdapter
}

/** A story loader for {@link createStateManager}. */
export const loadStates =
  (files: readonly FilePlan[], options?: Parameters<typeof createStateManager>[1]) =>
  async (): Promise<LoadedStates> => {
    const scene = await createStateManager(files, options)
    return { scene, adapter: scene.adapter }
  }
