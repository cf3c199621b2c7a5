// styles.css on a host page that knows nothing of dark mode, in real Chromium: the system asks
// for dark, the host stays white. Components that follow the system's theme must then bring
// their own background, or their light text lands on the host's white (1.2:1).
import { act, cleanup, screen } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeAdapter } from './fake-adapter.js'
import { emulateMedia, libraryStyles } from './library-styles.js'
import { createFakeTransport } from './fake-transport.js'
import { axeViolations } from './axe.js'
import { renderStrict } from './render.js'
import { AttachmentButton } from '../src/react/attachment-button.js'
import { AttachmentLink } from '../src/react/attachment-link.js'
import { UploadList } from '../src/react/upload-list.js'
import { useAttachmentUpload } from '../src/react/use-attachment-upload.js'
import type { AttachmentUploadController } from '../src/react/use-attachment-upload.js'
import { wholeText } from './whole-text.js'

const colorScheme = (value: string) => emulateMedia('prefers-color-scheme', value)

let style: HTMLStyleElement
beforeAll(async () => {
  style = document.head.appendChild(document.createElement('style'))
  style.textContent = libraryStyles
  // The host page: white, black text, no data-theme and no dark styles of its own.
  document.body.style.background = '#ffffff'
  document.body.style.color = '#000000'
  await colorScheme('dark')
})

afterAll(async () => {
  cleanup()
  style.remove()
  document.body.removeAttribute('style')
  await colorScheme('')
})

let controller!: AttachmentUploadController
function Composer() {
  controller = useAttachmentUpload()
  return (
    <>
      <AttachmentButton controller={controller} />
      <UploadList controller={controller} />
      <AttachmentLink fileId="scan" name="scan.pdf" />
    </>
  )
}

describe('styles.css in the system dark theme on a white host page', () => {
  it('keeps every text of the components readable (axe color-contrast)', async () => {
    expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(true)
    const fake = createFakeAdapter()
    fake.scriptFile('scan', 'processing')
    const { transport } = createFakeTransport()
    const { container } = renderStrict(<Composer />, {
      adapter: fake.adapter,
      uploadOptions: { transport },
    })
    act(() => void controller.add([new File(['x'], 'notes.pdf')]))
    await screen.findByText(wholeText('1 of 1 file uploaded'))
    await screen.findByText('Checking for viruses…')
    expect(await axeViolations(container, { contrast: true })).toEqual([])
  })
})
