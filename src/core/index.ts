export { AttachmentError, isAttachmentError, isRetryable } from './errors.js'
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
