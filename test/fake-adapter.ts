import type { AttachmentAdapter, FileInfo, UploadRules, UploadTarget } from '../src/core/types.js'
import type { RemoteFile, RemoteFileStatus } from '../src/core/types.js'

/** One recorded `startUpload` call. */
interface StartCall {
  file: FileInfo
  clientToken: string
  signal: AbortSignal
}

/** One recorded `completeUpload` call. */
interface CompleteCall {
  target: UploadTarget
  clientToken: string
  signal: AbortSignal
}

/** One recorded `getFile` call. */
interface GetFileCall {
  id: string
  signal: AbortSignal | undefined
  /** When it was made, by the adapter's clock. */
  at: number
}

/**
 * One answer of a scripted `getFile`: a status (`approved` with a fresh URL each time), a file
 * laid over `{ id, status: 'approved' }` (an unsafe URL, say), or an error to throw.
 */
export type FileStep = RemoteFileStatus | Partial<RemoteFile> | Error

/** A call held until the test lets it go; it ignores its signal, like a slow service would. */
export interface HeldCall {
  /** Whether the adapter has been called and is waiting on this hold. */
  readonly reached: boolean
  /** Lets the call finish with its normal result. */
  release(): void
  /** Lets the call fail with `error`. */
  fail(error: unknown): void
}

type Operation = 'start' | 'complete'
type Step =
  { kind: 'fail'; error: unknown } | { kind: 'hold'; wait: Promise<void>; reached: boolean }

/** Options of {@link createFakeAdapter}. */
export interface FakeAdapterOptions {
  /** The clock targets' `expiresAt` is computed from. */
  now?: () => number
  /** How long a target's URL lives. @default 300000 (Connect's default of 300 s) */
  urlLifetimeMs?: number
  limits?: Partial<UploadRules>
  /** How long a download URL of a scripted `getFile` lives. @default 300000 */
  downloadLifetimeMs?: number
}

/**
 * A scriptable {@link AttachmentAdapter}: answers at once with fresh targets, records every call
 * with its client token, and can be told to fail or hold the next calls of an operation.
 */
export function createFakeAdapter(options: FakeAdapterOptions = {}) {
  const now = options.now ?? Date.now
  const lifetime = options.urlLifetimeMs ?? 300_000
  const calls = { start: [] as StartCall[], complete: [] as CompleteCall[] }
  const scripts: Record<Operation, Step[]> = { start: [], complete: [] }
  let active = 0
  let maxActive = 0
  let created = 0

  async function perform<T>(operation: Operation, result: () => T): Promise<T> {
    active += 1
    maxActive = Math.max(maxActive, active)
    try {
      const step = scripts[operation].shift()
      if (step?.kind === 'hold') {
        step.reached = true
        await step.wait
      }
      if (step?.kind === 'fail') throw step.error
      await Promise.resolve()
      return result()
    } finally {
      active -= 1
    }
  }

  const target = (file: FileInfo): UploadTarget => {
    created += 1
    return {
      id: `attachment-${created}`,
      // Loopback and never contacted: the fake transport does not send anything.
      url: `http://127.0.0.1:9/fake-bucket/attachment-${created}?X-Amz-Signature=fake`,
      headers: { 'Content-Type': file.type },
      expiresAt: now() + lifetime,
    }
  }

  const adapter: AttachmentAdapter = {
    key: 'fake',
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    startUpload(file, init) {
      calls.start.push({ file, ...init })
      return perform('start', () => target(file))
    },
    completeUpload(uploadTarget, init) {
      calls.complete.push({ target: uploadTarget, ...init })
      return perform('complete', () => undefined)
    },
    getFile: async (id) => ({ id, status: 'approved' }),
  }

  // getFile answers from the scripts of `scriptFile`; an id nobody scripted is approved, without
  // a URL, as before there were scripts.
  const fileScripts = new Map<string, FileStep[]>()
  const getFileCalls: GetFileCall[] = []
  let downloads = 0
  const answer = (id: string, step: FileStep | undefined): RemoteFile => {
    if (step instanceof Error) throw step
    if (typeof step !== 'string') return { id, status: 'approved', ...step }
    if (step !== 'approved') return { id, status: step }
    downloads += 1
    const lifetimeMs = options.downloadLifetimeMs ?? 300_000
    const url = `https://files.fake.test/${id}?X-Amz-Signature=fake-${downloads}`
    return { id, status: 'approved', download: { url, expiresAt: now() + lifetimeMs } }
  }
  adapter.getFile = async (id, init = {}) => {
    getFileCalls.push({ id, signal: init.signal, at: now() })
    await Promise.resolve()
    // As with fetch, a call aborted before it is answered fails and uses up no step.
    init.signal?.throwIfAborted()
    const script = fileScripts.get(id) ?? []
    const step = script.length > 1 ? script.shift() : script[0]
    return answer(id, step ?? {})
  }

  return {
    adapter,
    calls,
    /** Every `getFile` call, in order. */
    getFileCalls,
    /**
     * Scripts the answers of `getFile` for `id`, one step per call; the last one repeats.
     * `scriptFile('a', 'processing', 'processing', 'approved')`.
     */
    scriptFile(id: string, ...steps: FileStep[]): void {
      fileScripts.set(id, steps)
    },
    /** Makes the next calls of `operation` fail, one error per call. */
    failNext(operation: Operation, ...errors: unknown[]): void {
      for (const error of errors) scripts[operation].push({ kind: 'fail', error })
    },
    /** Holds the next call of `operation` until the returned handle lets it go. */
    holdNext(operation: Operation): HeldCall {
      let release!: () => void
      let reject!: (error: unknown) => void
      const wait = new Promise<void>((resolve, fail) => {
        release = resolve
        reject = fail
      })
      wait.catch(() => {}) // failing a hold nobody reached is not an unhandled rejection
      const step = { kind: 'hold' as const, wait, reached: false }
      scripts[operation].push(step)
      return {
        get reached() {
          return step.reached
        },
        release: () => release(),
        fail: (error) => reject(error),
      }
    },
    /** Calls running now. */
    get active() {
      return active
    },
    /** Most calls that ever ran at once. */
    get maxActive() {
      return maxActive
    },
  }
}

/** The fake adapter with its controls. */
export type FakeAdapter = ReturnType<typeof createFakeAdapter>
