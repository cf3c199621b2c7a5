import type {
  AttachmentAdapter,
  FileInfo,
  RemoteFile,
  UploadRules,
  UploadTarget,
} from '../core/types.js'
import { ATTACHED_FILE_LIMITS } from './attached-file-limits.js'
import {
  toEpochMs,
  toRemoteFile,
  toUploadRules,
  type AttachedFileWire,
  type AttachedFilesConfigurationWire,
} from './attached-file-mapping.js'
import { toAttachmentError } from './cases-error.js'
import type { AttachedFilesOperation, SendAttachedFiles } from './send.js'

/** Options of {@link createCasesAdapter}. */
export interface CasesAdapterOptions {
  /** The Connect instance id. */
  instanceId: string
  /** The case, email contact or task the files belong to. */
  associatedResourceArn: string
  /** Sends one operation: {@link sendViaConnectClient}, {@link sendViaHttpBackend} or your own. */
  send: SendAttachedFiles
  /** Who uploads, recorded by Connect. @default undefined (the caller's identity) */
  createdBy?: { connectUserArn: string } | { awsIdentityArn: string }
  /** Tags for uploaded files. @default undefined */
  tags?: Record<string, string>
  /** Limits to enforce; loaded ones and these override the documented defaults. @default ATTACHED_FILE_LIMITS */
  limits?: Partial<UploadRules>
  /** Lifetime asked for download URLs, 5–300 s. @default 300 */
  urlExpirySeconds?: number
  /** Scope for DescribeAttachedFilesConfiguration. @default 'CASE' */
  attachmentScope?: 'CASE' | 'EMAIL' | 'TASK' | 'CHAT'
  /** Load the instance's limits when the adapter is created (needs that permission). @default false */
  describeLimits?: boolean
  /** Identity for query keys. @default `cases:${instanceId}:${associatedResourceArn}` */
  key?: string
}

/** A file error from BatchGetAttachedFileMetadata. */
export interface AttachedFileError {
  id: string
  errorCode: string
  message: string
}

/** The cases adapter: the port plus listing many files in one call and loading limits. */
export interface CasesAdapter extends AttachmentAdapter {
  readonly limits: Partial<UploadRules>
  deleteFile(id: string, init?: { signal?: AbortSignal }): Promise<void>
  /** Status, name and size of many files at once (no URLs), 100 per request. */
  getFiles(
    ids: readonly string[],
    init?: { signal?: AbortSignal },
  ): Promise<{ files: RemoteFile[]; errors: AttachedFileError[] }>
  /** Reads the instance's size and extension limits; `limits` reflects them afterwards. */
  loadLimits(init?: { signal?: AbortSignal }): Promise<Partial<UploadRules>>
}

interface StartOutput {
  FileId: string
  FileArn?: string
  UploadUrlMetadata: { Url: string; UrlExpiry?: unknown; HeadersToInclude?: Record<string, string> }
}

interface BatchOutput {
  Files?: AttachedFileWire[]
  Errors?: { FileId?: string; ErrorCode?: string; ErrorMessage?: string }[]
}

// BatchGetAttachedFileMetadata accepts at most 100 FileIds.
const BATCH_SIZE = 100

function createdByWire(createdBy: CasesAdapterOptions['createdBy']): object | undefined {
  if (!createdBy) return undefined
  return 'connectUserArn' in createdBy
    ? { ConnectUserArn: createdBy.connectUserArn }
    : { AWSIdentityArn: createdBy.awsIdentityArn }
}

function startInput(options: CasesAdapterOptions, file: FileInfo, clientToken: string) {
  const input: Record<string, unknown> = {
    FileName: file.name,
    FileSizeInBytes: file.size,
    FileUseCaseType: 'ATTACHMENT',
    ClientToken: clientToken,
  }
  const createdBy = createdByWire(options.createdBy)
  if (createdBy) input.CreatedBy = createdBy
  if (options.tags) input.Tags = options.tags
  return input
}

