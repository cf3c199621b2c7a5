// The cases (associated resources) and attached files the emulator knows.
import { randomUUID } from 'node:crypto'
import { ACCOUNT_ID, type ResolvedOptions } from './context.js'
import type { UploadCalls } from './upload-ledger.js'

/** What `createCase()` returns. */
export interface CreatedCase {
  instanceId: string
  /** The case ARN to pass as `associatedResourceArn`. */
  associatedResourceArn: string
}

/** Connect's FileStatus. */
type FileStatus = 'PROCESSING' | 'APPROVED' | 'REJECTED' | 'FAILED'

/** One attached file. */
export interface AttachedFileRecord {
  fileId: string
  fileArn: string
  instanceId: string
  associatedResourceArn: string
  name: string
  size: number
  contentType: string
  key: string
  status: FileStatus
  /** True once CompleteAttachedFileUpload accepted it. */
  completed: boolean
  creationTime: string
  createdBy?: Record<string, unknown>
  tags?: Record<string, string>
  /** For idempotency: the input the ClientToken was first used with. */
  fingerprint: string
  /** True once DeleteAttachedFile removed it (the ledger still lists it). */
  deleted: boolean
  /** The Start and Complete requests that named it. */
  calls: UploadCalls
}

/** The case registry. */
export interface Cases {
  create(): CreatedCase
  instanceId: string
  files: Map<string, AttachedFileRecord>
  /** StartAttachedFileUpload ClientToken → FileId. */
  clientTokens: Map<string, string>
  /** The files of one associated resource. */
  filesOf(associatedResourceArn: string): AttachedFileRecord[]
}

/** Creates an empty registry for the single instance `options.instanceId`. */
export function createCases(options: ResolvedOptions): Cases {
  const files = new Map<string, AttachedFileRecord>()
  const domainId = randomUUID()
  return {
    instanceId: options.instanceId,
    files,
    clientTokens: new Map(),
    create: () => ({
      instanceId: options.instanceId,
      associatedResourceArn: `arn:aws:cases:${options.region}:${ACCOUNT_ID}:domain/${domainId}/case/${randomUUID()}`,
    }),
    filesOf: (arn) => [...files.values()].filter((file) => file.associatedResourceArn === arn),
  }
}
