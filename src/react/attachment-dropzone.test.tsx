import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { useRef } from 'react'
import type { ReactElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { createUploadManager } from '../core/upload-manager.js'
import { SharedUploads, sharedStatuses, transferOf } from '../../test/attachment-input-helpers.js'
import { expectNoAxeViolations } from '../../test/axe.js'
import { createFakeFrames, createFakeOnline } from '../../test/fake-online.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { messagesDe } from './messages-de.js'

const target = () => screen.getByRole('button', { name: 'Attach files' })
/** The drop area around the button, with the prompt and the limits. */
const area = () => target().closest('.ca-attachment-dropzone__target')!
const root = (container: HTMLElement) => container.querySelector('.ca-attachment-dropzone')!
const statuses = sharedStatuses

function renderDropzone(ui: ReactElement, setup = setupUploads()) {
  return { ...renderStrict(ui, setup.provider), setup }
}

describe('AttachmentDropzone', () => {
  it('uploads a dropped file through the adapter exactly once', async () => {
    const { setup } = renderDropzone(
      <>
        <AttachmentDropzone />
        <SharedUploads />
      </>,
    )
    fireEvent.drop(target(), { dataTransfer: transferOf([fileOf('report.pdf')]) })
    await waitFor(() => expect(statuses()).toEqual(['succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual(['report.pdf'])
    expect(setup.fake.calls.complete).toHaveLength(1)
    expect(setup.transport.puts).toHaveLength(1)
  })

  it('uploads files pasted while it has focus', async () => {
    const { setup } = renderDropzone(
      <>
        <AttachmentDropzone />
        <SharedUploads />
      </>,
    )
    target().focus()
    fireEvent.paste(target(), {
      clipboardData: transferOf([fileOf('screenshot.png', 10, 'image/png')]),
    })
    await waitFor(() => expect(statuses()).toEqual(['succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual(['screenshot.png'])
  })

  it('takes files pasted into its pasteTarget, and leaves a paste with text alone', async () => {
    function Composer() {
      const composer = useRef<HTMLDivElement>(null)
      return (
        <div ref={composer}>
          <textarea aria-label="message" />
          <AttachmentDropzone pasteTarget={composer} />
        </div>
      )
    }
    const { setup } = renderDropzone(
      <>
        <Composer />
        <SharedUploads />
      </>,
    )
    const text = screen.getByRole('textbox', { name: 'message' })
    const cells = fileOf('cells.png', 10, 'image/png')
    fireEvent.paste(text, { clipboardData: transferOf([cells], ['text/plain', 'Files']) })
    fireEvent.paste(text, { clipboardData: transferOf([fileOf('shot.png', 10, 'image/png')]) })
    await waitFor(() => expect(statuses()).toEqual(['succeeded']))
    // A paste on the dropzone inside the composer is taken once, not by both handlers.
    fireEvent.paste(target(), { clipboardData: transferOf([fileOf('photo.png', 10, 'image/png')]) })
    await waitFor(() => expect(statuses()).toEqual(['succeeded', 'succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual(['shot.png', 'photo.png'])
  })

  it('adds to the manager it is given, all files of a drop in one call', async () => {
    const setup = setupUploads()
    const manager = createUploadManager({
      adapter: setup.fake.adapter,
      transport: setup.transport.transport,
      online: createFakeOnline(),
      scheduleFrame: createFakeFrames().scheduleFrame,
    })
    const add = vi.spyOn(manager, 'add')
    renderDropzone(<AttachmentDropzone manager={manager} />, setup)
    fireEvent.drop(target(), { dataTransfer: transferOf([fileOf('a.pdf'), fileOf('b.pdf')]) })
    await waitFor(() => expect(setup.fake.calls.complete).toHaveLength(2))
    expect(add).toHaveBeenCalledTimes(1)
    expect(Object.values(manager.getSnapshot().byId).map((upload) => upload.status)).toEqual([
      'succeeded',
      'succeeded',
    ])
  })

  it('lists a rejected file with its reason and never sends it', async () => {
    const { setup } = renderDropzone(<AttachmentDropzone />)
    fireEvent.drop(target(), { dataTransfer: transferOf([fileOf('setup.exe', 10, '')]) })
    const alert = await screen.findByRole('alert')
    await waitFor(() => expect(alert.textContent).toContain('1 file could not be attached'))
    expect(within(alert).getByRole('listitem').textContent).toMatch(
      /^setup\.exe is not a file type that can be attached \(\.csv .*\)\.$/,
    )
    expect(setup.fake.calls.start).toHaveLength(0)
    await userEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }))
    expect(alert.textContent).toBe('')
    expect(document.activeElement).toBe(target())
  })

  it('says why in the catalog of the provider', async () => {
    const setup = setupUploads({ messages: messagesDe, locale: 'de-DE' })
    renderDropzone(<AttachmentDropzone />, setup)
    const dropzone = screen.getByRole('button', { name: 'Dateien anhängen' })
    fireEvent.drop(dropzone, { dataTransfer: transferOf([fileOf('setup.exe', 10, '')]) })
    const alert = await screen.findByRole('alert')
    await waitFor(() =>
      expect(alert.textContent).toContain('1 Datei konnte nicht angehängt werden'),
    )
    expect(alert.textContent).toContain('setup.exe hat einen Dateityp, der nicht angehängt werden')
    expect(setup.fake.calls.start).toHaveLength(0)
  })

  it('summarizes 10,000 rejected files in a few nodes', async () => {
    const { container, setup } = renderDropzone(<AttachmentDropzone />)
    const files = Array.from({ length: 10_000 }, (_, i) => fileOf(`file-${i}.exe`, 1, ''))
    fireEvent.drop(target(), { dataTransfer: transferOf(files) })
    const alert = await screen.findByRole('alert')
    await waitFor(() => expect(alert.textContent).toContain('and 9,995 more'))
    expect(alert.textContent).toContain('10,000 files could not be attached')
    expect(within(alert).getAllByRole('listitem')).toHaveLength(5)
    expect(container.querySelectorAll('*').length).toBeLessThan(40)
    expect(setup.fake.calls.start).toHaveLength(0)
  })

  it('opens the picker on click, Enter and Space', async () => {
    const user = userEvent.setup()
    const { container } = renderDropzone(<AttachmentDropzone />)
    const input = container.querySelector('input[type="file"]') as HTMLInputElement
    const click = vi.spyOn(input, 'click').mockImplementation(() => {})
    await user.tab()
    expect(document.activeElement).toBe(target())
    await user.keyboard('{Enter}')
    await user.keyboard(' ')
    expect(click).toHaveBeenCalledTimes(2)
    await user.click(target())
    expect(click).toHaveBeenCalledTimes(3)
    expect(input.getAttribute('accept')).toContain('.pdf')
  })

  it('is a button named by its label alone and described by the rules in force', () => {
    const { provider } = setupUploads()
    const adapter = { ...provider.adapter, limits: { maxFileSize: 100 * 1024 * 1024 } }
    renderStrict(<AttachmentDropzone />, { ...provider, adapter })
    const button = target()
    expect(button.tabIndex).toBe(0)
    const hint = document.getElementById(button.getAttribute('aria-describedby') ?? '')
    expect(hint?.textContent).toMatch(/^PDF, Word, images, .*; up to 100 MB each, 35 files$/)
    expect(hint?.hidden).toBe(false)
    // What the button shows is what it is called (WCAG 2.5.3); the prompt is beside it.
    expect(button.textContent).toBe('Attach files')
    expect(area().textContent).toContain('Drop files here, or click to choose')
  })

  it('shows files dragged over it in data-dragging', async () => {
    const { container } = renderDropzone(<AttachmentDropzone />)
    fireEvent.dragEnter(target(), { dataTransfer: transferOf([fileOf()]) })
    await waitFor(() => expect(root(container).getAttribute('data-dragging')).toBe('true'))
    expect(area().textContent).toContain('Drop to attach')
    fireEvent.dragLeave(target(), { dataTransfer: transferOf([fileOf()]) })
    await waitFor(() => expect(root(container).hasAttribute('data-dragging')).toBe(false))
  })

  it('takes nothing while disabled', async () => {
    const { container, setup } = renderDropzone(<AttachmentDropzone disabled />)
    const button = target()
    expect(button).toHaveProperty('disabled', true)
    expect(area().getAttribute('aria-disabled')).toBe('true')
    expect(button.hasAttribute('tabindex')).toBe(false)
    expect(root(container).getAttribute('data-disabled')).toBe('true')
    const input = container.querySelector('input[type="file"]') as HTMLInputElement
    const click = vi.spyOn(input, 'click').mockImplementation(() => {})
    await userEvent.click(button)
    fireEvent.drop(button, { dataTransfer: transferOf([fileOf('setup.exe', 10, '')]) })
    fireEvent.paste(button, { clipboardData: transferOf([fileOf()]) })
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)))
    expect(click).not.toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toBe('')
    expect(setup.fake.calls.start).toHaveLength(0)
  })

  it('puts the class names it is given on its parts', () => {
    const { container } = renderDropzone(
      <AttachmentDropzone className="mine" classNames={{ target: 'drop', limits: 'small' }}>
        {({ dragging }) => <span data-testid="custom">{String(dragging)}</span>}
      </AttachmentDropzone>,
    )
    expect(root(container).className).toBe('ca ca-attachment-dropzone mine')
    expect(area().className).toBe('ca-attachment-dropzone__target drop')
    expect(container.querySelector('.ca-attachment-dropzone__limits.small')).not.toBeNull()
    expect(screen.getByTestId('custom').textContent).toBe('false')
    expect(container.querySelector('[style]')).toBeNull()
  })
})

describe('AttachmentDropzone accessibility', () => {
  it.each([
    ['light', {}],
    ['dark', { 'data-theme': 'dark' }],
    ['right-to-left', { dir: 'rtl' }],
  ])('has no axe violation when idle, dragging, rejecting or disabled (%s)', async (_, wrapper) => {
    const { container } = renderDropzone(
      <div {...wrapper}>
        <AttachmentDropzone />
        <AttachmentDropzone disabled />
      </div>,
    )
    await expectNoAxeViolations(container)
    const [first] = screen.getAllByRole('button', { name: 'Attach files' })
    fireEvent.dragEnter(first!, { dataTransfer: transferOf([fileOf()]) })
    await waitFor(() => expect(container.querySelector('[data-dragging]')).not.toBeNull())
    await expectNoAxeViolations(container)
    fireEvent.drop(first!, {
      dataTransfer: transferOf([fileOf('a.exe', 1, ''), fileOf('b.pdf', 0)]),
    })
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))
    await expectNoAxeViolations(container)
  })
})
