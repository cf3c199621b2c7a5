import { AttachmentError } from '../src/core/errors.js'
import { s3ResponseError } from '../src/core/xhr-transport.js'
import type { Transport } from '../src/core/types.js'

/**
 * A PUT over Node's fetch, for cross-layer tests in Node (the library's transport is XHR, for
 * its progress events, and runs in browsers). Reports one progress event when the body is sent.
 */
export const fetchTransport: Transport = async (request) => {
  // Node's fetch, like a browser, sets Content-Length from the body itself.
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  )
  let response: Response
  try {
    response = await fetch(request.url, {
      method: 'PUT',
      headers,
      body: request.body,
      signal: request.signal,
    })
  } catch (cause) {
    if (request.signal.aborted) throw new AttachmentError('aborted', 'Canceled.', { cause })
    throw new AttachmentError('network', 'The PUT did not reach the server.', { status: 0, cause })
  }
  if (!response.ok) throw s3ResponseError(response.status, await response.text())
  request.onProgress?.(request.body.size, request.body.size)
}
