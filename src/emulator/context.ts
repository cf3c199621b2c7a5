// Options, their defaults, and the state every handler shares.
import { randomUUID } from 'node:crypto'
import type { FaultRegistry } from './faults.js'
import type { Scanner } from './scanner.js'
import { presignS3 } from './presigned-url.js'
import type { EmulatorCredentials } from './sigv4.js'
import type { Storage } from './storage.js'
import type { Timers } from './timers.js'
import type { UploadLedger } from './upload-ledger.js'

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number
  /** Interface to bind. @default '127.0.0.1' */
  host?: string
  /** Region in ARNs and signing scopes. @default 'us-east-1' */
  region?: string
  /** How long a completed file stays PROCESSING / IN_PROGRESS. @default 0 */
  scanDelayMs?: number
  /** Keep object bytes in files under this directory. @default in memory */
  storageDir?: string
  /** The only credentials SigV4 requests and presigned URLs are accepted with. @default test/test */
  credentials?: EmulatorCredentials
  /** Lifetime of upload URLs. @default 300 */
  uploadUrlTtlSeconds?: number
  /** Origins the S3 CORS rule allows. @default ['*'] */
  allowedOrigins?: string[]
  /** Largest file accepted, in bytes (Connect's default). @default 20 MiB */
  maxFileSizeBytes?: number
  /** Attachments per chat before ServiceQuotaExceededException. @default 35 */
  maxAttachmentsPerChat?: number
  /** Attached files per case before TOTAL_FILE_COUNT_EXCEEDED. @default 100 */
  maxFilesPerCase?: number
  /** Bytes per case before TOTAL_FILE_SIZE_EXCEEDED. @default 1 GiB */
  maxBytesPerCase?: number
  /** The Connect instance id `createCase()` hands out. @default a random UUID */
  instanceId?: string
  /** The clock, epoch ms; inject one to expire URLs and tokens without waiting. @default Date.now */
  now?: () => number
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<Omit<EmulatorOptions, 'storageDir'>> & {
  storageDir?: string
}

/** Fills in the defaults of {@link EmulatorOptions}. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  return {
    port: 0,
    host: '127.0.0.1',
    region: 'us-east-1',
    scanDelayMs: 0,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    uploadUrlTtlSeconds: 300,
    allowedOrigins: ['*'],
    maxFileSizeBytes: 20 * 1024 * 1024,
    maxAttachmentsPerChat: 35,
    maxFilesPerCase: 100,
    maxBytesPerCase: 1024 * 1024 * 1024,
    instanceId: randomUUID(),
    now: Date.now,
    ...definedOnly(options),
  }
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>

/** The bucket the emulator's presigned URLs point into. */
export const BUCKET = 'amazon-connect-emulator-attachments'

/** The fake AWS account in ARNs. */
export const ACCOUNT_ID = '123456789012'

/** A presigned URL and when it stops working. */
interface Presigned {
  url: string
  expiresAt: number
}

/** What handlers share. */
export interface EmulatorContext {
  options: ResolvedOptions
  storage: Storage
  faults: FaultRegistry
  scanner: Scanner
  timers: Timers
  /** Keys handed out for upload, with the size declared at Start (S3 refuses other lengths). */
  uploads: Map<string, { size: number }>
  /** Every attachment started, with the Start and Complete calls that named it. */
  ledger: UploadLedger
  now(): number
  /**
   * Presigns a PUT or GET of `key` for a client that reached us at `host`; `query` is signed
   * with it (a GET's `response-content-disposition`).
   */
  presign(
    host: string,
    method: 'PUT' | 'GET',
    key: string,
    headers: Record<string, string>,
    ttlSeconds: number,
    query?: Record<string, string>,
  ): Promise<Presigned>
}

/** Builds the shared context. */
export function createContext(parts: Omit<EmulatorContext, 'now' | 'presign'>): EmulatorContext {
  const now = (): number => parts.options.now()
  return {
    ...parts,
    now,
    async presign(host, method, key, headers, ttlSeconds, query) {
      // Whole seconds, like X-Amz-Date: the URL's life starts at the second it was signed in.
      const signingDate = new Date(Math.floor(now() / 1000) * 1000)
      const url = await presignS3({
        credentials: parts.options.credentials,
        region: parts.options.region,
        method,
        host,
        path: `/s3/${BUCKET}/${key}`,
        headers,
        ...(query === undefined ? {} : { query }),
        signingDate,
        expiresInSeconds: ttlSeconds,
      })
      return { url, expiresAt: signingDate.getTime() + ttlSeconds * 1000 }
    },
  }
}

/**
 * An instant as the API reference specifies the timestamps we write (UrlExpiry of both services'
 * Start and Get answers, CreateParticipantConnection's Expiry and ConnectionExpiry): ISO 8601
 * with milliseconds, `yyyy-MM-ddThh:mm:ss.SSSZ`, e.g. `2019-11-08T02:41:28.172Z`.
 */
export const isoTime = (ms: number): string => new Date(ms).toISOString()

/** A file name reduced to characters safe in an S3 key and a URL path. */
export const keySafeName = (name: string): string =>
  name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-100) || 'file'
