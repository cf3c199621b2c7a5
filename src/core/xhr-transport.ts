import { AttachmentError } from './errors.js'
import { s3ResponseError } from './s3-error.js'
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

/** How long a PUT may go without moving a byte before it counts as stalled; Uppy's figure. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000

/**
 * PUTs a file to a presigned URL with one `XMLHttpRequest`, for its upload progress events
 * (fetch has none). Sends every signed header a browser allows, aborts on the signal, fails
 * with `timeout` when nothing moves for `stallTimeoutMs`, and maps a non-2xx answer — S3's XML
 * error included — to an {@link AttachmentError}.
 */
export const xhrTransport: Transport = (request) =>
  new Promise<void>((resolve, reject) => {
    if (request.signal.aborted) return reject(abortedError(request.signal.reason))
    const xhr = new XMLHttpRequest()
    // Set up before any listener or timer exists, so a refusal leaves nothing to clean up.
    const refused = openPut(xhr, request)
    if (refused !== undefined) return reject(refused)
    const stall = stallTimer(request, () => {
      finish()
      xhr.abort()
      reject(
        new AttachmentError('timeout', 'The upload stalled: no data moved for too long.', {
          status: 0,
        }),
      )
    })
    const onAbort = (): void => {
      finish()
      xhr.abort()
      reject(abortedError(request.signal.reason))
    }
    const finish = (): void => {
      stall.stop()
      request.signal.removeEventListener('abort', onAbort)
    }
    request.signal.addEventListener('abort', onAbort)

    xhr.upload.onprogress = (event) => {
      stall.touch()
      request.onProgress?.(event.loaded, event.lengthComputable ? event.total : request.body.size)
    }
    xhr.onprogress = () => stall.touch()
    xhr.onload = () => {
      finish()
      if (xhr.status >= 200 && xhr.status < 300) resolve()
      else reject(s3ResponseError(xhr.status, xhr.responseText))
    }
    xhr.onerror = () => {
      finish()
      reject(
        new AttachmentError('network', 'The upload could not reach the storage service.', {
          status: 0,
        }),
      )
    }
    xhr.send(request.body)
    stall.touch()
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

/** A timer that fires when `touch()` has not been called for the request's stall timeout. */
function stallTimer(request: TransportRequest, onStall: () => void) {
  const ms = request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    touch() {
      if (ms <= 0) return
      clearTimeout(timer)
      timer = setTimeout(onStall, ms)
    },
    stop() {
      clearTimeout(timer)
    },
  }
}
