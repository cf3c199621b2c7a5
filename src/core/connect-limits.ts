import type { UploadRules } from './types.js'

/**
 * Amazon Connect's documented defaults for chat, case and task attachments (Admin Guide,
 * "Amazon Connect feature specifications"): 18 extensions, 20 MB per file (an instance may be
 * configured from 1 to 100 MB), 35 attachments per chat, names of at most 256 characters
 * (`AttachmentName` / `FileName` in the API models). Adapters and hosts override what differs.
 */
export const CONNECT_DEFAULT_LIMITS: Readonly<UploadRules> = Object.freeze({
  maxFileSize: 20 * 1024 * 1024,
  maxFiles: 35,
  allowedExtensions: Object.freeze([
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
  ]),
  maxNameLength: 256,
})
