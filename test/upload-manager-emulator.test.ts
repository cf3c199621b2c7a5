// The engine, the chat adapter and the emulator together, over real loopback HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Transport } from '../src/core/types.js'
import { createUploadManager } from '../src/core/upload-manager.js'
import type { UploadManager } from '../src/core/upload-manager.js'
import type { UploadManagerOptions } from '../src/core/upload-manager-options.js'
import { alwaysOnline } from '../src/core/online.js'
import { startEmulator } from '../src/emulator/index.js'
import type { Emulator } from '../src/emulator/index.js'
import { createParticipantAdapter } from '../src/participant/index.js'
import { connectParticipant } from './adapter-helpers.js'
import { fetchTransport } from './fetch-transport.js'

let emu: Emulator
let clockOffsetMs = 0

beforeAll(async () => {
  emu = await startEmulator({ port: 0, now: () => Date.now() + clockOffsetMs })
})
afterAll(() => emu.close())

async function chatManager(options: Partial<UploadManagerOptions> = {}, fetchImpl?: typeof fetch) {
  const chat = emu.createChat()
  const connectionToken = await connectParticipant(emu.url, chat.participantToken)
  const adapter = createParticipantAdapter({ connectionToken, endpoint: emu.url, fetch: fetchImpl })
  return createUploadManager({
    adapter,
    transport: fetchTransport,
    online: alwaysOnline,
    scheduleFrame: (callback) => {
      queueMicrotask(callback)
      return () => {}
    },
    // Millisecond backoffs: the emulator runs on the real clock, so fake timers cannot drive it.
    retry: { baseDelayMs: 2, maxDelayMs: 2 },
    ...options,
  })
}

/** Resolves once every upload has left the queue and the in-flight states. */
function settled(manager: UploadManager): Promise<void> {
  const done = (): boolean =>
    Object.values(manager.getSnapshot().byId).every((upload) =>
      ['succeeded', 'failed', 'canceled'].includes(upload.status),
    )
  return new Promise((resolve) => {
    if (done()) return resolve()
    const unsubscribe = manager.subscribe(() => {
      if (!done()) return
      unsubscribe()
      resolve()
    })
  })
}

const textFile = (name: string, text: string) => new File([text], name, { type: '' })

describe('createUploadManager with the chat adapter and the emulator', () => {
  it('uploads files into the bucket and completes them', async () => {
    const manager = await chatManager()
    const before = emu.objects().length
    const { ids } = manager.add([textFile('a.txt', 'alpha'), textFile('b.csv', 'x,y\n1,2')])
    await settled(manager)
    const uploads = ids.map((id) => manager.getSnapshot().byId[id])
    expect(uploads.map((upload) => upload?.status)).toEqual(['succeeded', 'succeeded'])
    expect(uploads.map((upload) => upload?.type)).toEqual(['text/plain', 'text/csv'])
    expect(emu.objects().length).toBe(before + 2)
    manager.dispose()
  })

  it('retries throttled and failing Start and Complete calls and still succeeds', async () => {
    const manager = await chatManager()
    emu.faults.set('StartAttachmentUpload', { status: 429, times: 2 })
    emu.faults.set('CompleteAttachmentUpload', { status: 500, times: 1 })
    const { ids } = manager.add([textFile('c.txt', 'gamma')])
    await settled(manager)
    expect(manager.getSnapshot().byId[ids[0] ?? '']?.status).toBe('succeeded')
    expect(emu.faults.count('StartAttachmentUpload')).toBe(2)
    expect(emu.faults.count('CompleteAttachmentUpload')).toBe(1)
    emu.faults.clear()
    manager.dispose()
  })

  it('recovers from an S3 "Request has expired" with a fresh target', async () => {
    const urls: string[] = []
    // Time passes between Start and the PUT: the emulator's clock jumps six minutes ahead.
    const lateTransport: Transport = (request) => {
      if (urls.length === 0) clockOffsetMs += 6 * 60_000
      urls.push(request.url)
      return fetchTransport(request)
    }
    const manager = await chatManager({ transport: lateTransport })
    const { ids } = manager.add([textFile('d.txt', 'delta')])
    await settled(manager)
    const upload = manager.getSnapshot().byId[ids[0] ?? '']
    expect(upload?.status).toBe('succeeded')
    expect(urls).toHaveLength(2)
    expect(urls[1]).not.toBe(urls[0])
    manager.dispose()
  })

  it('fails at once when the service refuses the file', async () => {
    const manager = await chatManager()
    emu.faults.set('StartAttachmentUpload', { status: 402 })
    const { ids } = manager.add([textFile('e.txt', 'epsilon')])
    await settled(manager)
    expect(manager.getSnapshot().byId[ids[0] ?? '']).toMatchObject({
      status: 'failed',
      error: { code: 'quota-exceeded', status: 402 },
    })
    expect(emu.faults.count('StartAttachmentUpload')).toBe(1)
    emu.faults.clear()
    manager.dispose()
  })

  /** A manager with a 1 s deadline, and the error codes its one upload went through. */
  async function lateManager(fetchImpl?: typeof fetch) {
    const manager = await chatManager({ callTimeoutMs: 1000 }, fetchImpl)
    const codes: string[] = []
    manager.subscribe(() => {
      const error = Object.values(manager.getSnapshot().byId)[0]?.error
      if (error && codes.at(-1) !== error.code) codes.push(error.code)
    })
    return { manager, codes }
  }
  const startsOf = (name: string) => emu.attachments().filter((a) => a.name === name)

  it('ends a Start the service has not answered by its deadline as timeout, and retries it', async () => {
    const { manager, codes } = await lateManager()
    emu.faults.set('StartAttachmentUpload', { delayMs: 3000 })
    const { ids } = manager.add([textFile('late.txt', 'late')])
    await settled(manager)
    expect(manager.getSnapshot().byId[ids[0] ?? '']?.status).toBe('succeeded')
    expect(codes).toEqual(['timeout'])
    expect(emu.faults.count('StartAttachmentUpload')).toBe(1)
    // The emulator drops a request whose client has gone before it is handled.
    expect(startsOf('late.txt')).toMatchObject([{ starts: 1, completes: 1, stored: true }])
    emu.faults.clear()
    manager.dispose()
  })

  it('retries a Start whose answer was lost with its token, and gets the same attachment', async () => {
    // The service handles the first Start, but its answer never reaches the page, whatever
    // the signal says: a connection that died after the request went out.
    let lost = 0
    const losing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (String(input).endsWith('/start-attachment-upload') && lost++ === 0)
        return new Promise<never>(() => {})
      return response
    }
    const { manager, codes } = await lateManager(losing)
    const { ids } = manager.add([textFile('lost-answer.txt', 'lost')])
    await settled(manager)
    expect(manager.getSnapshot().byId[ids[0] ?? '']?.status).toBe('succeeded')
    expect(codes).toEqual(['timeout'])
    const [attachment, ...others] = startsOf('lost-answer.txt')
    expect(others).toEqual([])
    expect(attachment).toMatchObject({ starts: 2, completes: 1, stored: true })
    expect(new Set(attachment?.startTokens).size).toBe(1)
    manager.dispose()
  })
})
