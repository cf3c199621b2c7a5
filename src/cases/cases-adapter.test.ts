import { afterEach, describe, expect, it, vi } from 'vitest'
import { attachmentErrorOf } from '../../test/attachment-error-of.js'
import { createCasesAdapter } from './cases-adapter.js'
import type { SendAttachedFiles } from './cases-adapter.js'
import { sendViaHttpBackend } from './send-via-http-backend.js'

// Outputs of the wrong shape, one operation at a time; the happy paths and Connect's errors run
// against the emulator in test/cases-*.test.ts.
const url = 'https://bucket.test/key?X-Amz-Signature=secret'
const later = new Date('2030-01-01T00:00:00.000Z')
const upload = (meta: object) => ({ FileId: 'f', UploadUrlMetadata: meta })
const approved = (meta?: object) => ({ FileStatus: 'APPROVED', DownloadUrlMetadata: meta })

/** The adapter over a `send` that resolves with `output` for every operation. */
const adapterAnswering = (output: unknown) =>
  createCasesAdapter({
    instanceId: 'i',
    associatedResourceArn: 'arn:aws:cases:us-east-1:1:domain/d/case/c',
    send: (async () => output) as SendAttachedFiles,
  })

async function invalid(promise: Promise<unknown>, operation: string, field: string) {
  const error = await attachmentErrorOf(promise)
  expect(error.code).toBe('invalid-response')
  expect(error.message).toContain(operation)
  expect(error.message).toContain(field)
  expect(error.message).not.toContain(url)
}

const init = { clientToken: 'c', signal: new AbortController().signal }
const file = { name: 'a.txt', size: 1, type: 'text/plain' }

describe('createCasesAdapter outputs', () => {
  it.each([
    [{}, 'FileId'],
    [{ UploadUrlMetadata: { Url: url, UrlExpiry: later } }, 'FileId'],
    [null, 'output'],
    ['ok', 'output'],
    [{ FileId: 'f' }, 'UploadUrlMetadata'],
    [upload({ UrlExpiry: later }), 'UploadUrlMetadata.Url'],
    [upload({ Url: url }), 'UploadUrlMetadata.UrlExpiry'],
    [upload({ Url: url, UrlExpiry: 'soon' }), 'UploadUrlMetadata.UrlExpiry'],
    [upload({ Url: url, UrlExpiry: '1' }), 'UploadUrlMetadata.UrlExpiry'],
    [upload({ Url: url, UrlExpiry: later, HeadersToInclude: [] }), 'HeadersToInclude'],
  ])('refuses StartAttachedFileUpload resolving with %j, naming %s', async (output, field) => {
    await invalid(
      adapterAnswering(output).startUpload(file, init),
      'StartAttachedFileUpload',
      field,
    )
  })

  it.each([
    [{}, 'FileStatus'],
    [{ FileStatus: 3 }, 'FileStatus'],
    [approved(), 'DownloadUrlMetadata'],
    [approved({ UrlExpiry: later }), 'DownloadUrlMetadata.Url'],
    [approved({ Url: url, UrlExpiry: 'never' }), 'DownloadUrlMetadata.UrlExpiry'],
    [{ FileStatus: 'PROCESSING', FileSizeInBytes: '5' }, 'FileSizeInBytes'],
    [{ FileStatus: 'PROCESSING', CreationTime: '1' }, 'CreationTime'],
  ])('refuses GetAttachedFile resolving with %j, naming %s', async (output, field) => {
    await invalid(adapterAnswering(output).getFile('f'), 'GetAttachedFile', field)
  })

  it.each([
    [{ Files: {} }, 'Files'],
    [{ Files: [{ FileStatus: 'APPROVED' }] }, 'FileId'],
    [{ Files: [{ FileId: 'f' }] }, 'FileStatus'],
    [{ Errors: 'none' }, 'Errors'],
  ])('refuses BatchGetAttachedFileMetadata resolving with %j, naming %s', async (output, field) => {
    const operation = 'BatchGetAttachedFileMetadata'
    await invalid(adapterAnswering(output).getFiles(['f']), operation, field)
  })

  it('reads well-formed SDK outputs, Dates included', async () => {
    const meta = { Url: url, UrlExpiry: later, HeadersToInclude: { 'Content-Type': 'x' } }
    expect(await adapterAnswering(upload(meta)).startUpload(file, init)).toEqual({
      id: 'f',
      url,
      headers: { 'Content-Type': 'x' },
      expiresAt: later.getTime(),
    })
    const out = { ...approved({ Url: url, UrlExpiry: later }), FileName: 'a.txt' }
    expect(await adapterAnswering(out).getFile('f')).toEqual({
      id: 'f',
      status: 'approved',
      name: 'a.txt',
      download: { url, expiresAt: later.getTime() },
    })
  })

  it('refuses a backend 200 that is not JSON, keeping the parse error as cause', async () => {
    const adapter = createCasesAdapter({
      instanceId: 'i',
      associatedResourceArn: 'a',
      send: sendViaHttpBackend('https://backend.test/x', {
        fetch: async () => new Response('<html>sign in</html>'),
      }),
    })
    const error = await attachmentErrorOf(adapter.getFile('f'))
    expect(error).toMatchObject({ code: 'invalid-response', cause: expect.any(SyntaxError) })
    expect(error.message).toContain('GetAttachedFile')
  })
})

