import { AttachmentError, codeFromStatus, isRecord, reasonOf, redactUrls } from '../core/errors.js'
import type { FieldCheck } from '../core/errors.js'

/** What every Participant Service call needs: where to go, the token source and `fetch`. */
export interface ParticipantClientConfig {
  endpoint: string
  /** Read before every call: chat connection tokens are refreshed while a chat lasts. */
  token: () => string | Promise<string>
  fetch: typeof fetch
}

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
function redact(text: string, secret?: string): string {
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
function serviceError(
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

async function readToken(config: ParticipantClientConfig, operation: string): Promise<string> {
  let token: string | undefined
  let cause: unknown
  try {
    token = await config.token()
  } catch (error) {
    cause = error
  }
  if (token) return token
  throw new AttachmentError('access-denied', `${operation}: no connection token`, { cause })
}

function transportError(operation: string, cause: unknown, signal?: AbortSignal): AttachmentError {
  const aborted = signal?.aborted
  return new AttachmentError(
    aborted ? 'aborted' : 'network',
    `${operation} ${aborted ? 'aborted' : 'failed: no response'}`,
    { status: aborted ? undefined : 0, cause },
  )
}

/**
 * The operation's path under `/participant/`: StartAttachmentUpload → start-attachment-upload,
 * GetAttachment → attachment, GetTranscript → transcript (the service's REST bindings).
 */
function pathOf(operation: string): string {
  return operation
    .replace(/^Get/, '')
    .replace(/\B[A-Z]/g, (c) => `-${c}`)
    .toLowerCase()
}

/** A Participant Service answer: a JSON object whose fields are checked where they are read. */
export type Answer = Record<string, unknown>

/** An ISO 8601 timestamp, the service's format for every `…Expiry`. */
export const isIsoTime: FieldCheck<string> = (v): v is string =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v))

/**
 * POSTs one JSON request to the Participant Service with the connection token as
 * `X-Amz-Bearer` (no SigV4: connect-apis.md §3.1) and returns the parsed answer, or rejects
 * with an {@link AttachmentError}. A 2xx whose body is not a JSON object (a proxy's or captive
 * portal's page) is `invalid-response`; an empty one reads as `{}`.
 */
export async function callParticipant(
  config: ParticipantClientConfig,
  operation: string,
  input: object,
  signal?: AbortSignal,
): Promise<Answer> {
  const token = await readToken(config, operation)
  let response: Response
  let text: string
  try {
    response = await config.fetch(`${config.endpoint}/participant/${pathOf(operation)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-bearer': token },
      body: JSON.stringify(input),
      signal,
    })
    text = await response.text()
  } catch (cause) {
    throw transportError(operation, cause, signal)
  }
  let body: unknown = {}
  let cause: unknown
  try {
    if (text) body = JSON.parse(text)
  } catch (error) {
    // An error status alone tells what happened; a success must carry the documented JSON.
    cause = error
  }
  if (!response.ok) throw serviceError(operation, response, isRecord(body) ? body : {}, token)
  if (cause !== undefined || !isRecord(body)) {
    throw new AttachmentError(
      'invalid-response',
      `${operation} answered with a body that is not a JSON object`,
      { cause },
    )
  }
  return body
}
