import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { EICAR, startEmulator, type Emulator } from '../src/emulator/index.js'
import {
  createParticipantAdapter,
  type ParticipantServiceOptions,
} from '../src/participant/index.js'
import { attachmentErrorOf } from './attachment-error-of.js'
import {
  connectParticipant,
  download,
  putToTarget,
  recordingFetch,
  settledFile,
  signal,
  textBytes,
} from './adapter-helpers.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
afterEach(() => emu.faults.clear())

async function newChatAdapter(options: Partial<ParticipantServiceOptions> = {}) {
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

/** `a.txt` uploaded and completed in a new chat of `emulator`, whose scan may still run. */
async function completedOn(emulator: Emulator) {
  const chat = emulator.createChat()
  const token = await connectParticipant(emulator.url, chat.participantToken)
  const adapter = createParticipantAdapter({ connectionToken: token, endpoint: emulator.url })
  const bytes = textBytes('scan me')
  const target = await adapter.startUpload(file('a.txt', bytes.length), {
    clientToken: 'c1',
    signal: signal(),
  })
  await putToTarget(target, bytes)
  await adapter.completeUpload(target, { clientToken: 'c2', signal: signal() })
  return { adapter, target, bytes }
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
      const { adapter, target } = await completedOn(slow)
      const remote = await adapter.getFile(target.id)
      expect(remote).toEqual({ id: target.id, status: 'processing', name: 'a.txt' })
    } finally {
      await slow.close()
    }
  })

  it('asks GetAttachment again when the scan approves the file between its refusal and the transcript', async () => {
    const racing = await startEmulator({ port: 0, scanDelayMs: 300 })
    try {
      const { adapter, target, bytes } = await completedOn(racing)
      // GetAttachment answers at once (IN_PROGRESS, refused); the transcript is read once the
      // verdict is in, and says APPROVED.
      racing.faults.set('GetTranscript', { delayMs: 1_000 })
      const remote = await adapter.getFile(target.id)
      expect(racing.faults.count('GetTranscript')).toBe(1)
      expect(remote).toMatchObject({ id: target.id, status: 'approved', size: bytes.length })
      expect(await download(remote.download!.url)).toEqual(bytes)
    } finally {
      await racing.close()
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
    // The region's endpoint, then the fixed token's fingerprint.
    expect(adapter.key).toMatch(
      /^participant:https:\/\/participant\.connect\.eu-west-2\.amazonaws\.com#[0-9a-z]+$/,
    )
  })

  it('keys two chats apart by default, one chat alike, and never by the token itself', () => {
    const endpoint = 'http://127.0.0.1:4566'
    const token = 'AgAAAExampleConnectionTokenOfChatA'
    const keyOf = (connectionToken: string) =>
      createParticipantAdapter({ endpoint, connectionToken }).key
    expect(keyOf(token)).toBe(keyOf(token))
    expect(keyOf(token)).not.toBe(keyOf('AgAAAExampleConnectionTokenOfChatB'))
    expect(keyOf(token)).not.toContain(token)
    expect(createParticipantAdapter({ endpoint, connectionToken: token, key: 'c-1' }).key).toBe(
      'c-1',
    )
    // A token read afresh for every call has no fixed value to tell chats apart: `key` does.
    expect(createParticipantAdapter({ endpoint, getConnectionToken: () => token }).key).toBe(
      `participant:${endpoint}`,
    )
  })

  it('exposes the documented chat limits', async () => {
    const { adapter } = await newChatAdapter()
    expect(adapter.limits).toMatchObject({ maxFileSize: 20 * 1024 * 1024, maxFiles: 35 })
    expect(adapter.limits.allowedExtensions).toContain('.pdf')
  })
})

/** An ATTACHMENT transcript item as the chat pushes it (connect-apis.md §1.4). */
const attachmentItem = (AttachmentId: string, Status: string) => ({
  Type: 'ATTACHMENT',
  Id: 'item',
  Attachments: [{ AttachmentId, AttachmentName: 'notes.txt', ContentType: 'text/plain', Status }],
})

