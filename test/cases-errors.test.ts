import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ConnectClient } from '@aws-sdk/client-connect'
import { isRetryable } from '../src/core/errors.js'
import { alwaysOnline } from '../src/core/online.js'
import { createUploadManager } from '../src/core/upload-manager.js'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import {
  createCasesAdapter,
  sendViaConnectClient,
  sendViaHttpBackend,
  type CasesAdapter,
  type SendAttachedFiles,
} from '../src/cases/index.js'
import { attachmentErrorOf } from './attachment-error-of.js'
import { signal } from './adapter-helpers.js'
import { connectClient } from './emulator-helpers.js'
import { fetchTransport } from './fetch-transport.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
afterEach(() => emu.faults.clear())

const caseAdapter = (secret = 'test', target: Emulator = emu): CasesAdapter =>
  adapterOver(sendViaConnectClient(connectClient(target, secret)))
const adapterOver = (send: SendAttachedFiles): CasesAdapter =>
  createCasesAdapter({ ...emu.createCase(), send })
const file = { name: 'notes.txt', size: 5, type: 'text/plain' }
const init = () => ({ clientToken: crypto.randomUUID(), signal: signal() })

describe('createCasesAdapter errors', () => {
  it.each([
    ['ServiceQuotaExceededException', 402, 'quota-exceeded', 'TOTAL_FILE_SIZE_EXCEEDED'],
    ['InvalidRequestException', 400, 'invalid-request', 'INVALID_FILE_NAME'],
    ['AccessDeniedException', 403, 'access-denied', undefined],
    ['ResourceConflictException', 409, 'conflict', undefined],
    ['ResourceNotFoundException', 404, 'not-found', undefined],
    ['ThrottlingException', 429, 'throttled', undefined],
    ['InternalServiceException', 500, 'server', undefined],
  ])(
    'maps %s (%i) to %s with the SDK exception as cause',
    async (errorType, status, code, reason) => {
      const adapter = caseAdapter()
      emu.faults.set('StartAttachedFileUpload', { status, errorType, reason, message: 'injected' })
      const error = await attachmentErrorOf(adapter.startUpload(file, init()))
      expect(error).toMatchObject({ code, status, reason })
      expect(error.cause).toMatchObject({ name: errorType, $metadata: { httpStatusCode: status } })
      expect(emu.faults.count('StartAttachedFileUpload')).toBe(1)
    },
  )

  it.each([
    ['a disallowed extension', { ...file, name: 'run.exe' }, 'INVALID_FILE_TYPE'],
    ['an oversized file', { ...file, size: 200 * 1024 * 1024 }, 'INVALID_FILE_SIZE'],
  ])('maps a real %s to invalid-request with its reason', async (_, badFile, reason) => {
    const error = await attachmentErrorOf(caseAdapter().startUpload(badFile, init()))
    expect(error).toMatchObject({ code: 'invalid-request', status: 400, reason })
    expect(error.cause).toMatchObject({ name: 'InvalidRequestException' })
  })

  it('maps a real wrong secret key to access-denied', async () => {
    const error = await attachmentErrorOf(caseAdapter('wrong').startUpload(file, init()))
    expect(error).toMatchObject({ code: 'access-denied', status: 403 })
  })

  it('maps a real unknown file to not-found', async () => {
    const error = await attachmentErrorOf(caseAdapter().getFile('no-such-file'))
    expect(error).toMatchObject({ code: 'not-found', status: 404 })
    expect(error.cause).toMatchObject({ name: 'ResourceNotFoundException' })
  })

  it('maps an unreachable endpoint to network', async () => {
    const gone = await startEmulator({ port: 0 })
    await gone.close()
    const error = await attachmentErrorOf(caseAdapter('test', gone).startUpload(file, init()))
    expect(error).toMatchObject({ code: 'network', status: 0 })
  })

  it('aborts a request when the signal fires', async () => {
    emu.faults.set('GetAttachedFile', { delayMs: 5_000 })
    const controller = new AbortController()
    const pending = attachmentErrorOf(caseAdapter().getFile('any', { signal: controller.signal }))
    // Abort once the emulator holds the request, not after a guess: a request still on its way
    // when the test ends would take the next test's fault.
    await vi.waitUntil(() => emu.faults.count('GetAttachedFile') === 1, { interval: 5 })
    controller.abort()
    expect((await pending).code).toBe('aborted')
  })

  it('keeps URLs out of error messages', async () => {
    const url = `${emu.url}/s3/bucket/key?X-Amz-Signature=abc`
    emu.faults.set('GetAttachedFile', { status: 400, message: `bad ${url}` })
    const error = await attachmentErrorOf(caseAdapter().getFile('any'))
    expect(error.message).not.toContain(url)
    expect(error.message).toContain('[url]')
  })
})

