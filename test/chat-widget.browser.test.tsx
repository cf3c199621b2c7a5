// The customer chat widget's path in real Chromium, with the real chat adapter and the emulator:
// a file dropped on AttachmentDropzone (a real DataTransfer drop) shows its progress in
// UploadList, then comes back from the transcript as an AttachmentMessage whose link downloads
// the very bytes that were dropped.
import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createParticipantAdapter, parseAttachmentItem } from '../src/participant/index.js'
import { AttachmentDropzone } from '../src/react/attachment-dropzone.js'
import { AttachmentMessage } from '../src/react/attachment-message.js'
import { UploadList } from '../src/react/upload-list.js'
import { emulatorControls } from './emulator-controls.js'
import { randomBytes, sha256Hex, transcriptAttachmentItems } from './emulator-inspect.js'
import { renderStrict } from './render.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)

afterEach(async () => {
  cleanup()
  await controls.clearFaults()
})

function drop(target: Element, file: File): void {
  const data = new DataTransfer()
  data.items.add(file)
  for (const type of ['dragenter', 'dragover', 'drop']) {
    target.dispatchEvent(
      new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
    )
  }
}

describe('the customer chat widget in Chromium', () => {
  it('shows a dropped file progressing in the list, then as a message whose link serves its bytes', async () => {
    const connectionToken = await controls.chatConnectionToken()
    const adapter = createParticipantAdapter({ endpoint: emulator, connectionToken })
    // 2 MB/s on a 12 MB file: the PUT outlasts loopback's socket buffers, so the bar moves.
    await controls.setFault('PutObject', { bytesPerSecond: 2 * 1024 * 1024, times: 1 })
    renderStrict(
      <>
        <UploadList />
        <AttachmentDropzone />
      </>,
      { adapter },
    )
    const seen = new Set<string>()
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]')
      const now = bar?.getAttribute('aria-valuenow')
      if (now) seen.add(now)
    })
    observer.observe(document.body, { subtree: true, attributes: true, childList: true })

    const bytes = randomBytes(12 * 1024 * 1024)
    drop(
      screen.getByRole('button', { name: 'Attach files' }),
      new File([bytes], 'clip.mp4', { type: 'video/mp4' }),
    )
    const row = await screen.findByRole('listitem')
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 25_000 }).toBe('succeeded')
    observer.disconnect()
    const midway = [...seen].map(Number).filter((percent) => percent > 0 && percent < 100)
    expect(midway.length).toBeGreaterThan(2)
    expect(within(row).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')

    const items = (await transcriptAttachmentItems(emulator, connectionToken)).map(
      parseAttachmentItem,
    )
    const attachment = items.find((item) => item?.name === 'clip.mp4')
    expect(attachment).toMatchObject({ status: 'approved', contentType: 'video/mp4' })
    cleanup()
    renderStrict(<AttachmentMessage attachment={attachment!} />, { adapter })
    const link = await screen.findByRole('link', { name: /clip\.mp4/ }, { timeout: 10_000 })
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    const response = await fetch(link.getAttribute('href') ?? '')
    expect(response.status).toBe(200)
    expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Hex(bytes))
  })
})
