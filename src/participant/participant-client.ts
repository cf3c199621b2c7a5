import {
  AttachmentError,
  codeFromStatus,
  expectField,
  invalidResponse,
  isAttachmentError,
  isRecord,
  reasonOf,
  redactUrls,
  toAttachmentError,
} from '../core/errors.js'
import type { FieldCheck } from '../core/errors.js'
import { readAnswer } from '../core/read-answer.js'

/** The service's error as it came over the wire, kept as an {@link AttachmentError}'s `cause`. */
export interface ParticipantServiceError extends Error {
  /** The HTTP status of the response. */
  status: number
  /** The service's reason, when the body carries one. */
  reason?: string
}

/**
 * A field of an answer by its path (`UploadMetadata.Url`) when `check` accepts it; otherwise
 * throws `invalid-response` naming the operation and the path, never the value.
 */
type ReadField = <T>(path: string, check: FieldCheck<T>) => T

/**
 * What a caller reads from the adapter's options at each call: the token (from
 * `getConnectionToken` when there is one, else the fixed `connectionToken`) and the `fetch`.
 */
interface CallerOptions {
  connectionToken?: string
  getConnectionToken?: () => string | Promise<string>
  fetch?: typeof fetch
}

/** Calls one operation and gives a reader of its answer's fields. */
export type ParticipantCall = (
  operation: string,
  input: object,
  signal?: AbortSignal,
) => Promise<ReadField>

/**
 * The Participant Service at `endpoint`: each call POSTs one JSON request with the connection
 * token, read afresh as chat tokens are refreshed while a chat lasts, as `X-Amz-Bearer` (no
 * SigV4: connect-apis.md §3.1), and resolves with a reader of the answer, or rejects with an
 * {@link AttachmentError}. A 2xx whose body is not a JSON object (a proxy's or captive portal's
 * page) is `invalid-response`; an empty one reads as `{}`.
 */
export function participantCaller(endpoint: string, options: CallerOptions): ParticipantCall {
  return async (operation, input, signal) => {
    let token: string
    try {
      token = await (options.getConnectionToken?.() ?? options.connectionToken!)
    } catch (cause) {
      // Why the host's token function failed, by what it threw: a blip on the way to the token
      // (Streams' fetch through the CCP, a backend's token endpoint) is retried like any other
      // request, an AttachmentError keeps its code, and only a refusal (a 401 or 403) is
      // `access-denied`. An HTTP status is read where fetch wrappers (`status`) and the AWS SDK
      // v2 (`statusCode`) keep it.
      if (isAttachmentError(cause)) throw cause
      const failure = cause as TokenFailure | null | undefined
      const status = failure?.status ?? failure?.statusCode
      if (typeof status === 'number') {
        const code = codeFromStatus(status)
        throw new AttachmentError(code, code, { status, cause })
      }
      // `AbortSignal.timeout()` aborts with a TimeoutError, which core would take for a bug.
      if (failure?.name === 'TimeoutError') {
        throw new AttachmentError('timeout', 'timeout', { cause })
      }
      throw toAttachmentError(cause)
    }
    if (!token) throw new AttachmentError('access-denied', 'No connection token')

    let response: Response
    let text: string
    try {
      // The REST binding of each operation: StartAttachmentUpload → start-attachment-upload,
      // GetAttachment → attachment, GetTranscript → transcript.
      const path = operation
        .replace(/^Get/, '')
        .replace(/\B[A-Z]/g, '-$&')
        .toLowerCase()
      // The `fetch` given, else the global one as it is at this call: one swapped in later (or
      // a bound window.fetch) is used.
      response = await (options.fetch ?? fetch)(`${endpoint}/participant/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amz-bearer': token },
        body: JSON.stringify(input),
        signal,
      })
      text = await readAnswer(response, operation)
    } catch (error) {
      if (isAttachmentError(error)) throw error
      const aborted = signal?.aborted
      throw new AttachmentError(aborted ? 'aborted' : 'network', `${operation}: no answer`, {
        status: aborted ? undefined : 0,
        cause: error,
      })
    }

    let body: unknown
    let parseError: unknown
    try {
      body = JSON.parse(text || '{}')
    } catch (error) {
      // An error status alone tells what happened; a success must carry the documented JSON.
      parseError = error
    }
    // A body that did not parse is left undefined, so it is not this object either.
    const answer = isRecord(body) ? body : {}
    if (!response.ok) {
      const { status } = response
      // The error name from `x-amzn-errortype` (`Name:uri`) or the body's `__type` (`ns#Name`),
      // the two places restJson services put it.
      const name = String(
        response.headers.get('x-amzn-errortype') || answer.__type || `HTTP${status}`,
      )
        .split(':')[0]!
        .split('#')
        .pop()!
      // Neither the token nor any URL (presigned URLs carry credentials in their query) may
      // reach a message.
      const message = redactUrls(String(answer.Message ?? answer.message ?? '')).replaceAll(
        token,
        '[redacted]',
      )
      const reason = reasonOf(answer.Reason)
      const serviceError: ParticipantServiceError = Object.assign(new Error(message), {
        name,
        status,
        reason,
      })
      // The Participant Service's error names (connect-apis.md §3.1) with the status each
      // stands for, so the name decides the code even when a response carries an unusual
      // status; a name not listed falls back to the response's status. Without the common
      // `Exception` suffix because this table ships in every chat widget.
      const statusByName: Record<string, number> = {
        ServiceQuotaExceeded: 402,
        Validation: 400,
        AccessDenied: 403,
        Conflict: 409,
        ResourceNotFound: 404,
        Throttling: 429,
        InternalServer: 500,
      }
      const code = codeFromStatus(statusByName[name.replace(/Exception$/, '')] ?? status)
      throw new AttachmentError(code, `${operation}: ${name} ${message}`, {
        status,
        reason,
        cause: serviceError,
      })
    }
    if (answer !== body) throw invalidResponse(operation, 'JSON object', parseError)
    return (path, check) =>
      expectField(
        operation,
        path,
        path
          .split('.')
          .reduce<unknown>((value, key) => (value as Answer | undefined)?.[key], answer),
        check,
      )
  }
}

/** Where a host's failed token fetch may say how it failed. */
interface TokenFailure {
  name?: string
  status?: number
  statusCode?: number
}

/** A Participant Service answer: a JSON object whose fields are checked where they are read. */
type Answer = Record<string, unknown>
