// AttachmentDropzone in real Chromium: a drop with a real DataTransfer, the chat adapter and the
// emulator over loopback HTTP. The bandwidth cap keeps the PUT going long enough for progress to
// move past the socket buffers, which on loopback swallow a few MB at once.
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createParticipantAdapter } from '../src/participant/index.js'
import { AttachmentDropzone } from '../src/react/attachment-dropzone.js'
import { useAttachmentUpload } from '../src/react/use-attachment-upload.js'
import type { AttachmentUploadController } from '../src/react/use-attachment-upload.js'
import { emulatorControls } from './emulator-controls.js'
import { randomBytes, sha256Hex, storedObjectOf } from './emulator-inspect.js'
import { renderStrict } from './render.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)
const unmounts: (() => void)[] = []

afterEach(async () => {
  for (const unmount of unmounts.splice(0)) unmount()
  await controls.clearFaults()
})

/** Dispatches a drag event carrying `data`, as the browser does for a drag from the desktop. */
function drag(target: Element, type: string, data: DataTransfer): void {
  target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }))
}

describe('AttachmentDropzone in Chromium with the chat adapter and the emulator', () => {
  it('uploads a file dropped with a real DataTransfer, with moving progress and the same bytes', async () => {
    const connectionToken = await controls.chatConnectionToken()
    const adapter = createParticipantAdapter({ endpoint: emulator, connectionToken })
    await controls.setFault('PutObject', { bytesPerSecond: 2 * 1024 * 1024, times: 1 })
    let controller!: AttachmentUploadController
    function Probe() {
      controller = useAttachmentUpload()
      return null
    }
    const { container, unmount } = renderStrict(
      <>
        <AttachmentDropzone />
        <Probe />
      </>,
      { adapter },
    )
    unmounts.push(unmount)
    const percents: number[] = []
    unmounts.push(
      controller.manager.subscribe(() => {
        const [upload] = Object.values(controller.manager.getSnapshot().byId)
        if (upload && percents.at(-1) !== upload.progress) percents.push(upload.progress)
      }),
    )

    const bytes = randomBytes(12 * 1024 * 1024)
    const data = new DataTransfer()
    data.items.add(new File([bytes], 'recording.mp4', { type: 'video/mp4' }))
    const root = container.querySelector('.ca-attachment-dropzone')!
    const target = container.querySelector('.ca-attachment-dropzone__target')!
    drag(target, 'dragenter', data)
    drag(target, 'dragover', data)
    await expect.poll(() => root.getAttribute('data-dragging')).toBe('true')
    drag(target, 'drop', data)

    const upload = () => Object.values(controller.manager.getSnapshot().byId)[0]
    await expect.poll(() => upload()?.status, { timeout: 25_000 }).toBe('succeeded')
    expect(root.hasAttribute('data-dragging')).toBe(false)
    expect(percents.filter((percent) => percent > 0 && percent < 100).length).toBeGreaterThan(2)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(percents.at(-1)).toBe(100)
    expect(await controls.faultCount('PutObject')).toBe(1)
    const stored = await storedObjectOf(emulator, upload()?.remoteId ?? '')
    expect(stored).toMatchObject({ size: bytes.length, sha256: await sha256Hex(bytes) })
  })
})
