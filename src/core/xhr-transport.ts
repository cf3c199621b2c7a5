import { AttachmentError, codeFromStatus, invalidResponse } from './errors.js'
import {
  answerWaitMs,
  DEFAULT_RESPONSE_TIMEOUT_MS,
  DEFAULT_STALL_TIMEOUT_MS,
  observePace,
  stalledAt,
  startPace,
} from './put-pace.js'
import type { Transport } from './types.js'

// Names a page may not set on a request (https://fetch.spec.whatwg.org/#forbidden-request-header):
// a browser ignores them, and Chromium logs an error for each. S3 signs Content-Length into
// Connect's upload URLs; the browser sends the real one from the body, which matches because the
// body is the same file (checked before the PUT, as is any other of these names).
const forbiddenHeader =
  /^(accept-(charset|encoding)|access-control-request-(headers|method)|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|te|trailer|transfer-encoding|upgrade|via|(proxy|sec)-.*)$/

/** The longest answer to a PUT that is read, in bytes; S3's error documents take under 1 kB. */
const MAX_ANSWER_BYTES = 64 * 1024

/**
 * PUTs a file to a presigned URL with one `XMLHttpRequest`, for its upload progress events
 * (fetch has none). Sends every signed header a browser allows, aborts on the signal, fails
 * with `timeout` when it stalls ({@link stalledAt}, from `stallTimeoutMs`) or, once the whole
 * body has left the page (`onSent`), when the answer is late ({@link answerWaitMs}, from
 * `responseTimeoutMs`; 0 turns either off), and maps a
 * non-2xx answer — S3's XML error included, and a 2xx carrying one — to an
 * {@link AttachmentError}. A URL or signed header the browser cannot send as signed fails at once
 * with `invalid-response`, and so does an answer longer than {@link MAX_ANSWER_BYTES}.
 */
