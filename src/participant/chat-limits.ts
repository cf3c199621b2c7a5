import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import type { UploadRules } from '../core/types.js'

/**
 * Amazon Connect's documented chat limits (Admin Guide, feature specifications): 20 MB per file
 * by default, 35 attachments per conversation, the default extension list, names up to 256
 * characters (StartAttachmentUpload's AttachmentName) — core's defaults, which are the chat's.
 */
export const CHAT_LIMITS: Readonly<UploadRules> = CONNECT_DEFAULT_LIMITS
