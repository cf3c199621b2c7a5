// The whole customer-widget path in real Chromium: the upload manager with its defaults (XHR
// transport, navigator.onLine, requestAnimationFrame), the chat adapter, and the emulator over
// cross-origin loopback HTTP — bytes, progress, retries, expiry recovery and cancel.
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createUploadManager, type UploadManager } from '../src/core/index.js'
import { createParticipantAdapter } from '../src/participant/index.js'
import { download } from './adapter-helpers.js'
import { emulatorControls } from './emulator-controls.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)
const managers: UploadManager[] = []

afterEach(async () => {
  for (const manager of managers.splice(0)) manager.dispose()
  await controls.clearFaults()
})

async function chat() {
  const connectionToken = await controls.chatConnectionToken()
  const adapter = createParticipantAdapter({ connectionToken, endpoint: emulator })
  const manager = createUploadManager({ adapter, retry: { baseDelayMs: 20, maxDelayMs: 50 } })
  managers.push(manager)
  return { adapter, manager, connectionToken }
}

/** Resolves with the final state of every upload once none is still in flight. */
function settled(manager: UploadManager) {
  const finalStates = ['succeeded', 'failed', 'canceled']
  const done = () =>
    Object.values(manager.getSnapshot().byId).every((u) => finalStates.includes(u.status))
  return new Promise<UploadManager['getSnapshot'] extends () => infer S ? S : never>((resolve) => {
    if (done()) return resolve(manager.getSnapshot())
    const unsubscribe = manager.subscribe(() => {
      if (!done()) return
      unsubscribe()
      resolve(manager.getSnapshot())
    })
  })
}

const sha256 = async (bytes: BufferSource) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')

function patterned(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251
  return bytes
}

async function transcriptAttachments(connectionToken: string): Promise<string[]> {
  const response = await fetch(`${emulator}/participant/transcript`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-bearer': connectionToken },
    body: JSON.stringify({}),
  })
  const { Transcript } = (await response.json()) as {
    Transcript: { Type: string; Attachments?: { AttachmentId: string }[] }[]
  }
  return Transcript.filter((item) => item.Type === 'ATTACHMENT').flatMap(
    (item) => item.Attachments?.map((a) => a.AttachmentId) ?? [],
  )
}

describe('createUploadManager in Chromium with the chat adapter and the emulator', () => {
  it('uploads the exact bytes, reports progress to 100 and leaves a downloadable file', async () => {
    const { adapter, manager } = await chat()
    const bytes = patterned(300 * 1024)
    const files = [
      new File([bytes], 'scan.pdf', { type: 'application/pdf' }),
      new File(['a,b\n1,2\n'], 'table.csv', { type: '' }),
    ]
    const percents: number[] = []
    let first = ''
    manager.subscribe(() => {
      const upload = manager.getSnapshot().byId[first]
      if (upload && percents.at(-1) !== upload.progress) percents.push(upload.progress)
    })
    const { ids, rejections } = manager.add(files)
    first = ids[0] ?? ''
    expect(rejections).toEqual([])
    const snapshot = await settled(manager)
    const [pdf, csv] = ids.map((id) => snapshot.byId[id])
    expect([pdf?.status, csv?.status]).toEqual(['succeeded', 'succeeded'])
    expect(csv?.type).toBe('text/csv')
    expect(percents.at(-1)).toBe(100)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))

    const stored = (await (await fetch(`${emulator}/_emulator/objects`)).json()) as {
      size: number
      sha256: string
    }[]
    expect(stored).toContainEqual(
      expect.objectContaining({ size: bytes.length, sha256: await sha256(bytes) }),
    )
    const file = await adapter.getFile(pdf?.remoteId ?? '')
    expect(file.status).toBe('approved')
    expect(await download(file.download?.url ?? '')).toEqual(bytes)
  })

  it('retries a PUT that S3 answers with 503 and creates one attachment', async () => {
    const { manager, connectionToken } = await chat()
    await controls.setFault('PutObject', { status: 503, times: 1 })
    const { ids } = manager.add([new File(['hello'], 'hello.txt', { type: 'text/plain' })])
    const snapshot = await settled(manager)
    expect(snapshot.byId[ids[0] ?? '']?.status).toBe('succeeded')
    expect(await controls.faultCount('PutObject')).toBe(1)
    expect(await transcriptAttachments(connectionToken)).toEqual([
      snapshot.byId[ids[0] ?? '']?.remoteId,
    ])
  })

  it('gets a fresh URL when S3 says the request has expired, and succeeds', async () => {
    const { manager } = await chat()
    await controls.setFault('PutObject', {
      status: 403,
      errorType: 'AccessDenied',
      message: 'Request has expired',
      times: 1,
    })
    const { ids } = manager.add([new File(['late'], 'late.txt', { type: 'text/plain' })])
    const snapshot = await settled(manager)
    expect(snapshot.byId[ids[0] ?? '']?.status).toBe('succeeded')
    expect(await controls.faultCount('PutObject')).toBe(1)
  })

  it('cancels a slow PUT: nothing is stored and nothing is completed', async () => {
    const { manager, connectionToken } = await chat()
    await controls.setFault('PutObject', { bytesPerSecond: 256 * 1024, times: 1 })
    const { ids } = manager.add([
      new File([patterned(4 * 1024 * 1024)], 'big.mov', { type: 'video/quicktime' }),
    ])
    const id = ids[0] ?? ''
    await expect
      .poll(() => manager.getSnapshot().byId[id]?.status, { timeout: 10_000 })
      .toBe('uploading')
    manager.cancel(id)
    const snapshot = await settled(manager)
    expect(snapshot.byId[id]?.status).toBe('canceled')
    // Give a completion that should not happen the time to arrive, then look for it.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await transcriptAttachments(connectionToken)).toEqual([])
  })
})
