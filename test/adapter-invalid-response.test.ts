// A 200 answer of the wrong shape through the whole engine: each adapter turns it into
// `invalid-response`, which is not retried, so the request is made once and the upload fails
// with that code instead of four tries ending as "could not reach the service".
import { afterEach, describe, expect, it, vi } from 'vitest'
import { alwaysOnline } from '../src/core/online.js'
import type { AttachmentAdapter } from '../src/core/types.js'
import { createUploadManager, type UploadManager } from '../src/core/upload-manager.js'
import {
  createCasesAdapter,
  sendViaHttpBackend,
  type SendAttachedFiles,
} from '../src/cases/index.js'
import { createParticipantAdapter } from '../src/participant/index.js'

let manager: UploadManager | undefined
afterEach(() => manager?.dispose())

/** A fetch that answers every request 200 with `body`, counting the requests. */
function answering(body: string): typeof fetch & { calls: number } {
  const fake = Object.assign(
    async () => {
      fake.calls += 1
      return new Response(body, { status: 200 })
    },
    { calls: 0 },
  )
  return fake
}

/**
 * Uploads one small file and resolves with its failed state. No PUT is ever reached, so the
 * default transport stays; millisecond backoffs keep a wrongly retried Start quick to show.
 */
async function uploadFails(adapter: AttachmentAdapter) {
  manager = createUploadManager({ adapter, online: alwaysOnline, retry: { baseDelayMs: 1 } })
  const [id = ''] = manager.add([new File(['hello'], 'a.txt', { type: 'text/plain' })]).ids
  const snapshot = () => manager!.getSnapshot().byId[id]
  await vi.waitFor(() => expect(snapshot()?.status).toBe('failed'))
  return snapshot() as { status: string; error?: { code: string; message: string } }
}

const caseIds = {
  instanceId: 'i',
  associatedResourceArn: 'arn:aws:cases:us-east-1:1:domain/d/case/c',
}

describe('createUploadManager over an adapter answering 200 with the wrong shape', () => {
  it.each([
    ['an empty object', '{}'],
    ['no Url', '{"AttachmentId":"a","UploadMetadata":{"UrlExpiry":"2030-01-01T00:00:00Z"}}'],
    ['a body that is not JSON', '<html>portal</html>'],
  ])('fails a chat upload with invalid-response after one Start for %s', async (_, body) => {
    const fake = answering(body)
    const adapter = createParticipantAdapter({ connectionToken: 't', fetch: fake })
    const upload = await uploadFails(adapter)
    expect(upload.error?.code).toBe('invalid-response')
    expect(upload.error?.message).toContain('StartAttachmentUpload')
    expect(fake.calls).toBe(1)
  })

  it('fails a case upload with invalid-response after one Start over send', async () => {
    const send = vi.fn<SendAttachedFiles>(async () => ({}))
    const upload = await uploadFails(createCasesAdapter({ ...caseIds, send }))
    expect(upload.error?.code).toBe('invalid-response')
    expect(upload.error?.message).toContain('StartAttachedFileUpload')
    expect(send).toHaveBeenCalledOnce()
  })

  it.each([
    ['an empty object', '{}'],
    ['a body that is not JSON', '<html>portal</html>'],
    ['JSON that is not an object', 'null'],
  ])('fails a case upload over a backend answering %s once', async (_, body) => {
    const fake = answering(body)
    const send = sendViaHttpBackend('https://backend.test/attachments', { fetch: fake })
    const upload = await uploadFails(createCasesAdapter({ ...caseIds, send }))
    expect(upload.error?.code).toBe('invalid-response')
    expect(fake.calls).toBe(1)
  })
})

describe('createUploadManager over a service whose answer has no end', () => {
  /** A fetch answering 200 with a body that streams `chunk` for as long as it is read. */
  function endless(chunk: string): typeof fetch & { calls: number; reads: number } {
    const bytes = new TextEncoder().encode(chunk)
    const fake = Object.assign(
      async () => {
        fake.calls += 1
        const body = new ReadableStream<Uint8Array>({
          pull: (controller) => {
            fake.reads += 1
            controller.enqueue(bytes)
          },
        })
        return new Response(body, { status: 200 })
      },
      { calls: 0, reads: 0 },
    )
    return fake
  }

  it('ends a chat answer that trickles on forever by the deadline, as timeout', async () => {
    let calls = 0
    const trickling: typeof fetch = async (_, init) => {
      calls += 1
      // A byte every 20 ms until the request is aborted, as fetch's body then fails.
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) =>
          new Promise((resolve) => setTimeout(resolve, 20)).then(() => {
            if (init?.signal?.aborted) controller.error(init.signal.reason)
            else controller.enqueue(new TextEncoder().encode(' '))
          }),
      })
      init?.signal?.throwIfAborted()
      return new Response(body, { status: 200 })
    }
    const adapter = createParticipantAdapter({ connectionToken: 't', fetch: trickling })
    manager = createUploadManager({
      adapter,
      online: alwaysOnline,
      callTimeoutMs: 200,
      retry: { attempts: 2, baseDelayMs: 1 },
    })
    const [id = ''] = manager.add([new File(['hello'], 'a.txt', { type: 'text/plain' })]).ids
    await vi.waitFor(() => expect(manager!.getSnapshot().byId[id]?.status).toBe('failed'))
    expect(manager.getSnapshot().byId[id]?.error?.code).toBe('timeout')
    expect(calls).toBe(2)
  })

  it('stops reading a chat answer past 1 MB and fails with invalid-response after one Start', async () => {
    const fake = endless('x'.repeat(64 * 1024))
    const adapter = createParticipantAdapter({ connectionToken: 't', fetch: fake })
    const upload = await uploadFails(adapter)
    expect(upload.error?.code).toBe('invalid-response')
    expect(fake.calls).toBe(1)
    expect(fake.reads).toBeLessThan(20)
  })

  it('stops reading a backend answer past 1 MB and fails with invalid-response after one Start', async () => {
    const fake = endless('x'.repeat(64 * 1024))
    const send = sendViaHttpBackend('https://backend.test/attachments', { fetch: fake })
    const upload = await uploadFails(createCasesAdapter({ ...caseIds, send }))
    expect(upload.error?.code).toBe('invalid-response')
    expect(fake.calls).toBe(1)
  })
})
