/**
 * One error type for everything that can go wrong, told apart by a kebab-case `code`.
 * The service's or the transport's own error is kept as `cause`.
 */

/** Every code the library produces; `string & {}` keeps the union open for adapters. */
export type AttachmentErrorCode =
  // service and transport
  | 'quota-exceeded'
  | 'invalid-request'
  | 'access-denied'
  | 'conflict'
  | 'not-found'
  | 'throttled'
  | 'server'
  | 'network'
  | 'timeout'
  | 'url-expired'
  | 'signature-mismatch'
  | 'rejected'
  | 'aborted'
  /** A service answer of the wrong shape (a 200 with an unexpected body, a header a browser cannot send); not retried. */
  | 'invalid-response'
  /** A download URL that is not `https:` (or `http:` on a loopback host). */
  | 'invalid-url'
  /** A bug rather than a failure of the service or the network (an exception of another kind); not retried. */
  | 'unexpected'
  // validation
  | 'file-too-large'
  | 'file-empty'
  | 'file-type-not-allowed'
  | 'too-many-files'
  | 'file-name-invalid'
  | (string & {})

/** Options for {@link AttachmentError}. */
export interface AttachmentErrorOptions {
  /** The HTTP status, when there was a response. */
  status?: number
  /** The service's reason, e.g. `INVALID_FILE_TYPE` or `TOTAL_FILE_COUNT_EXCEEDED`. */
  reason?: string
  /** The original error: an AWS exception, an XHR event, a parse failure. */
  cause?: unknown
}

/** An error from an attachment operation, with a stable `code` to branch on and to translate. */
export class AttachmentError extends Error {
  declare readonly name: 'AttachmentError'
  declare readonly code: AttachmentErrorCode
  declare readonly status?: number
  declare readonly reason?: string

  constructor(
    code: AttachmentErrorCode,
    message: string,
    { status, reason, cause }: AttachmentErrorOptions = {},
  ) {
    // No `cause` property at all when there is none, as for any other Error.
    super(message, cause === undefined ? undefined : { cause })
    Object.assign(this, { name: 'AttachmentError', code, status, reason })
  }
}

/** True for an {@link AttachmentError}, also one from another copy of this library. */
export function isAttachmentError(value: unknown): value is AttachmentError {
  return (
    value instanceof Error &&
    value.name === 'AttachmentError' &&
    typeof (value as { code?: unknown }).code === 'string'
  )
}

// What `fetch` rejects with when it cannot connect: a bare `TypeError` whose message is the
// browser's own (Chromium, Firefox, Safari, Node's undici, in that order). Chromium's failed
// `import()` starts alike, but is no failed request: a reload, not a retry, is its remedy.
const fetchFailure =
  /^(failed to fetch(?! dynamically)|networkerror when attempting to fetch|load failed|fetch failed)/i

/**
 * Any failure as an {@link AttachmentError}, keeping the original as `cause`. Only what `fetch`
 * throws when it cannot connect is a `network` error (and retried); an abort is `aborted`;
 * anything else (a bug in an adapter or in a host's code) is `unexpected`, and not retried: a
 * retry would only repeat it, and calling it a network error would send users chasing their
 * connection.
 */
export function toAttachmentError(cause: unknown): AttachmentError {
  if (isAttachmentError(cause)) return cause
  const code =
    cause instanceof TypeError && fetchFailure.test(cause.message)
      ? 'network'
      : (cause as Error | undefined)?.name === 'AbortError'
        ? 'aborted'
        : 'unexpected'
  // The code says what failed; the cause says how.
  return new AttachmentError(code, code, { cause })
}

/** Whether trying the same request again may succeed: network errors, 408, 429, 5xx, stalls. */
export function isRetryable(error: unknown): boolean {
  return (
    isAttachmentError(error) &&
    (/^(network|timeout|throttled|server)$/.test(error.code) || error.status === 408)
  )
}

// The statuses that carry a code of their own; any other is `server` from 500 up and
// `invalid-request` below.
const codeByStatus: Record<number, AttachmentErrorCode> = {
  0: 'network',
  401: 'access-denied',
  402: 'quota-exceeded',
  403: 'access-denied',
  404: 'not-found',
  408: 'timeout',
  409: 'conflict',
  429: 'throttled',
}

/** The code for an HTTP status that carries no more specific error name. */
export const codeFromStatus = (status: number): AttachmentErrorCode =>
  codeByStatus[status] ?? (status < 500 ? 'invalid-request' : 'server')

/** `text` with every URL replaced by `[url]`: presigned URLs carry credentials in their query. */
export const redactUrls = (text: string): string => text.replace(/\w+:\/\/\S+/g, '[url]')

/**
 * A service error's reason, whether the body carries it as a string or as a one-key union
 * (`{ AttachedFileInvalidRequestExceptionReason: 'INVALID_FILE_TYPE' }`).
 */
export const reasonOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : isRecord(value)
      ? Object.values(value).find((v): v is string => typeof v === 'string')
      : undefined

/** A check of one field of a service's answer. */
export type FieldCheck<T> = (value: unknown) => value is T

/** A non-empty string. */
export const isText: FieldCheck<string> = (v): v is string => typeof v === 'string' && v !== ''

/** A JSON object (not an array). */
export const isRecord: FieldCheck<Record<string, unknown>> = (v): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * An ISO 8601 date-time with a zone (`2019-11-08T02:41:28.172Z`, `…+01:00`), the format both
 * services document for every `…Expiry` and `CreationTime`. `Date.parse` alone would take `'1'`
 * for the year 2001.
 */
export const isIsoTime: FieldCheck<string> = (v): v is string =>
  typeof v === 'string' &&
  /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i.test(v) &&
  !Number.isNaN(Date.parse(v))

/** A byte count. */
export const isSize: FieldCheck<number> = (v): v is number =>
  Number.isSafeInteger(v) && (v as number) >= 0

/** Headers to send: an object of strings. */
export const isHeaders: FieldCheck<Record<string, string>> = (v): v is Record<string, string> =>
  isRecord(v) && Object.values(v).every((value) => typeof value === 'string')

/** A field the API marks optional: absent, or of the type `check` accepts. */
export const optional =
  <T>(check: FieldCheck<T>): FieldCheck<T | undefined> =>
  (v): v is T | undefined =>
    v === undefined || check(v)

/**
 * The error for an answer of the wrong shape: the same request would get the same answer, so it
 * is `invalid-response`, which the engine does not retry. It names the field, never its value
 * (it may be a presigned URL).
 */
export const invalidResponse = (operation: string, field: string, cause?: unknown) =>
  new AttachmentError('invalid-response', `${operation}: invalid ${field}`, { cause })

/** `value` when `check` accepts it; otherwise throws {@link invalidResponse}. */
export function expectField<T>(
  operation: string,
  field: string,
  value: unknown,
  check: FieldCheck<T>,
): T {
  if (check(value)) return value
  throw invalidResponse(operation, field)
}
