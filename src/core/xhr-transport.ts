import { AttachmentError, codeFromStatus } from './errors.js'
import type { Transport, TransportRequest } from './types.js'

// Names a page may not set on a request (https://fetch.spec.whatwg.org/#forbidden-request-header).
// S3 signs Content-Length into Connect's upload URLs; the browser sends the real one from the
// body, which matches because the body is the same file.
const forbiddenHeaders = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
])

/** Whether a browser refuses to let a page set this request header. */
export function isForbiddenHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return forbiddenHeaders.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')
}

/**
 * How long a PUT may go without progress, before its whole body has left the page, until it
 * counts as stalled; Uppy's figure. Keep it well above the gaps a slow link shows: the kernel
 * wakes the browser's writer only once half of its queue has drained, 2.4-2.9 s apart for
 * Chromium on loopback at 512 KB/s, and longer the slower the link.
 */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000

/**
 * How long to wait for S3's answer once the whole body has left the page. The page's progress
 * reaches 100 % while socket buffers still hold megabytes the far end has not read: 4.9 MB when
 * Chromium PUT 12 MB to a loopback server reading 1 MB/s (Linux caps the send buffer at 4 MB,
 * tcp_wmem), and a phone's modem queue adds to that. 60 s drains 7.5 MB at a phone-like
 * 128 KB/s uplink, with S3's own answer taking well under a second of it.
 */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 60_000

/**
 * PUTs a file to a presigned URL with one `XMLHttpRequest`, for its upload progress events
 * (fetch has none). Sends every signed header a browser allows, aborts on the signal, fails
 * with `timeout` when nothing moves for `stallTimeoutMs` or, once the whole body has left the
 * page (`onSent`), when no answer comes for `responseTimeoutMs`, and maps a non-2xx answer —
 * S3's XML error included — to an {@link AttachmentError}. A URL or header the browser refuses
 * fails at once with `invalid-response`.
 */
export const xhrTransport: Transport = (request) =>
  new Promise<void>((resolve, reject) => {
    if (request.signal.aborted) return reject(abortedError(request.signal.reason))
    const xhr = new XMLHttpRequest()
    // Set up before any listener or timer exists, so a refusal leaves nothing to clean up.
    const refused = openPut(xhr, request)
    if (refused !== undefined) return reject(refused)

    const settle = (error?: AttachmentError): void => {
      timer.stop()
      request.signal.removeEventListener('abort', onAbort)
      if (error === undefined) resolve()
      else reject(error)
    }
    const timer = progressTimer(request, (sent) => {
      xhr.abort()
      settle(timeoutError(sent))
    })
    const onAbort = (): void => {
      xhr.abort()
      settle(abortedError(request.signal.reason))
    }
    request.signal.addEventListener('abort', onAbort)

    xhr.upload.onprogress = (event) => {
      const total = event.lengthComputable ? event.total : request.body.size
      request.onProgress?.(event.loaded, total)
      if (event.loaded >= total) timer.sent()
      else timer.touch()
    }
    xhr.upload.onload = () => timer.sent()
    // Progress of the answer's body: S3's answers are small, but a byte of one is a sign of life.
    xhr.onprogress = () => timer.touch()
    xhr.onload = () =>
      settle(
        xhr.status >= 200 && xhr.status < 300
          ? undefined
          : s3ResponseError(xhr.status, xhr.responseText),
      )
    xhr.onerror = () =>
      settle(
        new AttachmentError('network', 'The upload could not reach the storage service.', {
          status: 0,
        }),
      )
    xhr.send(request.body)
    timer.touch()
  })

/**
 * Opens the PUT and sets every signed header a browser allows; the error when the browser
 * refuses the URL or a header. A header value must be Latin-1 (XHR's `setRequestHeader` takes a
 * ByteString), so a raw non-ASCII file name in `Content-Disposition` is refused: the service
 * signed a request no browser can send, and sending it again cannot help. Neither the URL (a
 * credential) nor the value (a user's file name) goes into the message.
 */
