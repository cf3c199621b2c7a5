export { AttachmentError, codeFromStatus, isAttachmentError, isRetryable } from './errors.js'
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
export { backoffDelay, DEFAULT_RETRY } from './backoff.js'
export type { RetryOptions } from './backoff.js'
export { CONNECT_DEFAULT_LIMITS } from './connect-limits.js'
export { fileExtension, resolveFileType } from './file-types.js'
export { alwaysOnline, browserOnlineSignal } from './online.js'
export type { OnlineSignal } from './online.js'
export type { FrameScheduler } from './progress-batcher.js'
export { createStore, subscribeSelected } from './store.js'
export type { Store } from './store.js'
export { transition } from './upload-machine.js'
export type { UploadEvent, UploadState, UploadStatus } from './upload-machine.js'
export { createUploadManager } from './upload-manager.js'
export type { AddResult, UploadManager } from './upload-manager.js'
export type { UploadManagerOptions } from './upload-manager-options.js'
export type { UploadSnapshot } from './upload-store.js'
export { validateFiles } from './validate-files.js'
export type {
  AcceptedFile,
  FileLike,
  FileRejection,
  FileValidationCode,
  FileValidationError,
  FileValidationResult,
  ValidateFilesOptions,
} from './validate-files.js'
export {
  checkRemoteFile,
  DEFAULT_DOWNLOAD_TIMING,
  downloadUrlOf,
  freshForMs,
  isSafeDownloadUrl,
  pollDelayMs,
  refreshDelayMs,
  typeFromName,
} from './download-url.js'
export type { DownloadTiming } from './download-url.js'
