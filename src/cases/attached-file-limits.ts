import type { UploadRules } from '../core/types.js'

/**
 * Amazon Connect's documented defaults for case, task and email attachments (Admin Guide,
 * feature specifications): 20 MB per file, the default extensions, names up to 256 characters
 * (StartAttachedFileUpload's FileName). No per-case count is documented, so none is set.
 */
export const ATTACHED_FILE_LIMITS: Partial<UploadRules> = {
  maxFileSize: 20 * 1024 * 1024,
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
