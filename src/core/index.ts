// connect-attachments/core: the framework-free engine. DESIGN.md's public names, and the types a
// host needs to write an adapter, a transport or a manager's options; everything else is
// internal.
export { AttachmentError, isAttachmentError } from './errors.js'
export type { AttachmentErrorCode, AttachmentErrorOptions } from './errors.js'
export type {
  AttachmentAdapter,
  FileInfo,
  RemoteFile,
  RemoteFileStatus,
  Transport,
  TransportRequest,
  UploadRules,
  UploadTarget,
} from './types.js'
export { xhrTransport } from './xhr-transport.js'
export type { RetryOptions } from './with-retry.js'
export { CONNECT_DEFAULT_LIMITS } from './connect-limits.js'
export type { OnlineSignal } from './online.js'
export type { FrameScheduler } from './progress-batcher.js'
export type { UploadState, UploadStatus } from './upload-machine.js'
export type { UploadClient, UploadClientOptions } from './upload-client.js'
export { createUploadManager } from './upload-manager.js'
export type { AddResult, UploadManager } from './upload-manager.js'
export type { UploadManagerOptions, UploadManagerSettings } from './upload-manager-options.js'
export type { UploadTotals } from './upload-selectors.js'
export type { UploadSnapshot } from './upload-store.js'
export { validateFiles } from './validate-files.js'
export type {
  AcceptedFile,
  FileRejection,
  FileValidationCode,
  FileValidationError,
  FileValidationResult,
  ValidateFilesOptions,
} from './validate-files.js'