// What a failed `import()` rejects with: Node's own error here, Chromium's message for a chunk
// a bundler split out (a TypeError that starts like fetch's connection failure).
async function failedImport(): Promise<unknown> {
  const specifier = '@aws-sdk/no-such-client'
  return import(/* @vite-ignore */ specifier).catch((error: unknown) => error)
}
const chunkFailure = () =>
  new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/assets/sdk.js')

describe('createCasesAdapter errors without a response', () => {
  it.each([
    ["a TypeError from a bug in the host's send", () => (null as unknown as { a: 1 }).a],
    ['a failed import of the SDK in Node', failedImport],
    ['a failed import of a split-out SDK chunk in Chromium', chunkFailure],
    ['a rejection with null', () => Promise.reject(null)],
  ])('calls %s unexpected, and not retryable', async (_, fails) => {
    const cause = await Promise.resolve()
      .then(fails)
      .catch((error: unknown) => error)
    const error = await attachmentErrorOf(
      adapterOver(() => Promise.reject(cause)).startUpload(file, init()),
    )
    expect(error).toMatchObject({ code: 'unexpected', status: undefined, cause })
    expect(isRetryable(error)).toBe(false)
  })

  it('fails the upload after one call, not after the engine retried it', async () => {
    let calls = 0
    const manager = createUploadManager({
      adapter: adapterOver(async () => {
        calls += 1
        throw new TypeError("Cannot read properties of undefined (reading 'send')")
      }),
      transport: fetchTransport,
      online: alwaysOnline,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    })
    const [id = ''] = manager.add([new File(['notes'], 'notes.txt')]).ids
    await vi.waitUntil(() => manager.getSnapshot().byId[id]?.status === 'failed')
    expect(manager.getSnapshot().byId[id]).toMatchObject({ error: { code: 'unexpected' } })
    expect(calls).toBe(1)
  })

  it("calls sendViaConnectClient's unknown operation unexpected", async () => {
    const real = sendViaConnectClient(connectClient(emu))
    const error = await attachmentErrorOf(
      adapterOver((_, input, options) => real('NoSuchOperation' as never, input, options)).getFile(
        'any',
      ),
    )
    expect(error).toMatchObject({ code: 'unexpected', cause: expect.any(TypeError) })
    expect(isRetryable(error)).toBe(false)
  })

  it("calls fetch's connection failure through sendViaHttpBackend network, and retries it", async () => {
    const gone = await startEmulator({ port: 0 })
    await gone.close()
    const error = await attachmentErrorOf(
      adapterOver(sendViaHttpBackend(`${gone.url}/attached-files`)).startUpload(file, init()),
    )
    expect(error).toMatchObject({ code: 'network', status: 0, cause: expect.any(TypeError) })
    expect(isRetryable(error)).toBe(true)
  })

  it('calls a connection the SDK saw reset network', async () => {
    emu.faults.set('StartAttachedFileUpload', { resetAfterBytes: 0 })
    const error = await attachmentErrorOf(caseAdapter().startUpload(file, init()))
    expect(error).toMatchObject({ code: 'network', status: 0, cause: { code: 'ECONNRESET' } })
    expect(isRetryable(error)).toBe(true)
  })

  it('calls an answer cut off after its headers network, and the retry under the same ClientToken gets the same file', async () => {
    // The service made the file; the connection broke after the first byte of its answer. The
    // SDK reports the broken body with the answer's status, 200.
    emu.faults.set('StartAttachedFileUpload', { resetAfterBytes: 1 })
    const adapter = caseAdapter()
    const clientToken = crypto.randomUUID()
    const error = await attachmentErrorOf(
      adapter.startUpload(file, { clientToken, signal: signal() }),
    )
    expect(error).toMatchObject({ code: 'network', status: 0 })
    expect(error.cause).toMatchObject({ $metadata: { httpStatusCode: 200 } })
    expect(isRetryable(error)).toBe(true)
    const again = await adapter.startUpload(file, { clientToken, signal: signal() })
    const [made] = emu.attachments().filter((record) => record.id === again.id)
    expect(made).toMatchObject({ starts: 2, startTokens: [clientToken, clientToken] })
  })

  it('calls a whole answer with a success status that cannot be read invalid-response, not retried', async () => {
    const cause = Object.assign(new SyntaxError('Unexpected token < in JSON at position 0'), {
      $metadata: { httpStatusCode: 200 },
    })
    const error = await attachmentErrorOf(
      adapterOver(() => Promise.reject(cause)).startUpload(file, init()),
    )
    expect(error).toMatchObject({ code: 'invalid-response', cause })
    expect(isRetryable(error)).toBe(false)
  })

  it("calls the SDK's request timeout timeout", async () => {
    emu.faults.set('GetAttachedFile', { delayMs: 2_000 })
    const client = new ConnectClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      requestHandler: { socketTimeout: 50 },
    })
    const error = await attachmentErrorOf(adapterOver(sendViaConnectClient(client)).getFile('x'))
    expect(error).toMatchObject({ code: 'timeout', cause: { name: 'TimeoutError' } })
    expect(isRetryable(error)).toBe(true)
  })
})
