import { AttachmentError, codeFromStatus, reasonOf, redactUrls } from '../core/errors.js'

// The Participant Service's error names (connect-apis.md §3.1) with the status each stands for,
// so the name decides the code even when a response carries an unusual status; a name not
// listed falls back to the response's status. Stored without the common `Exception` suffix
// because this table ships in every chat widget.
const statusByName: Record<string, number> = {
  ServiceQuotaExceeded: 402,
  Validation: 400,
  AccessDenied: 403,
  Conflict: 409,
  ResourceNotFound: 404,
  Throttling: 429,
  InternalServer: 500,
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
  const noUrls = redactUrls(text)
  return secret ? noUrls.split(secret).join('[redacted]') : noUrls
}

/**
 * The error name from `x-amzn-errortype` (`Name:uri`) or the body's `__type` (`ns#Name`), the
 * two places restJson services put it.
 */
function errorName(response: Response, body: Record<string, unknown>): string {
  const raw = response.headers.get('x-amzn-errortype') || body.__type || `HTTP${response.status}`
  return String(raw).split(':')[0]!.split('#').pop()!
}

/** Turns a non-2xx Participant Service response into an {@link AttachmentError}. */
export function serviceError(
  operation: string,
  response: Response,
  body: Record<string, unknown>,
  token: string,
): AttachmentError {
  const { status } = response
  const name = errorName(response, body)
  const message = redact(String(body.Message ?? body.message ?? ''), token)
  const reason = reasonOf(body.Reason)
  const cause: ParticipantServiceError = Object.assign(new Error(message), { name, status, reason })
  const code = codeFromStatus(statusByName[name.replace(/Exception$/, '')] ?? status)
  return new AttachmentError(code, `${operation} failed: ${name} ${message}`.trim(), {
    status,
    reason,
    cause,
  })
}
