import { describe, expect, it } from 'vitest'
import { createCasesAdapter } from './cases-adapter.js'
import { sendViaHttpBackend } from './send-via-http-backend.js'

// These cover what a real backend rarely does on cue (a proxy's HTML error page, a dead
// network); the happy path and relayed AWS errors run against a real server in
// test/attached-files-handler.test.ts.
const adapterOver = (fetchImpl: typeof fetch) =>
  createCasesAdapter({
    instanceId: 'i',
    associatedResourceArn: 'arn:aws:cases:us-east-1:1:domain/d/case/c',
    send: sendViaHttpBackend('https://backend.test/attachments', { fetch: fetchImpl }),
  })

describe('sendViaHttpBackend', () => {
  it('posts the operation and the input as JSON with the headers it was given', async () => {
    let seen: { url: string; init: RequestInit } | undefined
    const send = sendViaHttpBackend('https://backend.test/attachments', {
      headers: async () => ({ authorization: 'Bearer a' }),
      fetch: async (url, init) => {
        seen = { url: String(url), init: init! }
        return new Response('{"ok":true}')
      },
    })
    expect(await send('GetAttachedFile', { FileId: 'f' })).toEqual({ ok: true })
    expect(seen!.url).toBe('https://backend.test/attachments')
    expect(seen!.init.method).toBe('POST')
    expect(seen!.init.headers).toEqual({
      authorization: 'Bearer a',
      'content-type': 'application/json',
    })
    expect(JSON.parse(String(seen!.init.body))).toEqual({
      operation: 'GetAttachedFile',
      input: { FileId: 'f' },
    })
  })

  it('maps a non-JSON error page by its status', async () => {
    const adapter = adapterOver(
      async () => new Response('<html>Bad gateway</html>', { status: 502 }),
    )
    await expect(adapter.getFile('f')).rejects.toMatchObject({ code: 'server', status: 502 })
  })

  it('maps a failed fetch to network', async () => {
    const adapter = adapterOver(async () => {
      throw new TypeError('Failed to fetch')
    })
    await expect(adapter.getFile('f')).rejects.toMatchObject({ code: 'network', status: 0 })
  })

  it('maps an aborted fetch to aborted', async () => {
    const controller = new AbortController()
    // Like fetch: rejects at once on an aborted signal, or when it aborts later.
    const adapter = adapterOver(
      (_url, init) =>
        new Promise((_, reject) => {
          const signal = init!.signal!
          const fail = () => reject(new DOMException('aborted', 'AbortError'))
          if (signal.aborted) fail()
          else signal.addEventListener('abort', fail)
        }),
    )
    const pending = adapter.getFile('f', { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'aborted' })
  })
})
