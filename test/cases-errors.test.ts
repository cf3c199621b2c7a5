import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import { createCasesAdapter, sendViaConnectClient, type CasesAdapter } from '../src/cases/index.js'
import { attachmentErrorOf } from './attachment-error-of.js'
import { signal } from './adapter-helpers.js'
import { connectClient } from './emulator-helpers.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
afterEach(() => emu.faults.clear())

const caseAdapter = (secret = 'test', target: Emulator = emu): CasesAdapter =>
  createCasesAdapter({
    ...emu.createCase(),
    send: sendViaConnectClient(connectClient(target, secret)),
  })
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
