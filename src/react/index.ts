'use client'
// connect-attachments: the React layer (provider, hooks, messages). Client-only hooks, but safe
// to import and render on a server: nothing here touches window, document or navigator at
// module top level.
export { createUploadClient } from '../core/upload-client.js'
export {
  AttachmentsProvider,
  useAttachmentsContext,
  type AttachmentsContextValue,
  type AttachmentsProviderProps,
} from './attachments-provider.js'
export { getFormatters, type Formatters } from './format.js'
export {
  allowedKindsText,
  errorText,
  fileKindOf,
  limitsText,
  localizeRejection,
  progressText,
  type LocalizedRejection,
  type MessageContext,
} from './message-text.js'
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
export {
  useAttachmentUpload,
  type AttachmentUploadController,
  type UseAttachmentUploadOptions,
} from './use-attachment-upload.js'
export { useUpload } from './use-upload.js'
export {
  canCancel,
  canRemove,
  canRetry,
  selectProgress,
  selectTotals,
} from '../core/upload-selectors.js'
export type {
  AttachmentAdapter,
  AttachmentErrorCode,
  FileInfo,
  FileRejection,
  FileValidationCode,
  RemoteFile,
  RemoteFileStatus,
  UploadClient,
  UploadClientOptions,
  UploadManager,
  UploadManagerOptions,
  UploadManagerSettings,
  UploadRules,
  UploadSnapshot,
  UploadState,
  UploadStatus,
  UploadTarget,
  UploadTotals,
} from '../core/index.js'
export {
  UploadList,
  type UploadListPart,
  type UploadListProps,
  type UploadRowRenderProps,
} from './upload-list.js'
export {
  UploadProgress,
  uploadPercent,
  uploadStatusText,
  type UploadProgressPart,
  type UploadProgressProps,
} from './upload-progress.js'
export {
  AttachmentDropzone,
  type AttachmentDropzonePart,
  type AttachmentDropzoneProps,
  type AttachmentDropzoneState,
} from './attachment-dropzone.js'
export {
  AttachmentButton,
  type AttachmentButtonPart,
  type AttachmentButtonProps,
} from './attachment-button.js'
export type { PasteTarget, UploadSourceProps } from './upload-source.js'
export {
  useAttachmentDropzone,
  type AttachmentDropzoneResult,
  type UseAttachmentDropzoneOptions,
} from './use-attachment-dropzone.js'
export {
  useAttachedFile,
  type AttachedFileResult,
  type UseAttachedFileOptions,
} from './use-attached-file.js'
export {
  AttachmentLink,
  type AttachmentLinkContent,
  type AttachmentLinkProps,
} from './attachment-link.js'
export { AttachedFileCard, type AttachedFileCardProps } from './attached-file-card.js'
export {
  AttachmentMessage,
  type AttachmentMessageProps,
  type ChatAttachmentItem,
} from './attachment-message.js'
