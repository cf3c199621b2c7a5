import {
  expectField,
  isHeaders,
  isIsoTime,
  isRecord,
  isSize,
  isText,
  optional,
} from '../core/errors.js'
import type { FieldCheck } from '../core/errors.js'
import { defined } from '../core/upload-manager-options.js'
import type { RemoteFile, RemoteFileStatus, UploadRules, UploadTarget } from '../core/types.js'

/** An operation's output: an object whose fields are checked where they are read. */
export type Output = Record<string, unknown>

const isTime: FieldCheck<unknown> = (v): v is unknown => Number.isFinite(toEpochMs(v))

/** Connect's `FileStatus` as ours; statuses outside the API enum count as still processing. */
export function fileStatus(status: unknown): RemoteFileStatus {
  if (status === 'APPROVED') return 'approved'
  if (status === 'REJECTED') return 'rejected'
  if (status === 'FAILED') return 'failed'
  return 'processing'
}

/**
 * An AWS timestamp in epoch ms: an ISO 8601 date-time, as the SDK v3 and a JSON backend give
 * these string-typed fields, or a `Date` or epoch seconds (or ms), as a host's own `send` over
 * another SDK may; anything else is NaN.
 */
export function toEpochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value
  return isIsoTime(value) ? Date.parse(value) : Number.NaN
}

/** Reads `object`'s fields for `operation`, each checked; an error names it after `prefix`. */
const fieldsOf =
  (operation: string, object: Output, prefix = '') =>
  <T>(field: string, check: FieldCheck<T>): T =>
    expectField(operation, prefix + field, object[field], check)

/**
 * A presigned URL and its expiry, from `UploadUrlMetadata` or `DownloadUrlMetadata`, and the
 * reader of that object's other fields.
 */
function urlMetadata(operation: string, wire: Output, field: string) {
  const meta = fieldsOf(operation, fieldsOf(operation, wire)(field, isRecord), `${field}.`)
  return { meta, url: meta('Url', isText), expiresAt: toEpochMs(meta('UrlExpiry', isTime)) }
}

/** StartAttachedFileUpload's output as an upload target. */
export function toTarget(output: Output): UploadTarget {
  const op = 'StartAttachedFileUpload'
  const field = fieldsOf(op, output)
  const id = field('FileId', isText)
  const arn = field('FileArn', optional(isText))
  const { meta, url, expiresAt } = urlMetadata(op, output, 'UploadUrlMetadata')
  const headers = meta('HeadersToInclude', optional(isHeaders))
  const target: UploadTarget = { id, url, headers: { ...headers }, expiresAt }
  if (arn) target.arn = arn
  return target
}

/**
 * One attached file in our shape (GetAttachedFile's output or a BatchGet `Files[]` entry); a
 * download only for an approved file. `FileStatus` is required: without it nothing tells a
 * scanned file from one still processing. GetAttachedFile (called with the file's `id`) documents
 * a download URL for every approved file, so without one there is no link and the answer is
 * refused; a BatchGet entry (no `id`) lists no URLs, and takes one only where it came with it.
 */
export function toRemoteFile(id: string, wire: Output, operation = 'GetAttachedFile'): RemoteFile {
  const field = fieldsOf(operation, wire)
  const status = fileStatus(field('FileStatus', isText))
  // A BatchGet entry has no other id to fall back on, so it must name its file.
  const fileId = field('FileId', id ? optional(isText) : isText)
  const name = field('FileName', optional(isText))
  const size = field('FileSizeInBytes', optional(isSize))
  const created = field('CreationTime', optional(isTime))
  const file: RemoteFile = {
    id: fileId ?? id,
    status,
    // Only what the answer gives.
    ...defined({ name, size, createdAt: created === undefined ? undefined : toEpochMs(created) }),
  }
  if (status === 'approved' && (id || wire.DownloadUrlMetadata !== undefined)) {
    const { url, expiresAt } = urlMetadata(operation, wire, 'DownloadUrlMetadata')
    file.download = { url, expiresAt }
  }
  return file
}

/** DescribeAttachedFilesConfiguration's output. */
export interface AttachedFilesConfigurationWire {
  AttachedFilesConfiguration?: {
    MaximumSizeLimitInBytes?: number
    ExtensionConfiguration?: { AllowedExtensions?: { Extension?: string }[] }
  }
}

/** The instance's configured limits as upload rules (extensions lowercase with the dot). */
export function toUploadRules(wire: AttachedFilesConfigurationWire): Partial<UploadRules> {
  const config = wire.AttachedFilesConfiguration
  const rules: Partial<UploadRules> = {}
  if (typeof config?.MaximumSizeLimitInBytes === 'number') {
    rules.maxFileSize = config.MaximumSizeLimitInBytes
  }
  const extensions = config?.ExtensionConfiguration?.AllowedExtensions
  if (Array.isArray(extensions)) {
    rules.allowedExtensions = extensions
      .map((e) => e.Extension?.trim().toLowerCase() ?? '')
      .filter(Boolean)
      .map((e) => (e.startsWith('.') ? e : `.${e}`))
  }
  return rules
}
