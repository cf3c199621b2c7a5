import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import { createParticipantAdapter, type ParticipantAdapter } from '../src/participant/index.js'
import { attachmentErrorOf } from './attachment-error-of.js'
import { connectParticipant, participantServiceErrors, signal } from './adapter-helpers.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
afterEach(() => emu.faults.clear())

async function chat(): Promise<{ adapter: ParticipantAdapter; token: string }> {
  const created = emu.createChat()
  const token = await connectParticipant(emu.url, created.participantToken)
  return { adapter: createParticipantAdapter({ connectionToken: token, endpoint: emu.url }), token }
}

const file = { name: 'notes.txt', size: 5, type: 'text/plain' }
const init = () => ({ clientToken: crypto.randomUUID(), signal: signal() })

describe('createParticipantAdapter errors', () => {
  it.each(participantServiceErrors)(
    'maps %s (%i) to %s with the service error as cause',
    async (errorType, status, code) => {
      const { adapter } = await chat()
      emu.faults.set('StartAttachmentUpload', {
        status,
        errorType,
        message: `injected ${errorType}`,
      })
      const error = await attachmentErrorOf(adapter.startUpload(file, init()))
      expect(error).toMatchObject({ code, status })
      expect(error.cause).toMatchObject({
        name: errorType,
        status,
        message: `injected ${errorType}`,
      })
      expect(error.message).toContain(errorType)
      expect(emu.faults.count('StartAttachmentUpload')).toBe(1)
    },
  )

  it('lets the error name decide over an unusual status', async () => {
    const { adapter } = await chat()
    emu.faults.set('GetAttachment', { status: 400, errorType: 'ThrottlingException' })
    expect((await attachmentErrorOf(adapter.getFile('any'))).code).toBe('throttled')
  })

  it('keeps a reason the error body carries, string or Connect-style union', async () => {
    // The Participant Service's model has no Reason (the emulator, rightly, sends none), so a
    // restJson answer written here stands in for a service that adds one.
    const answer =
      (Reason: unknown): typeof fetch =>
      async () =>
        new Response(JSON.stringify({ Message: 'over', Reason }), {
          status: 402,
          headers: { 'x-amzn-errortype': 'ServiceQuotaExceededException:http://internal' },
        })
    for (const reason of [
      'TOTAL_FILE_COUNT_EXCEEDED',
      { SomeReason: 'TOTAL_FILE_COUNT_EXCEEDED' },
    ]) {
      const adapter = createParticipantAdapter({ connectionToken: 't', fetch: answer(reason) })
      const error = await attachmentErrorOf(adapter.startUpload(file, init()))
      expect(error).toMatchObject({ code: 'quota-exceeded', reason: 'TOTAL_FILE_COUNT_EXCEEDED' })
      expect(error.cause).toMatchObject({ name: 'ServiceQuotaExceededException' })
    }
  })

  it('maps a real oversized file to invalid-request', async () => {
    const { adapter } = await chat()
    const error = await attachmentErrorOf(
      adapter.startUpload({ ...file, size: 21 * 1024 * 1024 }, init()),
    )
    expect(error).toMatchObject({ code: 'invalid-request', status: 400 })
    expect(error.cause).toMatchObject({ name: 'ValidationException' })
  })

  it('maps a real Complete before the bytes arrived to conflict', async () => {
    const { adapter } = await chat()
    const target = await adapter.startUpload(file, init())
    const error = await attachmentErrorOf(adapter.completeUpload(target, init()))
    expect(error).toMatchObject({ code: 'conflict', status: 409 })
  })

  it('maps the real 36th attachment of a chat to quota-exceeded', async () => {
    const { adapter } = await chat()
    for (let i = 0; i < 35; i++) await adapter.startUpload(file, init())
    const error = await attachmentErrorOf(adapter.startUpload(file, init()))
    expect(error).toMatchObject({ code: 'quota-exceeded', status: 402 })
  })

  it('maps a real bad token to access-denied', async () => {
    const adapter = createParticipantAdapter({ connectionToken: 'wrong', endpoint: emu.url })
    expect((await attachmentErrorOf(adapter.startUpload(file, init()))).code).toBe('access-denied')
  })

  it('maps an unreachable service to network', async () => {
    const gone = await startEmulator({ port: 0 })
    await gone.close()
    const adapter = createParticipantAdapter({ connectionToken: 't', endpoint: gone.url })
    const error = await attachmentErrorOf(adapter.startUpload(file, init()))
    expect(error).toMatchObject({ code: 'network', status: 0 })
  })

  it('aborts a request when the signal fires', async () => {
    const { adapter } = await chat()
    emu.faults.set('StartAttachmentUpload', { delayMs: 5_000 })
    const controller = new AbortController()
    const pending = attachmentErrorOf(
      adapter.startUpload(file, { clientToken: 'x', signal: controller.signal }),
    )
    setTimeout(() => controller.abort(), 20)
    expect((await pending).code).toBe('aborted')
  })

  it('never puts the token or a presigned URL in an error, a log line or a request URL', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => undefined),
    )
    const { token } = await chat()
    const urls: string[] = []
    const recording: typeof fetch = (input, requestInit) => {
      urls.push(String(input))
      return fetch(input, requestInit)
    }
    const adapter = createParticipantAdapter({
      connectionToken: token,
      endpoint: emu.url,
      fetch: recording,
    })
    const target = await adapter.startUpload(file, init())
    emu.faults.set('GetAttachment', {
      status: 400,
      message: `token ${token} at ${target.url}`,
    })
    const errors = [
      await attachmentErrorOf(adapter.getFile(target.id)),
      await attachmentErrorOf(adapter.completeUpload(target, init())),
    ]
    for (const error of errors) {
      const seen = [error.message, String(error.cause), JSON.stringify(error), error.stack ?? '']
      for (const text of seen) {
        expect(text).not.toContain(token)
        expect(text).not.toContain(target.url)
        expect(text).not.toMatch(/X-Amz-Signature/i)
      }
    }
    expect(errors[0]!.message).toContain('[redacted]')
    expect(urls.every((url) => !url.includes(token))).toBe(true)
    for (const spy of spies) {
      for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toContain(token)
      spy.mockRestore()
    }
  })
})