export const xhrTransport: Transport = ({
  url,
  headers,
  body,
  signal,
  onProgress,
  onSent,
  stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS,
  responseTimeoutMs = DEFAULT_RESPONSE_TIMEOUT_MS,
}) =>
  new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    let sent = false
    let pace = startPace(Date.now())
    let timer: ReturnType<typeof setTimeout> | undefined
    let header: string | undefined
    const settle = (error?: AttachmentError): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      if (!error) return resolve()
      xhr.abort() // a no-op once the request is done
      reject(error)
    }
    // Each error below: its code says what failed and is its message too, but for a stall and a
    // late answer, which name themselves; the `status` 0 says no answer came.
    const onAbort = (): void =>
      settle(new AttachmentError('aborted', 'aborted', { cause: signal.reason }))
    // The one timer: until the body has left, it fires once the PUT has stalled by its pace;
    // from then on once the answer is later than its pace allows.
    const touch = (): void => {
      clearTimeout(timer)
      const ms = sent
        ? responseTimeoutMs && answerWaitMs(pace, responseTimeoutMs)
        : stallTimeoutMs && stalledAt(pace, stallTimeoutMs) - Date.now()
      if (ms) {
        timer = setTimeout(
          () =>
            settle(
              new AttachmentError('timeout', sent ? 'No answer' : 'Upload stalled', { status: 0 }),
            ),
          ms,
        )
      }
    }
    const markSent = (): void => {
      if (sent) return
      sent = true
      touch()
      onSent?.()
    }

    if (signal.aborted) return onAbort()
    // Set up before any listener or timer exists, so a refusal leaves nothing to clean up. A
    // header value must be Latin-1 (setRequestHeader takes a ByteString), so a raw non-ASCII
    // file name in Content-Disposition is refused: the service signed a request no browser can
    // send, and sending it again cannot help. Neither the URL (a credential) nor a value (a
    // user's file name) goes into the message, and a refused URL keeps no cause.
    try {
      xhr.open('PUT', url)
      for (header in headers) {
        const value = headers[header]!
        const name = header.toLowerCase()
        // The browser sets Content-Length from the body and Host from the URL: as signed when
        // the service signed the file's size (Connect does) and the URL's host. Any other name a
        // page may not set (Cookie, Origin, Sec-…) cannot go out as signed, and S3 would refuse
        // the PUT only after its last byte, so the target is refused now.
        if (!forbiddenHeader.test(name)) xhr.setRequestHeader(header, value)
        else if (
          value !==
          (name === 'host'
            ? new URL(url).host
            : name === 'content-length'
              ? String(body.size)
              : undefined)
        )
          throw new TypeError(header)
      }
    } catch (cause) {
      return reject(
        new AttachmentError(
          'invalid-response',
          header ? `Unsendable header ${header}` : 'Invalid upload URL',
          { cause: header && cause },
        ),
      )
    }
    signal.addEventListener('abort', onAbort)

    // The body is a Blob, whose size is what the browser sends (its event's `total` when it
    // computes one).
    xhr.upload.onprogress = ({ loaded }) => {
      onProgress?.(loaded, body.size)
      pace = observePace(pace, Date.now(), loaded)
      if (loaded < body.size) touch()
      else markSent()
    }
    xhr.upload.onload = markSent
    // S3 answers a PUT with an empty body or a short XML error: a longer answer is not S3's, and
    // reading on would only fill memory. A never-ending one is ended by the answer's wait, which
    // its bytes do not extend.
    xhr.onprogress = ({ loaded }) => {
      if (loaded > MAX_ANSWER_BYTES) settle(invalidResponse('PUT', 'answer size'))
    }
    xhr.onload = () => {
      const { status, responseText } = xhr
      // A 2xx carrying an S3 error document (a proxy's, or S3's own) stored nothing to count on.
      settle(
        status > 199 && status < 300 && !responseText.includes('<Error')
          ? undefined
          : s3ResponseError(status, responseText),
      )
    }
    xhr.onerror = () => settle(new AttachmentError('network', 'network', { status: 0 }))
    xhr.send(body)
    touch()
  })

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
  new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1] || undefined

/** Reads the code and message out of an S3 `<Error>` document. */
export function parseS3Error(body: string): S3ErrorBody {
  return body.includes('<Error')
    ? { code: element(body, 'Code'), message: element(body, 'Message') }
    : {}
}

/**
 * The error for a non-2xx answer from S3, or a 2xx with an error document (`server`, unless its
 * code says more): an expired URL becomes `url-expired` (the engine then
 * asks for a fresh one), S3's `400 RequestTimeout` becomes a retryable `timeout`, a signed header
 * that was not sent as signed becomes `signature-mismatch`, anything else gets the code of its
 * status. The URL itself never goes into the message.
 */
export function s3ResponseError(status: number, body: string): AttachmentError {
  const parsed = parseS3Error(body)
  const { code = '', message = '' } = parsed
  const ours =
    // What S3 answers a presigned URL that has outlived its X-Amz-Expires or its credentials.
    /^(ExpiredToken|RequestExpired|TokenRefreshRequired)$/.test(code) ||
    (code === 'AccessDenied' && /request has expired/i.test(message))
      ? 'url-expired'
      : // S3 gave up waiting for the body's next bytes; the AWS SDKs retry it as transient
        // (@smithy/service-error-classification TRANSIENT_ERROR_CODES), and so does the engine.
        code === 'RequestTimeout'
        ? 'timeout'
        : code === 'SignatureDoesNotMatch'
          ? 'signature-mismatch'
          : // An error document with a 2xx is S3's way to report an internal error (its
            // CopyObject docs), which the AWS SDKs retry.
            status < 300
            ? 'server'
            : codeFromStatus(status)
  const detail = code ? `${code}${message ? `: ${message}` : ''}` : `HTTP ${status}`
  return new AttachmentError(ours, detail, {
    status,
    cause: { status, ...parsed },
  })
}
