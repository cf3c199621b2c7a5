import { typesByExtension } from './file-types.js'
import type { UploadRules } from './types.js'

/**
 * Amazon Connect's documented defaults for chat, case and task attachments (Admin Guide,
 * "Amazon Connect feature specifications"): 18 extensions (the keys of the MIME table in
 * `file-types.ts`), 20 MB per file (an instance may be configured from 1 to 100 MB), 35
 * attachments per chat, names of at most 256 characters (`AttachmentName` / `FileName` in the
 * API models). Adapters and hosts override what differs.
 */
export const CONNECT_DEFAULT_LIMITS: Readonly<UploadRules> = Object.freeze({
  maxFileSize: 20 * 1024 * 1024,
  maxFiles: 35,
  allowedExtensions: Object.freeze(Object.keys(typesByExtension)),
  maxNameLength: 256,
})
