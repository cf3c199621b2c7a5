import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { EICAR, startEmulator, type Emulator } from '../src/emulator/index.js'
import { createParticipantAdapter } from '../src/participant/index.js'
import { attachmentErrorOf } from './attachment-error-of.js'
import { connectParticipant, download, putToTarget, signal, textBytes } from './adapter-helpers.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
afterEach(() => emu.faults.clear())

async function newChatAdapter(options: { urlExpirySeconds?: number } = {}) {
  const chat = emu.createChat()
  const token = await connectParticipant(emu.url, chat.participantToken)
  const adapter = createParticipantAdapter({
    connectionToken: token,
    endpoint: emu.url,
    ...options,
  })
  return { adapter, token, chat }
}

const file = (name = 'notes.txt', size = 5) => ({ name, size, type: 'text/plain' })

async function upload(adapter: ReturnType<typeof createParticipantAdapter>, text: string) {
  const bytes = textBytes(text)
  const clientToken = crypto.randomUUID()
  const target = await adapter.startUpload(file('notes.txt', bytes.length), {
    clientToken,
    signal: signal(),
  })
  await putToTarget(target, bytes)
  await adapter.completeUpload(target, { clientToken: crypto.randomUUID(), signal: signal() })
  return target
}

describe('createParticipantAdapter', () => {
  it('uploads a file and hands out a download URL that serves its bytes', async () => {
    const { adapter } = await newChatAdapter()
    const target = await upload(adapter, 'hello')
    expect(target.expiresAt).toBeGreaterThan(Date.now())
    expect(target.headers['Content-Type']).toBe('text/plain')
    const remote = await vi.waitFor(async () => {
      const r = await adapter.getFile(target.id)
      if (r.status !== 'approved') throw new Error(r.status)
      return r
    })
    expect(remote).toMatchObject({ id: target.id, status: 'approved', size: 5 })
    expect(new TextDecoder().decode(await download(remote.download!.url))).toBe('hello')
  })

  it('asks GetAttachment for the URL lifetime it was given', async () => {
    const { adapter } = await newChatAdapter({ urlExpirySeconds: 60 })
    const target = await upload(adapter, 'hello')
    const remote = await vi.waitFor(() => adapter.getFile(target.id))
    const lifetime = remote.download!.expiresAt - Date.now()
    expect(lifetime).toBeGreaterThan(50_000)
    expect(lifetime).toBeLessThanOrEqual(61_000)
  })

  it('passes the clientToken through, so a retried start returns the same attachment', async () => {
    const { adapter } = await newChatAdapter()
    const init = { clientToken: crypto.randomUUID(), signal: signal() }
    const first = await adapter.startUpload(file(), init)
    const again = await adapter.startUpload(file(), init)
    expect(again.id).toBe(first.id)
    const other = await adapter.startUpload(file(), { ...init, clientToken: crypto.randomUUID() })
    expect(other.id).not.toBe(first.id)
  })

  it('reports a file still being scanned as processing, without a URL', async () => {
    const slow = await startEmulator({ port: 0, scanDelayMs: 60_000 })
    try {
      const chat = slow.createChat()
      const token = await connectParticipant(slow.url, chat.participantToken)
      const adapter = createParticipantAdapter({ connectionToken: token, endpoint: slow.url })
      const bytes = textBytes('scan me')
      const target = await adapter.startUpload(file('a.txt', bytes.length), {
        clientToken: 'c1',
        signal: signal(),
      })
      await putToTarget(target, bytes)
      await adapter.completeUpload(target, { clientToken: 'c2', signal: signal() })
      const remote = await adapter.getFile(target.id)
      expect(remote).toEqual({ id: target.id, status: 'processing', name: 'a.txt' })
    } finally {
      await slow.close()
    }
  })

  it('reports a file the scanner rejected as rejected, without a URL', async () => {
    const { adapter } = await newChatAdapter()
    const target = await upload(adapter, EICAR)
    const remote = await vi.waitFor(async () => {
      const r = await adapter.getFile(target.id)
      if (r.status === 'processing') throw new Error('still scanning')
      return r
    })
    expect(remote).toEqual({ id: target.id, status: 'rejected', name: 'notes.txt' })
  })

  it('reads the connection token afresh for every call', async () => {
    const chat = emu.createChat()
    const good = await connectParticipant(emu.url, chat.participantToken)
    let current = 'not-a-token'
    const getConnectionToken = vi.fn(() => current)
    const adapter = createParticipantAdapter({ getConnectionToken, endpoint: emu.url })
    const denied = await attachmentErrorOf(
      adapter.startUpload(file(), { clientToken: 'a', signal: signal() }),
    )
    expect(denied.code).toBe('access-denied')
    current = good
    await expect(
      adapter.startUpload(file(), { clientToken: 'b', signal: signal() }),
    ).resolves.toMatchObject({
      id: expect.any(String),
    })
    expect(getConnectionToken).toHaveBeenCalledTimes(2)
  })

  it('derives the endpoint from the region', async () => {
    const urls: string[] = []
    const fakeFetch: typeof fetch = async (input) => {
      urls.push(String(input))
      return new Response('{}', { status: 200 })
    }
    const adapter = createParticipantAdapter({
      connectionToken: 't',
      region: 'eu-west-2',
      fetch: fakeFetch,
    })
    await adapter.completeUpload(
      { id: 'x', url: '', headers: {}, expiresAt: 0 },
      { clientToken: 'c', signal: signal() },
    )
    expect(urls).toEqual([
      'https://participant.connect.eu-west-2.amazonaws.com/participant/complete-attachment-upload',
    ])
    expect(adapter.key).toBe('participant:https://participant.connect.eu-west-2.amazonaws.com')
  })

  it('exposes the documented chat limits', async () => {
    const { adapter } = await newChatAdapter()
    expect(adapter.limits).toMatchObject({ maxFileSize: 20 * 1024 * 1024, maxFiles: 35 })
    expect(adapter.limits.allowedExtensions).toContain('.pdf')
  })
})
