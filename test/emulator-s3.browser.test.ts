// The emulator's S3 from a real page in Chromium: the page's origin differs from the emulator's,
// so every PUT with the signed headers is preceded by a CORS preflight the emulator must answer.
import { afterEach, describe, expect, inject, it } from 'vitest'
import { emulatorControls } from './emulator-controls.js'

const base = inject('emulatorUrl')
const controls = emulatorControls(base)

const post = async (
  path: string,
  body: object = {},
  headers: Record<string, string> = {},
): Promise<unknown> => {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return res.json()
}

/** Starts a chat attachment upload of `size` bytes through the Participant Service wire. */
async function startUpload(
  size: number,
): Promise<{ url: string; headers: Record<string, string> }> {
  const connectionToken = await controls.chatConnectionToken()
  const started = (await post(
    '/participant/start-attachment-upload',
    {
      ContentType: 'application/pdf',
      AttachmentName: 'big.pdf',
      AttachmentSizeInBytes: size,
      ClientToken: crypto.randomUUID(),
    },
    { 'x-amz-bearer': connectionToken },
  )) as { UploadMetadata: { Url: string; HeadersToInclude: Record<string, string> } }
  return { url: started.UploadMetadata.Url, headers: started.UploadMetadata.HeadersToInclude }
}

interface PutResult {
  status: number
  responseText: string
  progress: number[]
}

/** An XHR PUT as our transport does it: every header except the browser-forbidden Content-Length. */
function xhrPut(url: string, headers: Record<string, string>, body: Blob): Promise<PutResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const progress: number[] = []
    xhr.open('PUT', url)
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value)
    }
    xhr.upload.onprogress = (event) => progress.push(event.loaded)
    xhr.onload = () => resolve({ status: xhr.status, responseText: xhr.responseText, progress })
    xhr.onerror = () => reject(new Error('network error (CORS refused?)'))
    xhr.send(body)
  })
}

afterEach(() => controls.clearFaults())

describe('startEmulator: S3 from a browser page', () => {
  it('passes the cross-origin preflight and shows upload progress for a bandwidth-capped PUT', async () => {
    expect(new URL(base).origin).not.toBe(location.origin)
    // Loopback socket buffers swallow the first megabytes at once (about 4 MB here), so the body
    // must outlast them by seconds for Chromium to report progress more than once: 8 MB at
    // 1 MB/s leaves about 4 s of steps the kernel paces, whatever the machine's load (6 MB at
    // 2 MB/s left 1 s, and on a machine loaded by four CPU-bound processes one event came).
    const size = 8 * 1024 * 1024
    const { url, headers } = await startUpload(size)
    await controls.setFault('PutObject', { bytesPerSecond: 1024 * 1024 })
    const result = await xhrPut(
      url,
      headers,
      new Blob([new Uint8Array(size)], { type: 'application/pdf' }),
    )
    expect(result.status).toBe(200)
    expect(result.progress.length).toBeGreaterThan(1)
    expect(result.progress.at(-1)).toBe(size)
    expect(await controls.faultCount('PutObject')).toBe(1)
  })

  it('lets the page read the S3 XML error of a PUT missing a signed header', async () => {
    const { url, headers } = await startUpload(4)
    const without = Object.fromEntries(
      Object.entries(headers).filter(([name]) => name !== 'x-amz-acl'),
    )
    const result = await xhrPut(url, without, new Blob(['abcd'], { type: 'application/pdf' }))
    expect(result.status).toBe(403)
    expect(result.responseText).toContain('<Code>SignatureDoesNotMatch</Code>')
  })
})