function openPut(xhr: XMLHttpRequest, request: TransportRequest): AttachmentError | undefined {
  try {
    xhr.open('PUT', request.url)
  } catch {
    return new AttachmentError('invalid-response', 'The upload URL is not one a browser can open.')
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (isForbiddenHeader(name)) continue
    try {
      xhr.setRequestHeader(name, value)
    } catch (cause) {
      return new AttachmentError(
        'invalid-response',
        `The upload URL was signed with a ${name} header that a browser cannot send (a header value may hold only Latin-1 characters).`,
        { cause },
      )
    }
  }
  return undefined
}

function abortedError(reason: unknown): AttachmentError {
  return new AttachmentError('aborted', 'The upload was canceled.', { cause: reason })
}

function timeoutError(sent: boolean): AttachmentError {
  const message = sent
    ? 'The storage service did not answer in time after the whole file was sent.'
    : 'The upload stalled: no data moved for too long.'
  return new AttachmentError('timeout', message, { status: 0 })
}

/**
 * The PUT's one timer: until the body has left it fires after `stallTimeoutMs` without
 * progress, from then on after `responseTimeoutMs` without an answer (0 turns either off).
 * `sent()` calls the request's `onSent`, once.
 */
function progressTimer(request: TransportRequest, onTimeout: (sent: boolean) => void) {
  const stallMs = request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS
  const responseMs = request.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS
  let sent = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const touch = (): void => {
    clearTimeout(timer)
    const ms = sent ? responseMs : stallMs
    if (ms > 0) timer = setTimeout(() => onTimeout(sent), ms)
  }
  return {
    touch,
    sent() {
      if (sent) return
      sent = true
      touch()
      request.onSent?.()
    },
    stop: () => clearTimeout(timer),
  }
}

// S3's answers: the error for a PUT it refused.

/** The `<Code>` and `<Message>` of an S3 XML error body; empty when the body is not one. */
export interface S3ErrorBody {
  code?: string
  message?: string
}

// S3 error bodies are small, flat and machine-written
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html), so two element
// look-ups do; DOMParser is not there in Node or in workers.
const element = (xml: string, name: string): string | undefined =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.trim()

/** Reads the code and message out of an S3 `<Error>` document. */
export function parseS3Error(body: string): S3ErrorBody {
  if (!body.includes('<Error')) return {}
  const result: S3ErrorBody = {}
  const code = element(body, 'Code')
  const message = element(body, 'Message')
  if (code) result.code = code
  if (message) result.message = message
  return result
}

// Codes S3 answers a presigned URL that has outlived its X-Amz-Expires or its credentials.
const expiredCodes = new Set(['ExpiredToken', 'RequestExpired', 'TokenRefreshRequired'])

/**
 * The error for a non-2xx answer from S3: an expired URL becomes `url-expired` (the engine then
 * asks for a fresh one), S3's `400 RequestTimeout` becomes a retryable `timeout`, a signed header
 * that was not sent as signed becomes `signature-mismatch`, anything else gets the code of its
 * status. The URL itself never goes into the message.
 */
export function s3ResponseError(status: number, body: string): AttachmentError {
  const { code, message } = parseS3Error(body)
  const detail = code ? `${code}${message ? `: ${message}` : ''}` : `HTTP ${status}`
  const cause = { status, code, message }
  if (
    (code === 'AccessDenied' && /request has expired/i.test(message ?? '')) ||
    (code !== undefined && expiredCodes.has(code))
  ) {
    return new AttachmentError('url-expired', `The upload URL has expired (${detail}).`, {
      status,
      cause,
    })
  }
  // S3 gave up waiting for the body's next bytes; the AWS SDKs retry it as transient
  // (@smithy/service-error-classification TRANSIENT_ERROR_CODES), and so does the engine.
  if (code === 'RequestTimeout') {
    const text = `The storage service timed out reading the upload (${detail}).`
    return new AttachmentError('timeout', text, { status, cause })
  }
  if (code === 'SignatureDoesNotMatch') {
    return new AttachmentError(
      'signature-mismatch',
      `The storage service refused the upload's signature; a signed header is missing or changed (${detail}).`,
      { status, cause },
    )
  }
  return new AttachmentError(codeFromStatus(status), `The upload failed (${detail}).`, {
    status,
    cause,
  })
}
