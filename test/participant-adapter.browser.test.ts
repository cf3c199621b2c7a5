// The chat adapter in real Chromium against the emulator: cross-origin calls with their CORS
// preflights (X-Amz-Bearer, JSON), the PUT through core's XHR transport, and error mapping as
// a page sees it (only the headers the service exposes are readable).
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createParticipantAdapter, type ParticipantAdapter } from '../src/participant/index.js'
import { attachmentErrorOf } from './attachment-error-of.js'
import { participantServiceErrors, settledFile, uploadThroughXhr } from './adapter-helpers.js'
import { emulatorControls } from './emulator-controls.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)

afterEach(() => controls.clearFaults())

async function chatAdapter(): Promise<{ adapter: ParticipantAdapter; token: string }> {
  const token = await controls.chatConnectionToken()
  return {
    adapter: createParticipantAdapter({ connectionToken: token, endpoint: emulator }),
    token,
  }
}

const init = () => ({ clientToken: crypto.randomUUID(), signal: new AbortController().signal })

describe('createParticipantAdapter in Chromium', () => {
  it('starts, PUTs with progress, completes and downloads a file across origins', async () => {
    // Another origin than the page's, so every call goes through CORS (preflights included).
    expect(new URL(emulator).origin).not.toBe(location.origin)
    const { adapter } = await chatAdapter()
    const file = new File(['x'.repeat(200_000)], 'photo.png', { type: 'image/png' })
    const progress: number[] = []
    const target = await uploadThroughXhr(adapter, file, (loaded) => progress.push(loaded))
    expect(progress.at(-1)).toBe(file.size)
    const remote = await settledFile(adapter, target.id)
    expect(remote).toMatchObject({ status: 'approved', size: file.size })
    const downloaded = await fetch(remote.download!.url)
    expect((await downloaded.text()).length).toBe(file.size)
  })

  it.each(participantServiceErrors)('maps %s (%i) to %s', async (errorType, status, code) => {
    const { adapter } = await chatAdapter()
    await controls.setFault('CompleteAttachmentUpload', { status, errorType })
    const target = { id: 'any', url: '', headers: {}, expiresAt: 0 }
    const error = await attachmentErrorOf(adapter.completeUpload(target, init()))
    expect(error).toMatchObject({ code, status })
    expect(error.cause).toMatchObject({ name: errorType })
  })

  it('reports a rejected file as rejected, reading its status from the transcript', async () => {
    const { adapter } = await chatAdapter()
    const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
    const file = new File([eicar], 'virus.txt', { type: 'text/plain' })
    const target = await uploadThroughXhr(adapter, file)
    expect(await settledFile(adapter, target.id)).toEqual({
      id: target.id,
      status: 'rejected',
      name: 'virus.txt',
    })
  })

  it('aborts a slow request when the signal fires', async () => {
    const { adapter } = await chatAdapter()
    await controls.setFault('StartAttachmentUpload', { delayMs: 5_000 })
    const controller = new AbortController()
    const pending = attachmentErrorOf(
      adapter.startUpload(
        { name: 'a.txt', size: 1, type: 'text/plain' },
        {
          clientToken: 'x',
          signal: controller.signal,
        },
      ),
    )
    setTimeout(() => controller.abort(), 20)
    expect((await pending).code).toBe('aborted')
  })

  it('keeps the token out of errors and request URLs', async () => {
    const { adapter, token } = await chatAdapter()
    await controls.setFault('GetAttachment', { status: 400, message: `echo ${token}` })
    const error = await attachmentErrorOf(adapter.getFile('any'))
    expect(JSON.stringify([error.message, String(error.cause)])).not.toContain(token)
    const urls = performance.getEntriesByType('resource').map((entry) => entry.name)
    expect(urls.some((url) => url.includes(token))).toBe(false)
  })
})
