// The download components in real Chromium against the emulator: a chat file uploaded through
// useAttachmentUpload comes back from the transcript as an AttachmentMessage whose link and
// preview serve the bytes that were sent; a case file's AttachedFileCard follows the scan from
// PROCESSING to APPROVED and its delete removes the file from the emulator.
import { ConnectClient } from '@aws-sdk/client-connect'
import { cleanup, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createCasesAdapter, sendViaConnectClient } from '../src/cases/index.js'
import { createParticipantAdapter, parseAttachmentItem } from '../src/participant/index.js'
import type { ParticipantAdapter } from '../src/participant/index.js'
import { AttachedFileCard } from '../src/react/attached-file-card.js'
import { AttachmentMessage } from '../src/react/attachment-message.js'
import { useAttachmentUpload } from '../src/react/use-attachment-upload.js'
import { useUpload } from '../src/react/use-upload.js'
import { putToTarget, signal } from './adapter-helpers.js'
import { emulatorControls } from './emulator-controls.js'
import { sha256Hex, transcriptAttachmentItems } from './emulator-inspect.js'
import { renderStrict } from './render.js'
import { wholeText } from './whole-text.js'
import { followClick } from './widget-driver.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)

afterEach(async () => {
  cleanup()
  await controls.clearFaults()
})

/** A real 4 × 3 PNG, drawn by the browser. */
async function png(): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = Object.assign(document.createElement('canvas'), { width: 4, height: 3 })
  const context = canvas.getContext('2d') as CanvasRenderingContext2D
  context.fillStyle = '#0658c2'
  context.fillRect(0, 0, 4, 3)
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'))
  return new Uint8Array(await blob.arrayBuffer())
}

function Row({ id }: { id: string }) {
  const upload = useUpload(id)
  const error = upload?.status === 'failed' ? upload.error : undefined
  return (
    <li data-status={upload?.status} data-remote-id={upload?.remoteId}>
      {error && `${error.code}: ${error.message}`}
    </li>
  )
}

function Composer() {
  const { ids, add } = useAttachmentUpload()
  return (
    <>
      <label>
        Attach files
        <input type="file" onChange={(event) => add(event.target.files ?? [])} />
      </label>
      <ul>
        {ids.map((id) => (
          <Row key={id} id={id} />
        ))}
      </ul>
    </>
  )
}

/** Uploads one file through useAttachmentUpload; the chat's parsed transcript item for it. */
async function uploadToChat(adapter: ParticipantAdapter, token: string, file: File) {
  renderStrict(<Composer />, { adapter })
  await userEvent.upload(screen.getByLabelText('Attach files'), file)
  const row = () => document.querySelector('li')
  const done = () => ['succeeded', 'failed'].includes(row()?.dataset.status ?? '')
  await expect.poll(done, { timeout: 10_000 }).toBe(true)
  expect(row()?.textContent).toBe('')
  const id = row()?.dataset.remoteId
  cleanup()
  const items = (await transcriptAttachmentItems(emulator, token)).map(parseAttachmentItem)
  const attachment = items.find((item) => item?.id === id)
  expect(attachment).toMatchObject({ name: file.name, contentType: file.type, status: 'approved' })
  return attachment!
}