function toTarget(out: StartOutput): UploadTarget {
  const meta = out.UploadUrlMetadata
  const target: UploadTarget = {
    id: out.FileId,
    url: meta.Url,
    headers: { ...meta.HeadersToInclude },
    expiresAt: toEpochMs(meta.UrlExpiry),
  }
  if (out.FileArn) target.arn = out.FileArn
  return target
}

/**
 * Creates the adapter for Connect attached files (Cases, Email, Tasks) over a `send` function,
 * so the same code runs with an SDK client, a backend relay or a host-provided channel.
 */
export function createCasesAdapter(options: CasesAdapterOptions): CasesAdapter {
  const { instanceId, associatedResourceArn } = options
  const ids = { InstanceId: instanceId, AssociatedResourceArn: associatedResourceArn }
  let loaded: Partial<UploadRules> = {}

  const call = async <T>(
    operation: AttachedFilesOperation,
    input: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<T> => {
    try {
      return (await options.send(operation, input, { signal })) as T
    } catch (error) {
      throw toAttachmentError(operation, error, signal)
    }
  }

  // Every attached-file operation names the instance and the associated resource.
  const fileCall = <T>(
    operation: AttachedFilesOperation,
    input: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<T> => call<T>(operation, { ...ids, ...input }, signal)

  const batch = async (chunk: readonly string[], signal?: AbortSignal) => {
    const out = await fileCall<BatchOutput>(
      'BatchGetAttachedFileMetadata',
      { FileIds: chunk },
      signal,
    )
    return {
      files: (out.Files ?? []).map((f) => toRemoteFile(f.FileId ?? '', f)),
      errors: (out.Errors ?? []).map((e) => ({
        id: e.FileId ?? '',
        errorCode: e.ErrorCode ?? '',
        message: e.ErrorMessage ?? '',
      })),
    }
  }

  const adapter: CasesAdapter = {
    key: options.key ?? `cases:${instanceId}:${associatedResourceArn}`,
    get limits() {
      return { ...ATTACHED_FILE_LIMITS, ...loaded, ...options.limits }
    },
    async startUpload(file, { clientToken, signal }) {
      const input = startInput(options, file, clientToken)
      return toTarget(await fileCall<StartOutput>('StartAttachedFileUpload', input, signal))
    },
    async completeUpload(target, { signal }) {
      await fileCall('CompleteAttachedFileUpload', { FileId: target.id }, signal)
    },
    async getFile(id, init = {}) {
      const input = { FileId: id, UrlExpiryInSeconds: options.urlExpirySeconds ?? 300 }
      return toRemoteFile(
        id,
        await fileCall<AttachedFileWire>('GetAttachedFile', input, init.signal),
      )
    },
    async deleteFile(id, init = {}) {
      await fileCall('DeleteAttachedFile', { FileId: id }, init.signal)
    },
    async getFiles(fileIds, init = {}) {
      const chunks: string[][] = []
      for (let i = 0; i < fileIds.length; i += BATCH_SIZE) {
        chunks.push(fileIds.slice(i, i + BATCH_SIZE))
      }
      const results = await Promise.all(chunks.map((chunk) => batch(chunk, init.signal)))
      return { files: results.flatMap((r) => r.files), errors: results.flatMap((r) => r.errors) }
    },
    async loadLimits(init = {}) {
      const input = { InstanceId: instanceId, AttachmentScope: options.attachmentScope ?? 'CASE' }
      const out = await call<AttachedFilesConfigurationWire>(
        'DescribeAttachedFilesConfiguration',
        input,
        init.signal,
      )
      loaded = toUploadRules(out)
      return adapter.limits
    },
  }
  if (options.describeLimits) {
    adapter.loadLimits().catch((error: unknown) => {
      console.warn('connect-attachments: could not load the instance limits', error)
    })
  }
  return adapter
}
