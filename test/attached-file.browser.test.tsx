// The React layer in real Chromium against the emulator: a composer built on useAttachmentUpload
// and useUpload uploads through the chat adapter, and useAttachedFile on each uploaded file
// becomes ready with a URL that downloads the very bytes that were sent.
import { cleanup, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createParticipantAdapter } from '../src/participant/index.js'
import { useAttachedFile } from '../src/react/use-attached-file.js'
import { useAttachmentUpload } from '../src/react/use-attachment-upload.js'
import { useUpload } from '../src/react/use-upload.js'
import { emulatorControls } from './emulator-controls.js'
import { sha256Hex } from './emulator-inspect.js'
import { renderStrict } from './render.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)

afterEach(async () => {
  cleanup()
  await controls.clearFaults()
  await controls.setScanDelay(0)
})

/** Every percentage each upload's bar has shown, by file name, in order. */
const progressSeen = new Map<string, number[]>()

/** Every status a stored file's link has shown, by remote id, in order. */
const statusesSeen = new Map<string, string[]>()

function StoredFile({ id, name }: { id: string; name: string }) {
  const file = useAttachedFile(id)
  const [opened, setOpened] = useState<string>()
  const seen = statusesSeen.get(id) ?? []
  if (seen.at(-1) !== file.status) statusesSeen.set(id, [...seen, file.status])
  return (
    <>
      <a href={file.url} data-status={file.status} aria-label={`Download ${name}`}>
        {name}
      </a>
      <button type="button" onClick={() => void file.getFreshUrl().then(setOpened)}>
        Open {name}
      </button>
      {opened !== undefined && <output aria-label={`Opened ${name}`}>{opened}</output>}
    </>
  )
}

function Row({ id }: { id: string }) {
  const upload = useUpload(id)
  if (!upload) return null
  const seen = progressSeen.get(upload.name) ?? []
  if (seen.at(-1) !== upload.progress) progressSeen.set(upload.name, [...seen, upload.progress])
  return (
    <li data-status={upload.status}>
      <span role="progressbar" aria-label={upload.name} aria-valuenow={upload.progress} />
      {upload.status === 'succeeded' && upload.remoteId !== undefined && (
        <StoredFile id={upload.remoteId} name={upload.name} />
      )}
    </li>
  )
}

function Composer() {
  const { ids, add } = useAttachmentUpload()
  return (
    <>
      <label>
        Attach files
        <input type="file" multiple onChange={(event) => add(event.target.files ?? [])} />
      </label>
      <ul>
        {ids.map((id) => (
          <Row key={id} id={id} />
        ))}
      </ul>
    </>
  )
}

function patterned(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) % 251
  return bytes
}

describe('useAttachedFile in Chromium with the chat adapter and the emulator', () => {
  it('shows each uploaded file as ready, with a URL that downloads the same bytes', async () => {
    // The scanner holds each file for 1.5 s, and the bucket reads 4 MB/s: the bar moves through
    // values short of 100 % (the large file is well beyond loopback's socket buffers).
    await controls.setScanDelay(1_500)
    await controls.setFault('PutObject', { bytesPerSecond: 4 * 1024 * 1024, times: 'Infinity' })
    const connectionToken = await controls.chatConnectionToken()
    const adapter = createParticipantAdapter({ connectionToken, endpoint: emulator })
    renderStrict(<Composer />, { adapter })
    const contents = {
      'scan.pdf': patterned(16 * 1024 * 1024, 7),
      'photo.png': patterned(40 * 1024, 11),
    }
    const files = Object.entries(contents).map(
      ([name, bytes]) =>
        new File([bytes], name, { type: name.endsWith('.pdf') ? 'application/pdf' : 'image/png' }),
    )
    await userEvent.upload(screen.getByLabelText('Attach files'), files)

    for (const [name, bytes] of Object.entries(contents)) {
      const link = () => screen.getByRole('link', { name: `Download ${name}` })
      await expect.poll(() => link().dataset.status, { timeout: 20_000 }).toBe('ready')
      const progress = screen.getByRole('progressbar', { name })
      expect(progress.getAttribute('aria-valuenow')).toBe('100')
      const href = link().getAttribute('href') ?? ''
      expect(new URL(href).origin).toBe(new URL(emulator).origin)
      const response = await fetch(href)
      expect(response.status).toBe(200)
      expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Hex(bytes))
    }
    for (const seen of statusesSeen.values())
      expect(seen).toEqual(['loading', 'processing', 'ready'])
    const bar = progressSeen.get('scan.pdf') ?? []
    expect(bar.filter((percent) => percent > 0 && percent < 100).length).toBeGreaterThan(2)
    expect(bar.at(-1)).toBe(100)
  })

  it('gives a click a fresh URL once the one in the link has aged past its margin', async () => {
    // GetAttachment hands out 5 s URLs: stale after 2.5 s (half their life, as the margin of
    // 60 s is longer than the whole life), and never refreshed in the background.
    await controls.setFault('GetAttachment', { urlTtlSeconds: 5, times: 'Infinity' })
    const connectionToken = await controls.chatConnectionToken()
    const adapter = createParticipantAdapter({ connectionToken, endpoint: emulator })
    renderStrict(<Composer />, { adapter })
    const bytes = patterned(10 * 1024, 3)
    const file = new File([bytes], 'notes.txt', { type: 'text/plain' })
    await userEvent.upload(screen.getByLabelText('Attach files'), file)
    const link = () => screen.getByRole('link', { name: 'Download notes.txt' })
    await expect.poll(() => link().dataset.status, { timeout: 10_000 }).toBe('ready')
    const shown = link().getAttribute('href')

    await new Promise((resolve) => setTimeout(resolve, 3_000))
    // Nothing asked by itself: the link still holds the aged URL.
    expect(link().getAttribute('href')).toBe(shown)
    await userEvent.click(screen.getByRole('button', { name: 'Open notes.txt' }))
    const opened = await screen.findByRole('status', { name: 'Opened notes.txt' })
    const fresh = opened.textContent ?? ''
    expect(fresh).not.toBe(shown)
    expect(link().getAttribute('href')).toBe(fresh)
    const response = await fetch(fresh)
    expect(response.status).toBe(200)
    expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Hex(bytes))
  })
})
