import { describe, expect, it } from 'vitest'
import { attachmentErrorOf as errorOf } from '../../test/attachment-error-of.js'
import { createParticipantAdapter } from './participant-adapter.js'

// 200 answers of the wrong shape, one operation at a time; the happy paths and the service's
// errors run against the emulator in test/participant-*.test.ts.
const url = 'https://bucket.test/key?X-Amz-Signature=secret'
const later = '2030-01-01T00:00:00.000Z'
const start = (meta: object) => JSON.stringify({ AttachmentId: 'a', UploadMetadata: meta })

/** The adapter over a fetch that answers 200 with `body` for every operation. */
const adapterAnswering = (body: string) =>
  createParticipantAdapter({
    connectionToken: 't',
    fetch: async () => new Response(body, { status: 200 }),
  })

const init = { clientToken: 'c', signal: new AbortController().signal }
const file = { name: 'a.txt', size: 1, type: 'text/plain' }

describe('createParticipantAdapter answers', () => {
  it.each([
    ['{}', 'AttachmentId'],
    [JSON.stringify({ UploadMetadata: { Url: url, UrlExpiry: later } }), 'AttachmentId'],
    [
      JSON.stringify({ AttachmentId: '', UploadMetadata: { Url: url, UrlExpiry: later } }),
      'AttachmentId',
    ],
    ['null', 'JSON object'],
    ['<html>', 'JSON object'],
    [JSON.stringify({ AttachmentId: 'a' }), 'UploadMetadata'],
    [start({ UrlExpiry: later }), 'UploadMetadata.Url'],
    [start({ Url: url, UrlExpiry: 1_900_000_000 }), 'UploadMetadata.UrlExpiry'],
    [start({ Url: url, UrlExpiry: 'soon' }), 'UploadMetadata.UrlExpiry'],
    // Date.parse reads '1' as the year 2001.
    [start({ Url: url, UrlExpiry: '1' }), 'UploadMetadata.UrlExpiry'],
    [start({ Url: url, UrlExpiry: later, HeadersToInclude: { a: 1 } }), 'HeadersToInclude'],
  ])('refuses StartAttachmentUpload answering %s, naming %s', async (body, field) => {
    const error = await errorOf(adapterAnswering(body).startUpload(file, init))
    expect(error.code).toBe('invalid-response')
    expect(error.message).toContain('StartAttachmentUpload')
    expect(error.message).toContain(field)
    expect(error.message).not.toContain(url)
  })

  it.each([
    ['{}', 'Url'],
    [JSON.stringify({ Url: url }), 'UrlExpiry'],
    [JSON.stringify({ Url: url, UrlExpiry: 'tomorrow' }), 'UrlExpiry'],
    [JSON.stringify({ Url: url, UrlExpiry: '2030-01-01' }), 'UrlExpiry'],
    [JSON.stringify({ Url: url, UrlExpiry: later, AttachmentSizeInBytes: '5' }), 'AttachmentSize'],
  ])('refuses GetAttachment answering %s, naming %s', async (body, field) => {
    const error = await errorOf(adapterAnswering(body).getFile('a'))
    expect(error.code).toBe('invalid-response')
    expect(error.message).toContain('GetAttachment')
    expect(error.message).toContain(field)
    expect(error.message).not.toContain(url)
  })

  it('refuses a CompleteAttachmentUpload answer that is not JSON', async () => {
    const target = { id: 'a', url, headers: {}, expiresAt: 0 }
    const error = await errorOf(adapterAnswering('<html>').completeUpload(target, init))
    expect(error).toMatchObject({ code: 'invalid-response', cause: expect.any(SyntaxError) })
  })

  it.each([
    [502, 'server'],
    [403, 'access-denied'],
  ])("maps a proxy's HTML page with status %i by its status to %s", async (status, code) => {
    const adapter = createParticipantAdapter({
      connectionToken: 't',
      fetch: async () => new Response('<html><body>Bad gateway</body></html>', { status }),
    })
    expect(await errorOf(adapter.startUpload(file, init))).toMatchObject({ code, status })
  })

  it('accepts an empty CompleteAttachmentUpload answer', async () => {
    const target = { id: 'a', url, headers: {}, expiresAt: 0 }
    await expect(adapterAnswering('').completeUpload(target, init)).resolves.toBeUndefined()
  })

  it('reads a well-formed Start answer', async () => {
    const body = start({ Url: url, UrlExpiry: later, HeadersToInclude: { 'Content-Type': 'x' } })
    expect(await adapterAnswering(body).startUpload(file, init)).toEqual({
      id: 'a',
      url,
      headers: { 'Content-Type': 'x' },
      expiresAt: Date.parse(later),
    })
  })
})

describe('createParticipantAdapter URL lifetime', () => {
  it.each([
    [undefined, 300],
    [60, 60],
  ])('with urlExpirySeconds %s asks GetAttachment for %i s and says so', async (given, asked) => {
    const bodies: unknown[] = []
    const adapter = createParticipantAdapter({
      connectionToken: 't',
      ...(given === undefined ? {} : { urlExpirySeconds: given }),
      fetch: async (_, init) => {
        bodies.push(JSON.parse(String(init?.body)))
        return new Response(JSON.stringify({ Url: url, UrlExpiry: later }))
      },
    })
    await adapter.getFile('a')
    expect(bodies).toEqual([{ AttachmentId: 'a', UrlExpiryInSeconds: asked }])
    expect(adapter.downloadUrlLifetimeMs).toBe(asked * 1000)
  })
})