describe('createCasesAdapter URL lifetime', () => {
  it.each([
    [undefined, 300],
    [60, 60],
  ])('with urlExpirySeconds %s asks GetAttachedFile for %i s and says so', async (given, asked) => {
    const inputs: unknown[] = []
    const adapter = createCasesAdapter({
      instanceId: 'i',
      associatedResourceArn: 'a',
      ...(given === undefined ? {} : { urlExpirySeconds: given }),
      send: async (_, input) => {
        inputs.push(input)
        return approved({ Url: url, UrlExpiry: later })
      },
    })
    await adapter.getFile('f')
    expect(inputs).toMatchObject([{ FileId: 'f', UrlExpiryInSeconds: asked }])
    expect(adapter.downloadUrlLifetimeMs).toBe(asked * 1000)
  })
})

describe('createCasesAdapter getFiles', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  /**
   * A `send` answering each batch after 10 ms (fake timers), throttling the request that carries
   * `throttledId` the first time; it records how many requests were in flight at most.
   */
  function countingSend(throttledId: string) {
    const counts = { requests: 0, inFlight: 0, maxInFlight: 0 }
    let throttled = false
    const send: SendAttachedFiles = async (_, input) => {
      counts.requests += 1
      counts.inFlight += 1
      counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight)
      await new Promise((resolve) => setTimeout(resolve, 10))
      counts.inFlight -= 1
      const fileIds = input.FileIds as string[]
      if (!throttled && fileIds.includes(throttledId)) {
        throttled = true
        throw Object.assign(new Error('Rate exceeded'), {
          name: 'ThrottlingException',
          $metadata: { httpStatusCode: 429 },
        })
      }
      return { Files: fileIds.map((FileId) => ({ FileId, FileStatus: 'APPROVED' })), Errors: [] }
    }
    return { send, counts }
  }

  it('sends at most 4 batches at a time, and retries a throttled one alone', async () => {
    vi.useFakeTimers()
    const ids = Array.from({ length: 10_000 }, (_, i) => `file-${i}`)
    const { send, counts } = countingSend('file-4321')
    const adapter = createCasesAdapter({ instanceId: 'i', associatedResourceArn: 'a', send })
    const answer = adapter.getFiles(ids)
    await vi.runAllTimersAsync()
    const { files, errors } = await answer
    expect(files.map((f) => f.id)).toEqual(ids)
    expect(errors).toEqual([])
    expect(counts.maxInFlight).toBe(4)
    expect(counts.requests).toBe(101)
  })
})
