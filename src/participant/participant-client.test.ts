import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attachmentErrorOf } from '../../test/attachment-error-of.js'
import { connectParticipant } from '../../test/adapter-helpers.js'
import { fetchTransport } from '../../test/fetch-transport.js'
import { AttachmentError, isRetryable } from '../core/errors.js'
import { alwaysOnline } from '../core/online.js'
import { createUploadManager } from '../core/upload-manager.js'
import { startEmulator, type Emulator } from '../emulator/index.js'
import { createParticipantAdapter } from './participant-adapter.js'

// What the host's token function (Streams' `getConnectionToken`, a backend's token endpoint)
// fails with decides whether the engine tries the call again: a blip on the way to the token
// is no refusal of the chat.
let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())

const file = { name: 'notes.txt', size: 5, type: 'text/plain' }
const init = () => ({ clientToken: crypto.randomUUID(), signal: new AbortController().signal })

/** The adapter over the emulator with a token function that fails with `failure`. */
const failingToken = (failure: unknown) =>
  createParticipantAdapter({
    endpoint: emu.url,
    getConnectionToken: () => Promise.reject(failure),
  })

describe('createParticipantAdapter with a failing getConnectionToken', () => {
  it.each([
    ['a fetch that cannot connect', new TypeError('Failed to fetch'), 'network', true],
    ['a timed-out fetch', new DOMException('signal timed out', 'TimeoutError'), 'timeout', true],
    [
      'a 503 from its backend',
      Object.assign(new Error('Unavailable'), { status: 503 }),
      'server',
      true,
    ],
    [
      'a 429 (AWS SDK v2 style)',
      Object.assign(new Error('Slow down'), { statusCode: 429 }),
      'throttled',
      true,
    ],
    [
      'a 403 from the service',
      Object.assign(new Error('Forbidden'), { status: 403 }),
      'access-denied',
      false,
    ],
    ['a bug in the host', new RangeError('bad index'), 'unexpected', false],
  ])('classifies %s as %s', async (_, failure, code, retryable) => {
    const error = await attachmentErrorOf(failingToken(failure).startUpload(file, init()))
    expect(error.code).toBe(code)
    expect(isRetryable(error)).toBe(retryable)
    expect(error.cause).toBe(failure)
  })

  it('keeps the code of an AttachmentError the host throws', async () => {
    const thrown = new AttachmentError('throttled', 'Too many token requests', { status: 429 })
    const error = await attachmentErrorOf(failingToken(thrown).getFile('any'))
    expect(error).toBe(thrown)
  })

  it('is access-denied when the host has no token (the session ended)', async () => {
    for (const getConnectionToken of [() => '', () => Promise.resolve('')]) {
      const adapter = createParticipantAdapter({ endpoint: emu.url, getConnectionToken })
      const error = await attachmentErrorOf(adapter.startUpload(file, init()))
      expect(error.code).toBe('access-denied')
    }
    const ended = new AttachmentError('access-denied', 'The chat has ended')
    expect(await attachmentErrorOf(failingToken(ended).startUpload(file, init()))).toBe(ended)
  })

  it('lets the engine retry a token fetch that failed in a network blip, and upload', async () => {
    const chat = emu.createChat()
    const token = await connectParticipant(emu.url, chat.participantToken)
    let fetches = 0
    const adapter = createParticipantAdapter({
      endpoint: emu.url,
      getConnectionToken: () => {
        fetches += 1
        if (fetches === 1) throw new TypeError('Failed to fetch')
        return token
      },
    })
    const manager = createUploadManager({
      adapter,
      transport: fetchTransport,
      online: alwaysOnline,
      // Millisecond backoffs: the emulator runs on the real clock.
      retry: { baseDelayMs: 2, maxDelayMs: 2 },
    })
    const { ids } = manager.add([new File(['hello'], 'notes.txt', { type: 'text/plain' })])
    await expect
      .poll(() => manager.getSnapshot().byId[ids[0]!]?.status, { timeout: 5_000 })
      .toBe('succeeded')
    expect(fetches).toBeGreaterThan(1)
    manager.dispose()
  })
})