describe('AttachmentMessage in Chromium with the chat adapter and the emulator', () => {
  it('shows an uploaded image from the transcript with a link and a preview of the same bytes', async () => {
    const token = await controls.chatConnectionToken()
    const adapter = createParticipantAdapter({ connectionToken: token, endpoint: emulator })
    const bytes = await png()
    const file = new File([bytes], 'dot.png', { type: 'image/png' })
    const attachment = await uploadToChat(adapter, token, file)

    const { container } = renderStrict(<AttachmentMessage attachment={attachment} />, { adapter })
    const link = await screen.findByRole('link', { name: 'Download dot.png' }, { timeout: 10_000 })
    const href = link.getAttribute('href') ?? ''
    expect(new URL(href).origin).toBe(new URL(emulator).origin)
    const response = await fetch(href)
    expect(response.status).toBe(200)
    expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Hex(bytes))

    const image = screen.getByRole('img', { name: 'dot.png' }) as HTMLImageElement
    await expect.poll(() => image.complete && image.naturalWidth, { timeout: 10_000 }).toBe(4)
    expect(image.naturalHeight).toBe(3)
    expect(container.querySelector('.ca-attachment-message')?.getAttribute('data-status')).toBe(
      'approved',
    )
  })

  it('follows a click with a fresh URL once the one in the link has aged past its margin', async () => {
    // 5 s URLs: stale after 2.5 s, and never refreshed in the background.
    await controls.setFault('GetAttachment', { urlTtlSeconds: 5, times: 'Infinity' })
    const token = await controls.chatConnectionToken()
    const adapter = createParticipantAdapter({ connectionToken: token, endpoint: emulator })
    const bytes = new TextEncoder().encode('the notes')
    const file = new File([bytes], 'notes.txt', { type: 'text/plain' })
    const attachment = await uploadToChat(adapter, token, file)
    renderStrict(<AttachmentMessage attachment={attachment} />, { adapter })
    const link = await screen.findByRole('link', { name: 'Download notes.txt' })
    const aged = link.getAttribute('href')
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(link.getAttribute('href')).toBe(aged)
    // The refresh the pointer starts takes 500 ms, so the click comes before it is done and
    // waits for it.
    await controls.setFault('GetAttachment', { urlTtlSeconds: 5, delayMs: 500, times: 'Infinity' })

    // A real click from the browser (Playwright), which gives the page a user activation (a
    // dispatched one would not): whether the page still had it when the link went on says
    // whether a new tab (the link's target) would be allowed rather than blocked as a popup.
    const { followed, activation, held } = await followClick(link, { timeout: 5_000 })
    expect(followed[0]).not.toBe(aged)
    expect(held).toBe(1)
    expect(activation).toEqual([true])
    expect(link.getAttribute('href')).toBe(followed[0])
    const response = await fetch(followed[0] ?? '')
    expect(response.status).toBe(200)
    expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Hex(bytes))
  })
})

describe('AttachedFileCard in Chromium with the cases adapter and the emulator', () => {
  it('goes from PROCESSING to APPROVED, and its confirmed delete removes the file', async () => {
    const client = new ConnectClient({
      region: 'us-east-1',
      endpoint: emulator,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    })
    const adapter = createCasesAdapter({
      ...(await controls.createCase()),
      send: sendViaConnectClient(client),
    })
    const bytes = new TextEncoder().encode('case file body')
    const init = () => ({ clientToken: crypto.randomUUID(), signal: signal() })
    const info = { name: 'case.pdf', size: bytes.length, type: 'application/pdf' }
    const target = await adapter.startUpload(info, init())
    await putToTarget(target, bytes)
    let deleted = 0
    renderStrict(
      <AttachedFileCard
        fileId={target.id}
        createdBy="Maria García"
        fileOptions={{ pollBaseMs: 50, pollMaxMs: 200 }}
        onDeleted={() => (deleted += 1)}
      />,
      { adapter },
    )
    // Connect reports PROCESSING from Start until the scan after Complete has a verdict.
    const card = await screen.findByRole('article', { name: 'case.pdf' }, { timeout: 10_000 })
    await expect.poll(() => card.dataset.status).toBe('processing')
    expect(within(card).queryByRole('link')).toBeNull()
    // When it was added comes from the service's CreationTime, through the real SDK.
    const added = card.querySelector('time')
    expect(Math.abs(Date.parse(added?.getAttribute('datetime') ?? '') - Date.now())).toBeLessThan(
      60_000,
    )
    expect(card.textContent).toContain('Added by Maria García')
    await adapter.completeUpload(target, init())
    await expect.poll(() => card.dataset.status, { timeout: 10_000 }).toBe('approved')
    const link = within(card).getByRole('link', { name: 'Download case.pdf' })
    expect(await (await fetch(link.getAttribute('href') ?? '')).text()).toBe('case file body')

    await userEvent.click(within(card).getByRole('button', { name: 'Delete case.pdf' }))
    const question = screen.getByRole('group', { name: 'Delete case.pdf? This cannot be undone.' })
    await userEvent.click(within(question).getByRole('button', { name: 'Delete' }))
    await expect.poll(() => deleted, { timeout: 10_000 }).toBe(1)
    // onDeleted fires as the card's state changes; the notice renders on the next commit.
    expect(await screen.findByText(wholeText('case.pdf deleted'))).toBeDefined()
    await expect(adapter.getFile(target.id)).rejects.toMatchObject({ code: 'not-found' })
  })
})
