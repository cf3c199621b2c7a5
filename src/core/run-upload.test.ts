import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { randomToken } from './run-upload.js'
import type { AttachmentAdapter } from './types.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { fileOf, settle, setupManager, useFakeClock } from '../../test/upload-harness.js'

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('randomToken', () => {
  it('returns distinct v4 UUIDs', () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken))
    expect(tokens.size).toBe(50)
    for (const token of tokens) expect(token).toMatch(uuidV4)
  })

  it('builds a v4 UUID from getRandomValues where randomUUID is missing (plain http pages)', () => {
    const real = globalThis.crypto
    const getRandomValues = vi.fn((array: Uint8Array) => real.getRandomValues(array))
    vi.stubGlobal('crypto', { getRandomValues })
    const first = randomToken()
    expect(first).toMatch(uuidV4)
    expect(randomToken()).not.toBe(first)
    expect(getRandomValues).toHaveBeenCalledTimes(2)
  })
})

describe('createUploadJob', () => {
  beforeEach(useFakeClock)
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  /** A manager whose adapter's Start answers with `upload.url`, or the fake's own URL. */
  function managerWithUploadUrl(url: string) {
    const upload: { url?: string } = { url }
    const onUploadFailed = vi.fn()
    const fake = createFakeAdapter()
    const adapter: AttachmentAdapter = {
      ...fake.adapter,
      startUpload: async (file, init) => {
        const target = await fake.adapter.startUpload(file, init)
        return { ...target, url: upload.url ?? target.url }
      },
    }
    return { ...setupManager({ adapter, onUploadFailed }), fake, upload, onUploadFailed }
  }

  const unsafe = [
    'data:,',
    'upload/attachment-1?X-Amz-Signature=secret',
    '/bucket/attachment-1?X-Amz-Signature=secret',
    '//bucket.example.com/attachment-1?X-Amz-Signature=secret',
    'javascript:alert(1)',
    'ftp://bucket.example.com/attachment-1?X-Amz-Signature=secret',
    'http://bucket.example.com/attachment-1?X-Amz-Signature=secret',
    'http://127.0.0.1@bucket.example.com/attachment-1',
    'blob:https://example.com/2f6b',
    'https://',
  ]
  it.each(unsafe)(
    'fails an upload to %j as invalid-response, with no PUT and no Complete',
    async (url) => {
      const logged = ['error', 'warn', 'log', 'info', 'debug'].map((method) =>
        vi.spyOn(console, method as 'error'),
      )
      const { manager, fake, transport, state, onUploadFailed } = managerWithUploadUrl(url)
      const { ids } = manager.add([fileOf()])
      await vi.runAllTimersAsync()

      const upload = state(ids[0])
      expect(upload).toMatchObject({ status: 'failed', error: { code: 'invalid-response' } })
      expect(transport.puts).toHaveLength(0)
      expect(fake.calls.start).toHaveLength(1)
      expect(fake.calls.complete).toHaveLength(0)
      expect(onUploadFailed).toHaveBeenCalledOnce()
      // The URL is a credential: neither the error nor the console repeats it.
      const error = upload.error!
      expect(error.cause).toBeUndefined()
      expect(error.message).not.toContain(url)
      expect(error.message).not.toContain('Signature')
      for (const spy of logged) expect(spy).not.toHaveBeenCalled()
    },
  )

  it('fetches a new target on a manual retry after an unsafe URL', async () => {
    const { manager, fake, transport, statuses, upload } = managerWithUploadUrl('data:,')
    const { ids } = manager.add([fileOf()])
    await settle()
    upload.url = undefined
    manager.retry(ids[0]!)
    await settle()
    expect(statuses()).toEqual(['succeeded'])
    expect(fake.calls.start).toHaveLength(2)
    expect(fake.calls.start[1]?.clientToken).not.toBe(fake.calls.start[0]?.clientToken)
    expect(transport.puts).toHaveLength(1)
    expect(fake.calls.complete).toHaveLength(1)
  })

  const safe = [
    'https://bucket.s3.amazonaws.com/attachment-1?X-Amz-Signature=secret',
    'http://127.0.0.1:4510/bucket/attachment-1',
    'http://localhost:4510/bucket/attachment-1',
    'http://[::1]:4510/bucket/attachment-1',
  ]
  it.each(safe)('PUTs to %j', async (url) => {
    const { manager, transport, statuses } = managerWithUploadUrl(url)
    manager.add([fileOf()])
    await settle()
    expect(transport.puts.map((put) => put.request.url)).toEqual([url])
    expect(statuses()).toEqual(['succeeded'])
  })
})
