// Reading request bodies and writing responses, with the fault shapes that act on bytes: a
// connection reset after N bytes and a bandwidth cap.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Timers } from './timers.js'

/** Byte-level fault shapes. */
export interface Shaping {
  resetAfterBytes?: number
  bytesPerSecond?: number
}

/** Thrown when a body could not be read in full (reset by a fault, or the client went away). */
export class BodyAbortedError extends Error {
  override readonly name = 'BodyAbortedError'
}

// How far ahead of the cap the reader may get before it pauses the socket.
const delayFor = (started: number, bytes: number, bytesPerSecond: number): number =>
  started + (bytes / bytesPerSecond) * 1000 - Date.now()

/** Reads the whole request body, applying `shaping` to it. */
export function readBody(req: IncomingMessage, shaping: Shaping, timers: Timers): Promise<Buffer> {
  const { resetAfterBytes, bytesPerSecond } = shaping
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const started = Date.now()
    let total = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      if (resetAfterBytes !== undefined && total + chunk.length >= resetAfterBytes) {
        done = true
        req.socket.destroy()
        reject(new BodyAbortedError('Connection reset by fault'))
        return
      }
      chunks.push(chunk)
      total += chunk.length
      if (bytesPerSecond !== undefined) {
        const wait = delayFor(started, total, bytesPerSecond)
        if (wait > 0) {
          req.pause()
          timers.after(wait, () => req.resume())
        }
      }
    })
    req.on('end', () => {
      done = true
      resolve(Buffer.concat(chunks))
    })
    req.on('close', () => {
      if (!done) reject(new BodyAbortedError('Client closed the connection'))
      done = true
    })
    // A client that aborts mid-body (XHR abort, a reset) is not an emulator failure.
    req.on('error', (error) => {
      done = true
      reject(new BodyAbortedError(error.message))
    })
  })
}

/** Writes a full response, applying `shaping` to its body. */
export async function writeResponse(
  res: ServerResponse,
  reply: { status: number; headers: Record<string, string>; body: Buffer },
  shaping: Shaping,
  timers: Timers,
): Promise<void> {
  const { status, headers, body } = reply
  const { resetAfterBytes, bytesPerSecond } = shaping
  if (resetAfterBytes === 0) {
    // Nothing at all reaches the client, not even the status line.
    res.socket?.destroy()
    return
  }
  res.writeHead(status, { ...headers, 'content-length': String(body.length) })
  if (resetAfterBytes === undefined && bytesPerSecond === undefined) {
    res.end(body)
    return
  }
  const limit = Math.min(resetAfterBytes ?? Infinity, body.length)
  // Small slices keep the rate smooth; 10 per second at the capped rate.
  const slice =
    bytesPerSecond === undefined ? limit : Math.max(1024, Math.floor(bytesPerSecond / 10))
  const started = Date.now()
  let sent = 0
  while (sent < limit && !res.destroyed) {
    const next = Math.min(limit, sent + slice)
    res.write(body.subarray(sent, next))
    sent = next
    if (bytesPerSecond !== undefined) {
      const wait = delayFor(started, sent, bytesPerSecond)
      if (wait > 0) await timers.sleep(wait)
    }
  }
  if (resetAfterBytes !== undefined && resetAfterBytes < body.length) {
    // Let the bytes written so far reach the client before the reset.
    await new Promise<void>((resolve) => res.write('', () => resolve()))
    res.socket?.destroy()
    return
  }
  res.end()
}

/** CORS headers for a response to `req`; `origin` is the allowed origin to echo. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers':
      'x-amzn-errortype, x-amzn-requestid, x-amz-request-id, etag, date',
    vary: 'Origin',
  }
}

/** The headers of an answered preflight. */
export function preflightHeaders(
  req: IncomingMessage,
  origin: string,
  methods: string,
): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': methods,
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '3000',
  }
}
