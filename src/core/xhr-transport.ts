import { AttachmentError, codeFromStatus } from './errors.js'
import type { AttachmentErrorCode, AttachmentErrorOptions } from './errors.js'
import type { Transport } from './types.js'

// Names a page may not set on a request (https://fetch.spec.whatwg.org/#forbidden-request-header):
// a browser ignores them, and Chromium logs an error for each. S3 signs Content-Length into
// Connect's upload URLs; the browser sends the real one from the body, which matches because the
// body is the same file.
const forbiddenHeader =
  /^(accept-(charset|encoding)|access-control-request-(headers|method)|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|te|trailer|transfer-encoding|upgrade|via|(proxy|sec)-.*)$/i

/** Whether a browser refuses to let a page set this request header. */
export const isForbiddenHeader = (name: string): boolean => forbiddenHeader.test(name)

/**
 * The least time without progress that counts as a stall, and the time a PUT is given to show
 * its rhythm before any quiet spell can count as one; Uppy's figure. See {@link stalledAt}.
 */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000

/**
 * The least wait for S3's answer once the whole body has left the page. The page's progress
 * reaches 100 % while socket buffers still hold megabytes the far end has not read: 4.9 MB when
 * Chromium PUT 12 MB to a loopback server reading 1 MB/s (Linux caps the send buffer at 4 MB,
 * tcp_wmem), and a phone's modem queue adds to that. 60 s drains 7.5 MB at a phone-like
 * 128 KB/s uplink, with S3's own answer taking well under a second of it; a slower link that
 * showed its rate gets longer ({@link answerWaitMs}).
 */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 60_000

/**
 * How many times its own longest quiet spell a transfer may stay quiet before it counts as
 * stalled, and how many times the time its rate needs to drain what is in flight it may wait for
 * its answer. Chromium reports upload progress as the kernel takes more of the body, which it
 * does once half of the socket's queue has drained: steps 2.4-2.9 s apart at 512 KB/s and
 * 5.3-5.8 s at 256 KB/s on loopback (4 MB queue), even though bytes move all the time. A busy
 * page hears of a step late, and a link's rate wavers; three steps with no progress is no
 * longer a wobble.
 */
export const STALL_FACTOR = 3

/** What a PUT has shown of its pace through its progress events; times in ms. */
export interface Pace {
  /** When the PUT began. */
  start: number
  /** When it last made progress (`start` before it made any). */
  last: number
  /** Bytes sent so far. */
  loaded: number
  /**
   * Its first progress: the sockets' buffers take megabytes at once, so these bytes may all
   * still be in flight, and only what follows shows the link's rate.
   */
  first?: { at: number; loaded: number }
  /** The longest time between two of its progress events. */
  longest: number
}

/** The pace of a PUT beginning `at`. */
export const startPace = (at: number): Pace => ({ start: at, last: at, loaded: 0, longest: 0 })

/** `pace` after a progress event at `at` with `loaded` bytes sent (unchanged if none moved). */
export function observePace(pace: Pace, at: number, loaded: number): Pace {
  if (loaded <= pace.loaded) return pace
  const { first = { at, loaded } } = pace
  const longest = pace.first ? Math.max(pace.longest, at - pace.last) : 0
  return { ...pace, first, loaded, last: at, longest }
}

/**
 * When a PUT still sending counts as stalled: once it has made no progress for the longer of
 * `minimumMs` and {@link STALL_FACTOR} times its longest gap between progress events so far, and
 * never in its first {@link DEFAULT_STALL_TIMEOUT_MS}, which it is given to show that rhythm
 * (on a slow link the first step alone takes seconds, and a quick burst into the buffers is no
 * rhythm). The longest gap rather than a recent one: a link that paused that long may again.
 */
export const stalledAt = (pace: Pace, minimumMs: number): number =>
  Math.max(
    pace.last + Math.max(minimumMs, STALL_FACTOR * pace.longest),
    pace.start + DEFAULT_STALL_TIMEOUT_MS,
  )

/**
 * How long to wait for the answer once the whole body has left: at least `minimumMs`, and
 * {@link STALL_FACTOR} times what the rate seen since the first progress needs to drain the bytes
 * the buffers took in that first step (what they may still hold).
 */
export function answerWaitMs({ first, loaded, last }: Pace, minimumMs: number): number {
  const rate = first && last > first.at ? (loaded - first.loaded) / (last - first.at) : 0
  return rate > 0 ? Math.max(minimumMs, (STALL_FACTOR * first!.loaded) / rate) : minimumMs
}

/**
 * PUTs a file to a presigned URL with one `XMLHttpRequest`, for its upload progress events
 * (fetch has none). Sends every signed header a browser allows, aborts on the signal, fails
 * with `timeout` when it stalls ({@link stalledAt}, from `stallTimeoutMs`) or, once the whole
 * body has left the page (`onSent`), when the answer is late ({@link answerWaitMs}, from
 * `responseTimeoutMs`; 0 turns either off), and maps a
 * non-2xx answer — S3's XML error included — to an {@link AttachmentError}. A URL or header the
 * browser refuses fails at once with `invalid-response`.
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
    // The code says what failed; a stall names itself, the `status` 0 says no answer came.
    const fail = (code: AttachmentErrorCode, options: AttachmentErrorOptions, message = code) =>
      settle(new AttachmentError(code, message, options))
    const onAbort = (): void => fail('aborted', { cause: signal.reason })
    // The one timer: until the body has left, it fires once the PUT has stalled by its pace;
    // from then on once the answer is later than its pace allows.
    const touch = (): void => {
      clearTimeout(timer)
      const ms = sent
        ? responseTimeoutMs && answerWaitMs(pace, responseTimeoutMs)
        : stallTimeoutMs && stalledAt(pace, stallTimeoutMs) - Date.now()
      if (ms) {
        timer = setTimeout(
          () => fail('timeout', { status: 0 }, sent ? 'No answer' : 'Upload stalled'),
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
        if (!forbiddenHeader.test(header)) xhr.setRequestHeader(header, headers[header]!)
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

    xhr.upload.onprogress = ({ lengthComputable, loaded, total }) => {
      if (!lengthComputable) total = body.size
      onProgress?.(loaded, total)
      pace = observePace(pace, Date.now(), loaded)
      if (loaded < total) touch()
      else markSent()
    }
    xhr.upload.onload = markSent
    // Progress of the answer's body: S3's answers are small, but a byte of one is a sign of life.
    xhr.onprogress = touch
    xhr.onload = () => {
      const { status } = xhr
      settle(status > 199 && status < 300 ? undefined : s3ResponseError(status, xhr.responseText))
    }
    xhr.onerror = () => fail('network', { status: 0 })
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
 * The error for a non-2xx answer from S3: an expired URL becomes `url-expired` (the engine then
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
          : codeFromStatus(status)
  const detail = code ? `${code}${message ? `: ${message}` : ''}` : `HTTP ${status}`
  return new AttachmentError(ours, detail, {
    status,
    cause: { status, ...parsed },
  })
}
