import {
  AttachmentError,
  codeFromStatus,
  isAttachmentError,
  reasonOf,
  redactUrls,
} from '../core/errors.js'
import type { AttachmentErrorCode } from '../core/errors.js'

// Both vocabularies (connect-apis.md §0.8): the Connect API's attached-file errors, and the
// Participant names a host's backend may relay.
const codeByName: Record<string, AttachmentErrorCode> = {
  ServiceQuotaExceededException: 'quota-exceeded',
  InvalidRequestException: 'invalid-request',
  ValidationException: 'invalid-request',
  AccessDeniedException: 'access-denied',
  ResourceConflictException: 'conflict',
  ConflictException: 'conflict',
  ResourceNotFoundException: 'not-found',
  ThrottlingException: 'throttled',
  InternalServiceException: 'server',
  InternalServerException: 'server',
  CredentialsProviderError: 'access-denied',
}

interface ErrorLike {
  name?: string
  message?: string
  Reason?: unknown
  reason?: unknown
  status?: number
  $metadata?: { httpStatusCode?: number }
}

/** The HTTP status an SDK or relayed error carries, if a response was received. */
export function statusOf(error: unknown): number | undefined {
  const e = (error ?? {}) as ErrorLike
  return e.$metadata?.httpStatusCode ?? (typeof e.status === 'number' ? e.status : undefined)
}

function codeOf(name: string, status: number | undefined): AttachmentErrorCode {
  if (name === 'AbortError') return 'aborted'
  return codeByName[name] ?? (status === undefined ? 'network' : codeFromStatus(status))
}

/**
 * Maps what `send` rejected with (an SDK exception, a relayed backend error, a fetch failure)
 * to an {@link AttachmentError}, keeping the original as `cause`.
 */
export function toAttachmentError(
  operation: string,
  error: unknown,
  signal?: AbortSignal,
): AttachmentError {
  if (isAttachmentError(error)) return error
  const e = (typeof error === 'object' && error ? error : {}) as ErrorLike
  const name = typeof e.name === 'string' ? e.name : 'Error'
  const status = statusOf(error)
  const code = signal?.aborted ? 'aborted' : codeOf(name, status)
  const detail = redactUrls(typeof e.message === 'string' ? e.message : '')
  const message = `${operation} failed: ${name}${detail ? `: ${detail}` : ''}`
  return new AttachmentError(code, message, {
    status: code === 'network' ? 0 : status,
    reason: reasonOf(e.Reason ?? e.reason),
    cause: error,
  })
}
