export {
  AttachmentError,
  codeFromStatus,
  isAttachmentError,
  isRetryable,
  toAttachmentError,
} from './errors.js'
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
export { callWithDeadline, DEFAULT_CALL_TIMEOUT_MS, withDeadlines } from './deadline.js'
export { DEFAULT_RESPONSE_TIMEOUT_MS, DEFAULT_STALL_TIMEOUT_MS } from './put-pace.js'
export { xhrTransport } from './xhr-transport.js'
export { backoffDelay, DEFAULT_RETRY } from './with-retry.js'
export type { RetryOptions } from './with-retry.js'
export { CONNECT_DEFAULT_LIMITS } from './connect-limits.js'
export { fileExtension, resolveFileType } from './file-types.js'
export { alwaysOnline, browserOnlineSignal } from './online.js'
export type { OnlineSignal } from './online.js'
export type { FrameScheduler } from './progress-batcher.js'
export { createStore, subscribeSelected } from './store.js'
export type { Store } from './store.js'
export { isFinal, transition } from './upload-machine.js'
export type {
  CanceledUpload,
  CompletingUpload,
  FailedUpload,
  QueuedUpload,
  StartingUpload,
  SucceededUpload,
  UploadEvent,
  UploadingUpload,
  UploadState,
  UploadStatus,
} from './upload-machine.js'
export { createUploadClient } from './upload-client.js'
export type { UploadClient, UploadClientOptions } from './upload-client.js'
export { createUploadManager } from './upload-manager.js'
export type { AddResult, UploadManager } from './upload-manager.js'
export type { UploadManagerOptions, UploadManagerSettings } from './upload-manager-options.js'
export { canCancel, canRemove, canRetry, selectProgress, selectTotals } from './upload-selectors.js'
export type { UploadProgress, UploadTotals } from './upload-selectors.js'
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
  createFileReport,
  DEFAULT_DOWNLOAD_TIMING,
  downloadUrlOf,
  freshForMs,
  isSafeDownloadUrl,
  nextCheckMs,
  pollDelayMs,
  reportStaleInMs,
  resolveDownloadTiming,
  viewOfFile,
} from './download-url.js'
export type { DownloadTiming, FileReport, RemoteFileView } from './download-url.js'
