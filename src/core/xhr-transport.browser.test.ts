import { describe, expect, it, inject } from 'vitest'
import { attachmentErrorOf } from '../../test/attachment-error-of.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { recordUploads } from '../../test/upload-history.js'
import type { Transport } from './types.js'
import { createUploadManager } from './upload-manager.js'
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

/** A live signal whose abort listeners are counted, to show that none is left behind. */
function countedSignal() {
  const controller = new AbortController()
  const { signal } = controller
  const listeners = new Set<unknown>()
  signal.addEventListener = (type: string, listener: never, options?: never) => {
    listeners.add(listener)
    EventTarget.prototype.addEventListener.call(signal, type, listener, options)
  }
  signal.removeEventListener = (type: string, listener: never, options?: never) => {
    listeners.delete(listener)
    EventTarget.prototype.removeEventListener.call(signal, type, listener, options)
  }
  return { controller, signal, listening: () => listeners.size }
}

// A raw file name in Content-Disposition, as a service could sign it: `–` (U+2013) and the
// CJK characters are outside Latin-1, which is all a header value may hold in a browser.
const unsendableName = 'Übersicht – 報告.pdf'
const unsendableHeaders = { 'Content-Disposition': `attachment; filename="${unsendableName}"` }

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
    // At 1 MB/s the body outlasts the loopback socket buffers (about 4 MB) by seconds, so
    // Chromium reports progress more than once however loaded the machine is.
    const size = 8 * 1024 * 1024
    const seen: [number, number][] = []
    await xhrTransport({
      url: `${server}/put/${nextId()}?bytesPerSecond=${1024 * 1024}`,
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
    // A body that has left the page waits for its answer under responseTimeoutMs, so a stall
    // needs one that cannot leave: 16 MB against a server that reads one chunk and then nothing
    // fills the ~5 MB of loopback socket buffers in a moment, and then nothing moves. It fails
    // after the 30 s a PUT has to show its rhythm, as a quiet spell never counts before that.
    let sent = false
    const error = await attachmentErrorOf(
      xhrTransport({
        url: `${server}/put/${nextId()}?bytesPerSecond=1`,
        body: bytes(16 * 1024 * 1024),
        headers: {},
        signal: new AbortController().signal,
        stallTimeoutMs: 300,
        onSent: () => (sent = true),
      }),
    )
    expect(error.code).toBe('timeout')
    expect(error.message).toContain('stalled')
    expect(sent).toBe(false)
  }, 60_000)

  it('calls onSent once, after the last progress and before it resolves', async () => {
    const size = 64 * 1024
    const events: string[] = []
    await xhrTransport({
      url: `${server}/put/${nextId()}`,
      body: bytes(size),
      headers: {},
      signal: new AbortController().signal,
      onProgress: (loaded) => events.push(loaded === size ? 'progress: all' : 'progress'),
      onSent: () => events.push('sent'),
    }).then(() => events.push('resolved'))
    expect(events.filter((event) => event === 'sent')).toHaveLength(1)
    expect(events.slice(-3)).toEqual(['progress: all', 'sent', 'resolved'])
  })

  it('waits responseTimeoutMs, not stallTimeoutMs, for the answer once the body has left', async () => {
    let sentAt = 0
    const error = await attachmentErrorOf(
      xhrTransport({
        url: `${server}/put/${nextId()}?hang=1`,
        body: bytes(1024),
        headers: {},
        signal: new AbortController().signal,
        stallTimeoutMs: 200,
        responseTimeoutMs: 800,
        onSent: () => (sentAt = performance.now()),
      }),
    )
    expect(error).toMatchObject({ code: 'timeout', status: 0 })
    expect(sentAt).toBeGreaterThan(0)
    // Timers fire no earlier than asked; 50 ms allows for the clocks' granularity.
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(750)
  })

  it('waits for the answer as long as it takes when responseTimeoutMs is 0', async () => {
    const controller = new AbortController()
    let sent = false
    const put = attachmentErrorOf(
      xhrTransport({
        url: `${server}/put/${nextId()}?hang=1`,
        body: bytes(1024),
        headers: {},
        signal: controller.signal,
        stallTimeoutMs: 300,
        responseTimeoutMs: 0,
        onSent: () => (sent = true),
      }),
    )
    await expect.poll(() => sent).toBe(true)
    // Three stall timeouts long: a stall timer still running would have failed it by now.
    await new Promise((resolve) => setTimeout(resolve, 900))
    controller.abort()
    expect((await put).code).toBe('aborted')
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

  it('fails with {invalid-response} naming a header a browser cannot send, and sends nothing', async () => {
    const id = nextId()
    const url = `${server}/put/${id}`
    const counted = countedSignal()
    const error = await attachmentErrorOf(
      xhrTransport({
        url,
        body: bytes(10),
        headers: { 'Content-Type': 'application/pdf', ...unsendableHeaders },
        signal: counted.signal,
        stallTimeoutMs: 50,
      }),
    )
    expect(error).toMatchObject({ code: 'invalid-response' })
    expect(error.message).toContain('Content-Disposition')
    expect(error.message).not.toContain('報告')
    expect(error.message).not.toContain('Übersicht')
    expect(error.message).not.toContain(url)
    expect(counted.listening()).toBe(0)
    expect(await recorded(id)).toEqual([])
  })

  it.each([
    ['Cookie', 'session=1'],
    ['Origin', 'https://evil.test'],
    ['Sec-Fetch-Site', 'same-origin'],
    ['sec-fetch-mode', 'cors'],
    ['Proxy-Authorization', 'Basic eDp5'],
    ['Host', 'bucket.evil.test'],
    ['host', 'bucket.evil.test'],
    ['Content-Length', '11'],
  ])(
    'fails with {invalid-response} for a signed %s it cannot send as signed, and sends nothing',
    async (name, value) => {
      const id = nextId()
      const error = await attachmentErrorOf(
        xhrTransport({
          url: `${server}/put/${id}`,
          body: bytes(10),
          headers: { 'Content-Type': 'application/pdf', [name]: value },
          signal: new AbortController().signal,
        }),
      )
      expect(error).toMatchObject({
        code: 'invalid-response',
        message: `Unsendable header ${name}`,
      })
      expect(error.message).not.toContain(value)
      expect(await recorded(id)).toEqual([])
    },
  )

  it("lets the browser send a signed Host and Content-Length that are the URL's and the body's", async () => {
    const id = nextId()
    await xhrTransport({
      url: `${server}/put/${id}`,
      body: bytes(10),
      headers: { host: new URL(server).host, 'Content-Length': '10' },
      signal: new AbortController().signal,
    })
    const [request] = await recorded(id)
    expect(request).toMatchObject({
      size: 10,
      complete: true,
      headers: { host: new URL(server).host, 'content-length': '10' },
    })
  })

  it('fails a 200 that carries an S3 error document as {server}, which is retried', async () => {
    const query = new URLSearchParams({
      status: '200',
      code: 'InternalError',
      message: 'We encountered an internal error. Please try again.',
    })
    const error = await attachmentErrorOf(
      xhrTransport({
        url: `${server}/put/${nextId()}?${query}`,
        body: bytes(10),
        headers: {},
        signal: new AbortController().signal,
      }),
    )
    expect(error).toMatchObject({ code: 'server', status: 200 })
    expect(error.message).toContain('InternalError')
  })

  it('fails with {invalid-response} for a URL a browser cannot open, without the URL', async () => {
    const url = 'http://[secret-host/put?X-Amz-Signature=abc'
    const counted = countedSignal()
    const error = await attachmentErrorOf(
      xhrTransport({ url, body: bytes(10), headers: {}, signal: counted.signal }),
    )
    expect(error.code).toBe('invalid-response')
    expect(error.message).not.toContain('secret-host')
    expect(counted.listening()).toBe(0)
  })

  it('leaves no abort listener behind once it has answered', async () => {
    const counted = countedSignal()
    await xhrTransport({
      url: `${server}/put/${nextId()}`,
      body: bytes(10),
      headers: {},
      signal: counted.signal,
    })
    expect(counted.listening()).toBe(0)
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

describe('createUploadManager with xhrTransport', () => {
  it('starts and PUTs once when Start signs a header a browser cannot send, then fails with {invalid-response}', async () => {
    const fake = createFakeAdapter()
    const adapter = {
      ...fake.adapter,
      startUpload: async (...args: Parameters<typeof fake.adapter.startUpload>) => {
        const target = await fake.adapter.startUpload(...args)
        return { ...target, headers: { ...target.headers, ...unsendableHeaders } }
      },
    }
    let puts = 0
    const transport: Transport = (request) => {
      puts += 1
      return xhrTransport(request)
    }
    const manager = createUploadManager({
      adapter,
      transport,
      // Short waits, so that a wrongly retried failure would still end within the test.
      retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
    })
    const history = recordUploads(manager)
    const [id = ''] = manager.add([
      new File(['%PDF'], unsendableName, { type: 'application/pdf' }),
    ]).ids
    const upload = await history.finished(id)
    manager.dispose()
    expect(upload.status).toBe('failed')
    expect(upload.error?.code).toBe('invalid-response')
    expect(fake.calls.start).toHaveLength(1)
    expect(puts).toBe(1)
    expect(fake.calls.complete).toHaveLength(0)
  })
})
