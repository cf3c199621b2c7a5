import { describe, expect, it, inject } from 'vitest'
import { attachmentErrorOf } from '../../test/attachment-error-of.js'
import { xhrTransport } from './xhr-transport.js'

const server = inject('putServerUrl')
let counter = 0
const nextId = () => `${Date.now()}-${++counter}`

const bytes = (size: number, type = 'application/pdf') =>
  new Blob([new Uint8Array(size).fill(7)], { type })

async function recorded(id: string) {
  const response = await fetch(`${server}/requests/${id}`)
  return (await response.json()) as {
    headers: Record<string, string>
    size: number
    complete: boolean
  }[]
}

describe('xhrTransport', () => {
  it('sends every signed header a browser allows, and the whole body', async () => {
    const id = nextId()
    const body = bytes(4096)
    await xhrTransport({
      url: `${server}/put/${id}`,
      body,
      signal: new AbortController().signal,
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': '4096',
        'Content-Disposition': 'attachment; filename="report.pdf"',
        'x-amz-acl': 'bucket-owner-full-control',
        'x-amz-meta-contact_id': 'contact-1',
      },
    })
    const [request] = await recorded(id)
    expect(request?.size).toBe(4096)
    expect(request?.complete).toBe(true)
    expect(request?.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': '4096',
      'content-disposition': 'attachment; filename="report.pdf"',
      'x-amz-acl': 'bucket-owner-full-control',
      'x-amz-meta-contact_id': 'contact-1',
    })
  })

  it('reports upload progress up to the whole body', async () => {
    const size = 8 * 1024 * 1024
    const seen: [number, number][] = []
    await xhrTransport({
      url: `${server}/put/${nextId()}?bytesPerSecond=${4 * 1024 * 1024}`,
      body: bytes(size),
      headers: {},
      signal: new AbortController().signal,
      onProgress: (loaded, total) => seen.push([loaded, total]),
    })
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.every(([, total]) => total === size)).toBe(true)
    const loaded = seen.map(([l]) => l)
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b))
    expect(loaded.at(-1)).toBe(size)
  })

  it('aborts the request when the signal fires', async () => {
    const id = nextId()
    const controller = new AbortController()
    const put = xhrTransport({
      url: `${server}/put/${id}?hang=1`,
      body: bytes(1024),
      headers: {},
      signal: controller.signal,
    })
    await expect.poll(async () => (await recorded(id))[0]?.complete).toBe(true)
    controller.abort()
    expect((await attachmentErrorOf(put)).code).toBe('aborted')
  })

  it('fails at once when the signal has already fired', async () => {
    const id = nextId()
    const controller = new AbortController()
    controller.abort()
    const error = await attachmentErrorOf(
      xhrTransport({
        url: `${server}/put/${id}`,
        body: bytes(10),
        headers: {},
        signal: controller.signal,
      }),
    )
    expect(error.code).toBe('aborted')
    expect(await recorded(id)).toEqual([])
  })

  it('fails with {timeout} when nothing moves for the stall timeout', async () => {
    const error = await attachmentErrorOf(
      xhrTransport({
        url: `${server}/put/${nextId()}?hang=1`,
        body: bytes(1024),
        headers: {},
        signal: new AbortController().signal,
        stallTimeoutMs: 300,
      }),
    )
    expect(error.code).toBe('timeout')
  })

  it.each([
    [500, 'server'],
    [503, 'server'],
    [429, 'throttled'],
    [404, 'not-found'],
    [400, 'invalid-request'],
  ])('treats HTTP %i as an error with code {%s}', async (status, code) => {
    const error = await attachmentErrorOf(
      xhrTransport({
        url: `${server}/put/${nextId()}?status=${status}`,
        body: bytes(10),
        headers: {},
        signal: new AbortController().signal,
      }),
    )
    expect(error).toMatchObject({ code, status })
  })

  it.each([
    ['AccessDenied', 'Request has expired', 'url-expired'],
    [
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match',
      'signature-mismatch',
    ],
    ['AccessDenied', 'Access Denied', 'access-denied'],
  ])('maps S3 error %s "%s" to {%s}', async (s3Code, message, code) => {
    const query = new URLSearchParams({ status: '403', code: s3Code, message })
    const error = await attachmentErrorOf(
      xhrTransport({
        url: `${server}/put/${nextId()}?${query}`,
        body: bytes(10),
        headers: {},
        signal: new AbortController().signal,
      }),
    )
    expect(error).toMatchObject({ code, status: 403 })
    expect(error.message).toContain(s3Code)
    expect(error.message).not.toContain(server)
  })

  it('reports a refused connection as {network}', async () => {
    const error = await attachmentErrorOf(
      xhrTransport({
        url: 'http://127.0.0.1:9/put/nothing-listens-here',
        body: bytes(10),
        headers: {},
        signal: new AbortController().signal,
      }),
    )
    expect(error).toMatchObject({ code: 'network', status: 0 })
  })
})
