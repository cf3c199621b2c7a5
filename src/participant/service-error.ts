import { AttachmentError, codeFromStatus } from '../core/errors.js'
import type { AttachmentErrorCode } from '../core/errors.js'

// The Participant Service's error names (connect-apis.md §3.1); anything else falls back to
// the HTTP status.
const codeByName: Record<string, AttachmentErrorCode> = {
  ServiceQuotaExceededException: 'quota-exceeded',
  ValidationException: 'invalid-request',
  AccessDeniedException: 'access-denied',
  ConflictException: 'conflict',
  ResourceNotFoundException: 'not-found',
  ThrottlingException: 'throttled',
  InternalServerException: 'server',
}

/** The service's error as it came over the wire, kept as an {@link AttachmentError}'s `cause`. */
export interface ParticipantServiceError extends Error {
  /** The HTTP status of the response. */
  status: number
  /** The service's reason, when the body carries one. */
  reason?: string
}

/**
 * Removes what must never reach a message: the bearer token and any URL (presigned URLs carry
 * credentials in their query string).
 */
export function redact(text: string, secret?: string): string {
  const noUrls = text.replace(/\b(?:https?|wss?):\/\/\S+/gi, '[url]')
  return secret ? noUrls.split(secret).join('[redacted]') : noUrls
}

/** Reads `Reason` whether it is a string or Connect's one-key union object. */
export function reasonOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object') {
    const first = Object.values(value).find((v) => typeof v === 'string')
    return first as string | undefined
  }
  return undefined
}

/** The error name from `x-amzn-errortype` (`Name:uri`) or the body's `__type` (`ns#Name`). */
function errorName(response: Response, body: Record<string, unknown>): string {
  const header = response.headers.get('x-amzn-errortype')?.split(':')[0]
  const type = typeof body.__type === 'string' ? body.__type.split('#').pop() : undefined
  return header || type || `HTTP${response.status}`
}

/** Turns a non-2xx Participant Service response into an {@link AttachmentError}. */
export function serviceError(
  operation: string,
  response: Response,
  body: Record<string, unknown>,
  token: string,
): AttachmentError {
  const name = errorName(response, body)
  const raw = body.Message ?? body.message
  const message = redact(typeof raw === 'string' ? raw : '', token)
  const reason = reasonOf(body.Reason)
  const cause = Object.assign(new Error(message), { name, status: response.status, reason })
  const code = codeByName[name] ?? codeFromStatus(response.status)
  return new AttachmentError(code, `${operation} failed: ${name}${message ? `: ${message}` : ''}`, {
    status: response.status,
    reason,
    cause: cause as ParticipantServiceError,
  })
}
