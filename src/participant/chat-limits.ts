import type { UploadRules } from '../core/types.js'

/**
 * Amazon Connect's documented chat limits (Admin Guide, feature specifications): 20 MB per file
 * by default, 35 attachments per conversation, the default extension list, names up to 256
 * characters (StartAttachmentUpload's AttachmentName).
 */
export const CHAT_LIMITS: UploadRules = {
  maxFileSize: 20 * 1024 * 1024,
  maxFiles: 35,
  allowedExtensions: [
    '.csv',
    '.doc',
    '.docx',
    '.heic',
    '.jfif',
    '.jpeg',
    '.jpg',
    '.mov',
    '.mp4',
    '.pdf',
    '.png',
    '.ppt',
    '.pptx',
    '.rtf',
    '.txt',
    '.wav',
    '.xls',
    '.xlsx',
  ],
  maxNameLength: 256,
}
