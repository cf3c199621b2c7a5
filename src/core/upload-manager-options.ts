import { DEFAULT_CALL_TIMEOUT_MS } from './deadline.js'
import { DEFAULT_RETRY } from './with-retry.js'
import type { RetryOptions } from './with-retry.js'
import type { AttachmentError } from './errors.js'
import { defaultOnlineSignal } from './online.js'
import type { OnlineSignal } from './online.js'
import type { FrameScheduler } from './progress-batcher.js'
import type { UploadState } from './upload-machine.js'
import type { AttachmentAdapter, Transport, UploadRules } from './types.js'
import { DEFAULT_STALL_TIMEOUT_MS } from './put-pace.js'
import { xhrTransport } from './xhr-transport.js'

/** Options of `createUploadManager`. */
export interface UploadManagerOptions {
  /** The service the files go to (chat attachments, Cases/Email attached files). */
  adapter: AttachmentAdapter
  /** Sends the bytes to the presigned URL. @default xhrTransport */
  transport?: Transport
  /**
   * Limits checked before any request, over the adapter's own (read each time files are added,
   * so limits an adapter loads later count). @default CONNECT_DEFAULT_LIMITS
   */
  rules?: Partial<UploadRules>
  /**
   * Files the conversation or case already holds that this manager did not upload (from the
   * transcript, say); they count against `rules.maxFiles`. @default () => 0
   */
  existingCount?: () => number
  /**
   * Uploads in flight at once (waiting out a backoff counts): 6, Chromium's connections per host,
   * measured against 3 and 4 on loopback and on a capped link (README, Benchmarks). @default 6
   */
  concurrency?: number
  /** Retries of Start, PUT and Complete. @default { attempts: 4, baseDelayMs: 500, maxDelayMs: 10000 } */
  retry?: Partial<RetryOptions>
  /** Fresh targets fetched for one file after its URL expired, before it fails. @default 2 */
  maxUrlRefreshes?: number
  /** A URL expiring within this many ms is replaced before the PUT. @default 10000 */
  expiryMarginMs?: number
  /** Start or Complete unanswered for this many ms fails with a retryable `timeout` (0: never). @default 30000 */
  callTimeoutMs?: number
  /**
   * The least time, in ms, a PUT may move no byte before it fails with `timeout`: three times
   * its longest wait between progress steps when that is longer, and never in its first 30 s
   * (0: never). @default 30000
   */
  stallTimeoutMs?: number
  /**
   * Once the whole body has left the page, the least wait for storage's answer before the PUT
   * fails with `timeout`, in ms; longer when the rate seen needs longer to drain what the
   * buffers may still hold (0: never). @default DEFAULT_RESPONSE_TIMEOUT_MS of the transport
   */
  responseTimeoutMs?: number
  /**
   * Cancel the uploads not yet completing once the last `mount()` is undone and not redone
   * within a task (so StrictMode's unmount and remount cancel nothing). @default false
   */
  cancelOnUnmount?: boolean
  /**
   * Dispose of the manager once the last `mount()` is undone, not redone within a task, and no
   * upload is queued or running any more; for a manager that a component owns (`gcTime: 0`).
   * @default false
   */
  disposeOnUnmount?: boolean
  /**
   * Dispose of the manager once it has had no `mount()` and no upload queued or running for this
   * many ms (its rows are then gone). @default Infinity: only `dispose()` ends it
   */
  gcTime?: number
  /** Called once when the manager is disposed. @default none */
  onDispose?: () => void
  /** The clock, epoch ms. @default Date.now */
  now?: () => number
  /** Random numbers in [0, 1) for backoff jitter. @default Math.random */
  random?: () => number
  /** Connectivity. @default navigator.onLine and window events in browsers, always online elsewhere */
  online?: OnlineSignal
  /**
   * When the engine's changes are published: at the frame this runs, as it comes. @default the
   * next animation frame (else a 16 ms timer) at least 100 ms after the last publication
   */
  scheduleFrame?: FrameScheduler
  /** Called when an upload succeeds. @default none */
  onUploadSucceeded?: (details: { upload: UploadState }) => void
  /** Called when an upload fails for good (after its retries). @default none */
  onUploadFailed?: (details: { upload: UploadState; error: AttachmentError }) => void
}

/**
 * What `setOptions` may change on a running manager: everything but its wiring; a new adapter
 * must be the same conversation's (a refreshed token).
 */
export type UploadManagerSettings = Omit<
  UploadManagerOptions,
  'adapter' | 'online' | 'scheduleFrame' | 'now' | 'random'
> & { adapter?: AttachmentAdapter }

type Defaulted =
  | 'transport'
  | 'existingCount'
  | 'concurrency'
  | 'maxUrlRefreshes'
  | 'expiryMarginMs'
  | 'stallTimeoutMs'
  | 'gcTime'
  | 'callTimeoutMs'
  | 'now'
  | 'random'
  | 'online'

/**
 * {@link UploadManagerOptions} with every default applied (`scheduleFrame` is read once, by the
 * manager; `cancelOnUnmount` and `disposeOnUnmount` are off when left out).
 */
export type ResolvedUploadManagerOptions = UploadManagerOptions &
  Required<Pick<UploadManagerOptions, Defaulted>> & { retry: RetryOptions }

/**
 * `value` without its `undefined` entries: spread over defaults or over what a manager has,
 * `{ maxFiles: undefined }` must not erase them.
 */
export const defined = <T extends object>(value: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>

/** Applies the defaults, in one place. */
export function resolveOptions(options: UploadManagerOptions): ResolvedUploadManagerOptions {
  return {
    transport: xhrTransport,
    existingCount: () => 0,
    concurrency: 6,
    maxUrlRefreshes: 2,
    // Margin for the time between this check and S3 reading the request, and for a client
    // clock a little behind the service's; a larger skew is caught by `url-expired` anyway.
    expiryMarginMs: 10_000,
    stallTimeoutMs: DEFAULT_STALL_TIMEOUT_MS,
    gcTime: Infinity,
    callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS,
    now: Date.now,
    random: Math.random,
    // Made whether or not one is given (a few property reads, no listener until subscribed).
    online: defaultOnlineSignal(),
    // The options as given, but for their `undefined` entries; the adapter is always there.
    ...(defined(options) as UploadManagerOptions),
    // A retry policy of no attempts still makes the first one: `withRetry` always tries once.
    retry: { ...DEFAULT_RETRY, ...defined(options.retry) },
  }
}
