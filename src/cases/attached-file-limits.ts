import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import type { UploadRules } from '../core/types.js'

/**
 * Amazon Connect's documented defaults for case, task and email attachments: core's defaults
 * (20 MB, the default extensions, names up to 256 characters) without the chat's 35-file cap,
 * since no per-case count is documented (the service answers TOTAL_FILE_COUNT_EXCEEDED).
 */
export const ATTACHED_FILE_LIMITS: Readonly<UploadRules> = {
  ...CONNECT_DEFAULT_LIMITS,
  maxFiles: Number.POSITIVE_INFINITY,
}
