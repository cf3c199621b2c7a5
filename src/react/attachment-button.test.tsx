import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { useRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { SharedUploads, sharedStatuses, transferOf } from '../../test/attachment-input-helpers.js'
import { expectNoAxeViolations } from '../../test/axe.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachmentButton } from './attachment-button.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { messagesDe } from './messages-de.js'
import { useAttachmentUpload } from './use-attachment-upload.js'

const button = () => screen.getByRole('button', { name: 'Attach a file' })
const fileInput = (container: HTMLElement) =>
  container.querySelector('input[type="file"]') as HTMLInputElement

describe('AttachmentButton', () => {
  it('opens the picker and uploads the chosen file exactly once', async () => {
    const user = userEvent.setup()
    const setup = setupUploads()
    const { container } = renderStrict(
      <>
        <AttachmentButton />
        <SharedUploads />
      </>,
      setup.provider,
    )
    const input = fileInput(container)
    const click = vi.spyOn(input, 'click').mockImplementation(() => {})
    await user.click(button())
    expect(click).toHaveBeenCalledTimes(1)
    click.mockRestore()
    await user.upload(input, fileOf('invoice.pdf'))
    await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual(['invoice.pdf'])
    expect(setup.fake.calls.complete).toHaveLength(1)
    expect(input.value).toBe('')
  })

  it('lists a rejected file with its localized reason and never sends it', async () => {
    const user = userEvent.setup({ applyAccept: false })
    const setup = setupUploads({ messages: messagesDe, locale: 'de-DE' })
    const { container } = renderStrict(<AttachmentButton />, setup.provider)
    await user.upload(fileInput(container), fileOf('empty.pdf', 0))
    const alert = screen.getByRole('alert')
    await waitFor(() => expect(alert.textContent).toContain('empty.pdf ist leer.'))
    expect(setup.fake.calls.start).toHaveLength(0)
    await user.click(within(alert).getByRole('button', { name: 'Schließen' }))
    expect(alert.textContent).toBe('')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Datei anhängen' }))
  })

  it('adds to the controller it is given, which a dropzone shares', async () => {
    const user = userEvent.setup({ applyAccept: false })
    let rejected = 0
    function Composer() {
      const controller = useAttachmentUpload()
      rejected = controller.rejections.length
      return (
        <>
          <AttachmentButton controller={controller} showRejections={false} />
          <AttachmentDropzone controller={controller} />
        </>
      )
    }
    const setup = setupUploads()
    const { container } = renderStrict(<Composer />, setup.provider)
    await user.upload(fileInput(container), fileOf('tool.exe', 10, ''))
    await waitFor(() => expect(rejected).toBe(1))
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(screen.getByRole('alert').textContent).toContain('tool.exe is not a file type')
  })

  it("is named by content of the host's own, so that it is called what it shows", () => {
    renderStrict(<AttachmentButton>Add files</AttachmentButton>, setupUploads().provider)
    const custom = screen.getByRole('button', { name: 'Add files' })
    expect(custom.hasAttribute('aria-label')).toBe(false)
    expect(custom.getAttribute('title')).toBe('Attach a file')
  })

  it('asks for the camera with capture, and is described by the rules', () => {
    const { container } = renderStrict(
      <AttachmentButton capture="environment" />,
      setupUploads().provider,
    )
    expect(fileInput(container).getAttribute('capture')).toBe('environment')
    expect(fileInput(container).multiple).toBe(true)
    const hint = document.getElementById(button().getAttribute('aria-describedby') ?? '')
    expect(hint?.textContent).toMatch(/; up to 20 MB each, 35 files$/)
    expect(button().querySelector('svg')?.getAttribute('aria-hidden')).toBe('true')
  })

  it('takes files pasted into its pasteTarget, and none while disabled', async () => {
    function Composer({ disabled }: { disabled: boolean }) {
      const composer = useRef<HTMLTextAreaElement>(null)
      return (
        <>
          <textarea ref={composer} aria-label="message" />
          <AttachmentButton pasteTarget={composer} disabled={disabled} />
          <SharedUploads />
        </>
      )
    }
    const setup = setupUploads()
    const { container, rerender } = renderStrict(<Composer disabled />, setup.provider)
    const text = screen.getByRole('textbox', { name: 'message' })
    expect(button()).toHaveProperty('disabled', true)
    expect(container.querySelector('.ca-attachment-button')?.getAttribute('data-disabled')).toBe(
      'true',
    )
    fireEvent.paste(text, { clipboardData: transferOf([fileOf('early.png', 10, 'image/png')]) })
    rerender(<Composer disabled={false} />)
    fireEvent.paste(text, { clipboardData: transferOf([fileOf('shot.png', 10, 'image/png')]) })
    await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual(['shot.png'])
  })

  it('leaves drops elsewhere on the page alone, where a dropzone cancels them', () => {
    const { rerender } = renderStrict(<AttachmentButton />, setupUploads().provider)
    const dropOnPage = () =>
      fireEvent.drop(document.body, { dataTransfer: transferOf([fileOf('a.pdf')]) })
    // fireEvent returns false when a listener cancelled the event.
    expect(dropOnPage()).toBe(true)
    rerender(
      <>
        <AttachmentButton />
        <AttachmentDropzone />
      </>,
    )
    expect(dropOnPage()).toBe(false)
  })

  it.each([
    ['light', {}],
    ['dark', { 'data-theme': 'dark' }],
    ['right-to-left', { dir: 'rtl' }],
  ])('has no axe violation idle, rejecting or disabled (%s)', async (_, wrapper) => {
    const user = userEvent.setup({ applyAccept: false })
    const { container } = renderStrict(
      <div {...wrapper}>
        <AttachmentButton />
        <AttachmentButton disabled />
      </div>,
      setupUploads().provider,
    )
    await expectNoAxeViolations(container)
    await user.upload(fileInput(container), [fileOf('a.exe', 1, ''), fileOf('b.pdf', 0)])
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))
    await expectNoAxeViolations(container)
  })
})
