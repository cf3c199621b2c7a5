'use client'
// connect-attachments: the React layer (provider, hooks, messages). Client-only hooks, but safe
// to import and render on a server: nothing here touches window, document or navigator at
// module top level.
export {
  AttachmentsProvider,
  useAttachmentsContext,
  type AttachmentsContextValue,
  type AttachmentsProviderProps,
} from './attachments-provider.js'
export { getFormatters, type Formatters } from './format.js'
export {
  defaultMessages,
  formatMessage,
  knownErrorCodes,
  mergeMessages,
  type AttachedFileStatus,
  type ErrorMessages,
  type ErrorValues,
  type FileKind,
  type KnownErrorCode,
  type Message,
  type Messages,
  type MessagesOverrides,
  type ValidationValues,
} from './messages.js'
export type {
  AttachmentAdapter,
  AttachmentErrorCode,
  FileInfo,
  FileRejection,
  FileValidationCode,
  RemoteFile,
  RemoteFileStatus,
  UploadManager,
  UploadManagerOptions,
  UploadRules,
  UploadSnapshot,
  UploadState,
  UploadStatus,
  UploadTarget,
} from '../core/index.js'
