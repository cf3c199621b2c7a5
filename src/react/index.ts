'use client'
// connect-attachments: the React layer (provider, hooks, components, messages). Client-only
// hooks, but safe to import and render on a server: nothing here touches window, document or
// navigator at module top level. DESIGN.md's public names, and the types a host needs to write
// props, messages and adapters; everything else is internal.
export { createUploadClient } from '../core/upload-client.js'
export {
  AttachmentsProvider,
  useAttachmentsContext,
  type AttachmentsContextValue,
  type AttachmentsProviderProps,
} from './attachments-provider.js'
export type { Formatters } from './format.js'
export { progressText } from './message-text.js'
export {
  defaultMessages,
  formatMessage,
  type Message,
  type Messages,
  type MessagesOverrides,
} from './messages.js'
export {
  useAttachmentUpload,
  type AttachmentUploadController,
  type UseAttachmentUploadOptions,
} from './use-attachment-upload.js'
export { useUpload } from './use-upload.js'
export type {
  AttachmentAdapter,
  AttachmentErrorCode,
  FileInfo,
  FileRejection,
  RemoteFile,
  RemoteFileStatus,
  UploadClient,
  UploadClientOptions,
  UploadManager,
  UploadManagerOptions,
  UploadRules,
  UploadSnapshot,
  UploadState,
  UploadStatus,
  UploadTarget,
  UploadTotals,
} from '../core/index.js'
export { UploadList, type UploadListProps, type UploadRowRenderProps } from './upload-list.js'
export { UploadProgress, type UploadProgressProps } from './upload-progress.js'
export {
  AttachmentDropzone,
  type AttachmentDropzoneProps,
  type AttachmentDropzoneState,
} from './attachment-dropzone.js'
export { AttachmentButton, type AttachmentButtonProps } from './attachment-button.js'
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
