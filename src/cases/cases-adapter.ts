import type { AttachmentAdapter, RemoteFile, UploadRules } from '../core/types.js'
import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import {
  toRemoteFile,
  toTarget,
  toUploadRules,
  type AttachedFilesConfigurationWire,
} from './attached-file-mapping.js'
import {
  createAttachedFilesCall,
  getFilesInBatches,
  type AttachedFileError,
} from './attached-file-calls.js'

/** The Connect API operations the cases adapter and the handler speak. */
export type AttachedFilesOperation =
  | 'StartAttachedFileUpload'
  | 'CompleteAttachedFileUpload'
  | 'GetAttachedFile'
  | 'DeleteAttachedFile'
  | 'BatchGetAttachedFileMetadata'
  | 'DescribeAttachedFilesConfiguration'

/** Every {@link AttachedFilesOperation}, for validation. */
export const ATTACHED_FILES_OPERATIONS: readonly AttachedFilesOperation[] = [
  'StartAttachedFileUpload',
  'CompleteAttachedFileUpload',
  'GetAttachedFile',
  'DeleteAttachedFile',
  'BatchGetAttachedFileMetadata',
  'DescribeAttachedFilesConfiguration',
]

/**
 * Sends one Connect API operation with its AWS-shaped input (PascalCase, as the SDK commands
 * take it) and resolves with its output; rejects with the service's error (`name`, `message`,
 * `$metadata.httpStatusCode`, `Reason`) for the adapter to map.
 */
export type SendAttachedFiles = (
  operation: AttachedFilesOperation,
  input: Record<string, unknown>,
  init?: { signal?: AbortSignal },
) => Promise<unknown>

/**
 * Amazon Connect's documented defaults for case, task and email attachments: core's defaults
 * (20 MB, the default extensions, names up to 256 characters) without the chat's 35-file cap,
 * since no per-case count is documented (the service answers TOTAL_FILE_COUNT_EXCEEDED).
 */
export const ATTACHED_FILE_LIMITS: Readonly<UploadRules> = {
  ...CONNECT_DEFAULT_LIMITS,
  maxFiles: Number.POSITIVE_INFINITY,
}

/** Who uploaded a file, as Connect records it: a Connect user, or an IAM identity. */
export type CreatedBy = { connectUserArn: string } | { awsIdentityArn: string }

/** Options of {@link createCasesAdapter}. */
export interface CasesAdapterOptions {
  /** The Connect instance id. */
  instanceId: string
  /** The case, email contact or task the files belong to. */
  associatedResourceArn: string
  /** Sends one operation: {@link sendViaConnectClient}, {@link sendViaHttpBackend} or your own. */
  send: SendAttachedFiles
  /**
   * Who uploads, recorded by Connect: only for a `send` with the caller's own credentials, as
   * createAttachedFilesHandler refuses it and sets it itself (its `createdBy` option).
   * @default undefined (the caller's identity)
   */
  createdBy?: CreatedBy
  /** Tags for uploaded files; like `createdBy`, refused by the handler (its `tags`). @default undefined */
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

/**
 * The fields of a StartAttachedFileUpload input that say who uploads (`createdBy` as the API's
 * `CreatedBy` union) and the file's tags, each only where it is given.
 */
export const uploaderFields = (createdBy?: CreatedBy, tags?: Record<string, string>): object => ({
  ...(createdBy && {
    CreatedBy:
      'connectUserArn' in createdBy
        ? { ConnectUserArn: createdBy.connectUserArn }
        : { AWSIdentityArn: createdBy.awsIdentityArn },
  }),
  ...(tags && { Tags: tags }),
})

/**
 * Creates the adapter for Connect attached files (Cases, Email, Tasks) over a `send` function,
 * so the same code runs with an SDK client, a backend relay or a host-provided channel.
 */
export function createCasesAdapter(options: CasesAdapterOptions): CasesAdapter {
  const { instanceId, associatedResourceArn, urlExpirySeconds = 300 } = options
  // Every call names the instance, and every attached-file operation the associated resource.
  const call = createAttachedFilesCall(options.send, { InstanceId: instanceId })
  const fileCall = createAttachedFilesCall(options.send, {
    InstanceId: instanceId,
    AssociatedResourceArn: associatedResourceArn,
  })
  let loaded: Partial<UploadRules> = {}

  const adapter: CasesAdapter = {
    key: options.key ?? `cases:${instanceId}:${associatedResourceArn}`,
    get limits() {
      return { ...ATTACHED_FILE_LIMITS, ...loaded, ...options.limits }
    },
    downloadUrlLifetimeMs: urlExpirySeconds * 1000,
    async startUpload(file, { clientToken, signal }) {
      const input = {
        FileName: file.name,
        FileSizeInBytes: file.size,
        FileUseCaseType: 'ATTACHMENT',
        ClientToken: clientToken,
        ...uploaderFields(options.createdBy, options.tags),
      }
      return toTarget(await fileCall('StartAttachedFileUpload', input, signal))
    },
    async completeUpload(target, { signal }) {
      await fileCall('CompleteAttachedFileUpload', { FileId: target.id }, signal)
    },
    async getFile(id, { signal } = {}) {
      const input = { FileId: id, UrlExpiryInSeconds: urlExpirySeconds }
      // An approved file without its download URL is refused there: without one there is no link.
      return toRemoteFile(id, await fileCall('GetAttachedFile', input, signal))
    },
    async deleteFile(id, { signal } = {}) {
      await fileCall('DeleteAttachedFile', { FileId: id }, signal)
    },
    getFiles: (fileIds, { signal } = {}) => getFilesInBatches(fileCall, fileIds, signal),
    async loadLimits({ signal } = {}) {
      const input = { AttachmentScope: options.attachmentScope ?? 'CASE' }
      const output = await call('DescribeAttachedFilesConfiguration', input, signal)
      loaded = toUploadRules(output as AttachedFilesConfigurationWire)
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
