import type { RemoteFile, RemoteFileStatus, UploadRules } from '../core/types.js'

/** Connect's `FileStatus` as ours; statuses outside the API enum count as still processing. */
export function fileStatus(status: unknown): RemoteFileStatus {
  if (status === 'APPROVED') return 'approved'
  if (status === 'REJECTED') return 'rejected'
  if (status === 'FAILED') return 'failed'
  return 'processing'
}

/** An AWS timestamp (ISO string from the SDK or JSON, a `Date`, or epoch seconds) in epoch ms. */
export function toEpochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value
  if (typeof value === 'string') return Date.parse(value)
  return Number.NaN
}

/** The AWS shape of GetAttachedFile's output and of BatchGet's `Files[]` entries. */
export interface AttachedFileWire {
  FileId?: string
  FileName?: string
  FileSizeInBytes?: number
  FileStatus?: string
  DownloadUrlMetadata?: { Url?: string; UrlExpiry?: unknown }
}

/** One attached file in our shape; a download only for an approved file that came with a URL. */
export function toRemoteFile(id: string, wire: AttachedFileWire): RemoteFile {
  const status = fileStatus(wire.FileStatus)
  const file: RemoteFile = { id: wire.FileId ?? id, status }
  if (wire.FileName !== undefined) file.name = wire.FileName
  if (wire.FileSizeInBytes !== undefined) file.size = wire.FileSizeInBytes
  const url = wire.DownloadUrlMetadata?.Url
  if (status === 'approved' && url) {
    file.download = { url, expiresAt: toEpochMs(wire.DownloadUrlMetadata?.UrlExpiry) }
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
