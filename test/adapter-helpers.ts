// Shared steps of the adapter tests: what a chat widget's backend and the upload engine do
// around an adapter (get a connection token, PUT the bytes to the presigned URL).
import type { AttachmentAdapter, RemoteFile, UploadTarget } from '../src/core/types.js'
import { xhrTransport } from '../src/core/xhr-transport.js'

/** CreateParticipantConnection with a participant token: the chat's connection token. */
export async function connectParticipant(url: string, participantToken: string): Promise<string> {
  const response = await fetch(`${url}/participant/connection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-bearer': participantToken },
    body: JSON.stringify({ Type: ['CONNECTION_CREDENTIALS'] }),
  })
  if (!response.ok) throw new Error(`CreateParticipantConnection answered ${response.status}`)
  const body = (await response.json()) as { ConnectionCredentials: { ConnectionToken: string } }
  return body.ConnectionCredentials.ConnectionToken
}

/**
 * PUTs bytes to an upload target with every signed header but Content-Length, which the
 * runtime sets from the body (as a browser does).
 */
export async function putToTarget(
  target: UploadTarget,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<void> {
  const headers = Object.fromEntries(
    Object.entries(target.headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  )
  const response = await fetch(target.url, { method: 'PUT', headers, body: bytes })
  if (!response.ok) throw new Error(`PUT answered ${response.status}: ${await response.text()}`)
}

/** Fetches a download URL and returns the bytes. */
export async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`GET answered ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

/** The bytes of a small text file. */
export const textBytes = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text)

/** A fresh controller's signal, for calls that need one. */
export const signal = (): AbortSignal => new AbortController().signal

/**
 * Starts a file's upload, PUTs it with core's XHR transport (as a page does) and completes it:
 * its target. Browser only.
 */
export async function uploadThroughXhr(
  adapter: AttachmentAdapter,
  file: File,
  onProgress?: (loaded: number) => void,
): Promise<UploadTarget> {
  const init = () => ({ clientToken: crypto.randomUUID(), signal: signal() })
  const info = { name: file.name, size: file.size, type: file.type }
  const target = await adapter.startUpload(info, init())
  await xhrTransport({
    url: target.url,
    headers: target.headers,
    body: file,
    signal: signal(),
    ...(onProgress ? { onProgress } : {}),
  })
  await adapter.completeUpload(target, init())
  return target
}

/** Asks for a file until it is no longer processing: the emulator scans files a little later. */
export async function settledFile(
  adapter: Pick<AttachmentAdapter, 'getFile'>,
  id: string,
): Promise<RemoteFile> {
  for (let i = 0; i < 50; i++) {
    const file = await adapter.getFile(id)
    if (file.status !== 'processing') return file
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('the file stayed in processing')
}

/**
 * The Participant Service's errors, their HTTP statuses and the codes the chat adapter maps them
 * to: the same table in Node and in the browser.
 */
export const participantServiceErrors: [errorType: string, status: number, code: string][] = [
  ['ServiceQuotaExceededException', 402, 'quota-exceeded'],
  ['ValidationException', 400, 'invalid-request'],
  ['AccessDeniedException', 403, 'access-denied'],
  ['ConflictException', 409, 'conflict'],
  ['ResourceNotFoundException', 404, 'not-found'],
  ['ThrottlingException', 429, 'throttled'],
  ['InternalServerException', 500, 'server'],
]

/**
 * A fetch that passes every request on and records the path of each (`/participant/attachment`
 * for GetAttachment), to count what an adapter asked the service.
 */
export function recordingFetch(): { fetch: typeof fetch; paths: string[] } {
  const paths: string[] = []
  return {
    paths,
    fetch: (input, init) => {
      paths.push(new URL(String(input)).pathname)
      return fetch(input, init)
    },
  }
}
