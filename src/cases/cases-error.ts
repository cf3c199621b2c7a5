import {
  AttachmentError,
  codeFromStatus,
  isAttachmentError,
  reasonOf,
  redactUrls,
  toAttachmentError as toCoreError,
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
  code?: unknown
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

// The socket errors of Node's http (ETIMEDOUT aside): `@smithy/node-http-handler` rejects with
// them as they are, or renamed `TimeoutError` (ECONNRESET, EPIPE), when no response came.
const socketFailure =
  /^(ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/

/**
 * The code of a failure. A known error name has its code, whatever the status.
 *
 * Without a response: the SDK's socket errors (and SDK v2's `NetworkingError`, in a host's own
 * `send`) are `network` and its timeouts (`TimeoutError`, from both SDK handlers) `timeout`; the
 * rest is core's rule: fetch's own connection failure is `network` (sendViaHttpBackend, the
 * SDK's fetch handler), and anything else (a bug in a host's `send`, a failed import of the SDK)
 * `unexpected`, not retried.
 *
 * With a success status, the service answered and reading its answer failed (the SDK gives its
 * deserializer's errors the response's status). A body cut off by the connection (Node's socket
 * error, the browser's `TypeError`) is `network`, retried: the call may have taken effect, and a
 * retried Start carries its ClientToken, so it gets back the file the lost answer named. A whole
 * answer that cannot be read is `invalid-response`.
 *
 * Any other status has core's code for it.
 */
function codeOf(error: unknown, e: ErrorLike, name: string, status?: number): AttachmentErrorCode {
  const socket = typeof e.code === 'string' && socketFailure.test(e.code)
  if (name === 'AbortError') return 'aborted'
  if (codeByName[name]) return codeByName[name]
  if (status === undefined) {
    if (socket || name === 'NetworkingError') return 'network'
    if (name === 'TimeoutError' || e.code === 'ETIMEDOUT') return 'timeout'
    return toCoreError(error).code
  }
  if (status >= 200 && status < 300) {
    return socket || name === 'TypeError' ? 'network' : 'invalid-response'
  }
  return codeFromStatus(status)
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
  const code = signal?.aborted ? 'aborted' : codeOf(error, e, name, status)
  const detail = redactUrls(typeof e.message === 'string' ? e.message : '')
  const message = `${operation} failed: ${name}${detail ? `: ${detail}` : ''}`
  return new AttachmentError(code, message, {
    status: code === 'network' ? 0 : status,
    reason: reasonOf(e.Reason ?? e.reason),
    cause: error,
  })
}