/** Posts `count` chat messages, so the transcript holds more than one page. */
async function sendMessages(token: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${emu.url}/participant/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-bearer': token },
      body: JSON.stringify({ ContentType: 'text/plain', Content: `message ${i}` }),
    })
    if (!response.ok) throw new Error(`SendMessage answered ${response.status}`)
  }
}

describe('createParticipantAdapter getFile status', () => {
  it('answers a file the host saw rejected or in progress without a request', async () => {
    const recorder = recordingFetch()
    const { adapter } = await newChatAdapter({ fetch: recorder.fetch })
    adapter.recordTranscriptItem({ data: attachmentItem('a1', 'REJECTED') })
    adapter.recordTranscriptItem(attachmentItem('a2', 'IN_PROGRESS'))
    expect(await adapter.getFile('a1')).toEqual({ id: 'a1', status: 'rejected', name: 'notes.txt' })
    expect(await adapter.getFile('a2')).toEqual({
      id: 'a2',
      status: 'processing',
      name: 'notes.txt',
    })
    expect(recorder.paths).toEqual([])
  })

  it('asks the host through statusOf, and GetAttachment once the host says approved', async () => {
    const recorder = recordingFetch()
    let status: 'processing' | 'approved' = 'processing'
    const { adapter } = await newChatAdapter({ fetch: recorder.fetch, statusOf: () => status })
    const target = await upload(adapter, 'hello')
    recorder.paths.length = 0
    expect(await adapter.getFile(target.id)).toEqual({ id: target.id, status: 'processing' })
    expect(recorder.paths).toEqual([])
    status = 'approved'
    await vi.waitFor(async () => expect((await adapter.getFile(target.id)).download).toBeDefined())
    expect(new Set(recorder.paths)).toEqual(new Set(['/participant/attachment']))
  })

  it('keeps a verdict when an older in-progress item is recorded after it', async () => {
    const { adapter } = await newChatAdapter()
    const target = await upload(adapter, EICAR)
    await settledFile(adapter, target.id)
    adapter.recordTranscriptItem(attachmentItem(target.id, 'REJECTED'))
    adapter.recordTranscriptItem(attachmentItem(target.id, 'IN_PROGRESS'))
    expect((await adapter.getFile(target.id)).status).toBe('rejected')
  })

  it.each([
    ['AccessDeniedException', 403],
    ['ResourceNotFoundException', 404],
    ['ConflictException', 409],
  ])(
    'reads the status of an unknown file from the transcript when GetAttachment answers %s',
    async (errorType, status) => {
      const { adapter } = await newChatAdapter()
      const target = await upload(adapter, EICAR)
      await settledFile(adapter, target.id)
      emu.faults.set('GetAttachment', { status, errorType })
      expect(await adapter.getFile(target.id)).toEqual({
        id: target.id,
        status: 'rejected',
        name: 'notes.txt',
      })
      expect(emu.faults.count('GetAttachment')).toBe(1)
    },
  )

  it('reads at most one transcript page for a file it knows nothing of', async () => {
    const recorder = recordingFetch()
    const { adapter, token } = await newChatAdapter({ fetch: recorder.fetch })
    await sendMessages(token, 250)
    const error = await attachmentErrorOf(adapter.getFile('not-in-this-chat'))
    expect(error.code).toBe('invalid-request')
    expect(recorder.paths).toEqual(['/participant/attachment', '/participant/transcript'])
  })

  it('does not look further when GetAttachment fails in a way a retry may fix', async () => {
    const recorder = recordingFetch()
    const { adapter } = await newChatAdapter({ fetch: recorder.fetch })
    emu.faults.set('GetAttachment', { status: 503, errorType: 'InternalServerException' })
    expect((await attachmentErrorOf(adapter.getFile('x'))).code).toBe('server')
    expect(recorder.paths).toEqual(['/participant/attachment'])
  })
})
