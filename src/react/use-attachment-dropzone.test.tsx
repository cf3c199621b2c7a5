import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { useRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  SharedUploads,
  sharedStatuses,
  slowFolder,
  transferOf,
} from '../../test/attachment-input-helpers.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { useAttachmentDropzone } from './use-attachment-dropzone.js'
import type { UseAttachmentDropzoneOptions } from './use-attachment-dropzone.js'
import { useAttachmentUpload } from './use-attachment-upload.js'

/** A dropzone of the host's own: a drop area with a button, the limits and the rejections. */
function CustomDropzone(
  props: UseAttachmentDropzoneOptions & {
    onRoot?: (element: HTMLElement | null) => void
    onClick?: () => void
    onKeyDown?: () => void
    onDrop?: () => void
  },
) {
  const { onRoot, onClick, onKeyDown, onDrop, ...options } = props
  const zone = useAttachmentDropzone(options)
  return (
    <>
      <section
        {...zone.getRootProps({
          ref: onRoot,
          className: 'my-zone',
          'data-testid': 'zone',
          onClick,
          onKeyDown,
          onDrop,
        })}
        data-dragging={zone.dragging || undefined}
      >
        <input {...zone.getInputProps()} />
        <button {...zone.getButtonProps({ className: 'my-button' })}>Choose files</button>
        <small {...zone.getLimitsProps()} />
        <span data-testid="accept">{zone.accept}</span>
        <ul aria-label="rejected">
          {zone.rejections.map(({ file, reasons }) => (
            <li key={file.name}>{reasons.join(' ')}</li>
          ))}
        </ul>
      </section>
      {/* Outside the area, whose own click would open the picker too. */}
      <button type="button" onClick={zone.open}>
        Open
      </button>
    </>
  )
}

const zone = () => screen.getByTestId('zone')
const button = () => screen.getByRole('button', { name: 'Choose files' })
const picker = (container: HTMLElement) =>
  vi
    .spyOn(container.querySelector('input[type="file"]') as HTMLInputElement, 'click')
    .mockImplementation(() => {})

afterEach(() => vi.restoreAllMocks())

/** A dropzone of the host's own beside the shared uploads, on a fresh upload harness. */
function renderWithUploads() {
  const setup = setupUploads()
  const { container } = renderStrict(
    <>
      <CustomDropzone />
      <SharedUploads />
    </>,
    setup.provider,
  )
  return { ...setup, container }
}

describe('useAttachmentDropzone', () => {
  it('takes a drop on a dropzone of the host’s own, and the file reaches the manager', async () => {
    const setup = renderWithUploads()
    fireEvent.drop(zone(), { dataTransfer: transferOf([fileOf('report.pdf')]) })
    await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual(['report.pdf'])
  })

  it('exposes the files it turned away with their localized reasons', async () => {
    const setup = setupUploads()
    renderStrict(<CustomDropzone />, setup.provider)
    fireEvent.drop(zone(), {
      dataTransfer: transferOf([fileOf('setup.exe', 10, ''), fileOf('notes.txt', 0)]),
    })
    const rejected = screen.getByRole('list', { name: 'rejected' })
    await waitFor(() => expect(within(rejected).getAllByRole('listitem')).toHaveLength(2))
    expect(rejected.textContent).toMatch(/^setup\.exe is not a file type that can be attached/)
    expect(rejected.textContent).toContain('notes.txt is empty')
    expect(setup.fake.calls.start).toHaveLength(0)
  })

  it('leaves the rejections shown after a pick of no file, and adds a file picked again', async () => {
    const { container } = renderWithUploads()
    fireEvent.drop(zone(), { dataTransfer: transferOf([fileOf('b.exe', 1, '')]) })
    const rejected = screen.getByRole('list', { name: 'rejected' })
    await waitFor(() => expect(rejected.textContent).toContain('b.exe'))
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!
    fireEvent.change(input, { target: { files: [] } })
    // A task later, the empty pick has been read through.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
    expect(rejected.textContent).toContain('b.exe')
    const report = fileOf('report.pdf')
    await userEvent.upload(input, report)
    await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded']))
    expect(input.value).toBe('')
    await userEvent.upload(input, report)
    await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded', 'succeeded']))
  })

  it('sends files to the controller it is given, whose rejections it shows', async () => {
    const setup = setupUploads()
    let controller!: ReturnType<typeof useAttachmentUpload>
    function Host() {
      controller = useAttachmentUpload()
      return <CustomDropzone controller={controller} />
    }
    renderStrict(<Host />, setup.provider)
    fireEvent.drop(zone(), { dataTransfer: transferOf([fileOf('a.pdf'), fileOf('b.exe', 1, '')]) })
    await waitFor(() => expect(setup.fake.calls.complete).toHaveLength(1))
    expect(controller.rejections.map(({ file }) => file.name)).toEqual(['b.exe'])
    expect(screen.getByRole('list', { name: 'rejected' }).textContent).toContain('b.exe')
  })

  it('opens the picker from a click on the area, its button and open(), and filters by type', async () => {
    const { container } = renderStrict(<CustomDropzone />, setupUploads().provider)
    const click = picker(container)
    await userEvent.click(button())
    expect(click).toHaveBeenCalledTimes(1)
    button().focus()
    await userEvent.keyboard(' ')
    expect(click).toHaveBeenCalledTimes(2)
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    expect(click).toHaveBeenCalledTimes(3)
    const input = container.querySelector('input[type="file"]') as HTMLInputElement
    expect(input.accept).toBe(screen.getByTestId('accept').textContent)
    expect(input.accept).toContain('.pdf')
    expect(input.hidden).toBe(true)
    expect(input.hasAttribute('style')).toBe(false)
  })

  it('describes its button by the limits in force and puts no tab stop on the area', () => {
    renderStrict(<CustomDropzone />, setupUploads().provider)
    expect(button().className).toBe('my-button')
    expect(button().getAttribute('type')).toBe('button')
    const hint = document.getElementById(button().getAttribute('aria-describedby') ?? '')
    expect(hint?.tagName).toBe('SMALL')
    expect(hint?.textContent).toMatch(/^PDF, Word, images, .*; up to 20 MB each, 35 files$/)
    expect(zone().hasAttribute('tabindex')).toBe(false)
    expect(zone().className).toBe('my-zone')
  })

  it('composes the host’s ref and handlers with its own', async () => {
    const onRoot = vi.fn()
    const onClick = vi.fn()
    const onKeyDown = vi.fn()
    const onDrop = vi.fn()
    const { container } = renderStrict(
      <>
        <CustomDropzone {...{ onRoot, onClick, onKeyDown, onDrop }} />
        <SharedUploads />
      </>,
      setupUploads().provider,
    )
    expect(onRoot).toHaveBeenLastCalledWith(zone())
    // A drop first: while the picker is open, react-dropzone takes no drop.
    fireEvent.drop(zone(), { dataTransfer: transferOf([fileOf('report.pdf')]) })
    await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded']))
    expect(onDrop).toHaveBeenCalledOnce()
    const click = picker(container)
    await userEvent.click(zone())
    expect(onClick).toHaveBeenCalledOnce()
    expect(click).toHaveBeenCalledOnce()
    fireEvent.keyDown(zone(), { key: 'x' })
    expect(onKeyDown).toHaveBeenCalledOnce()
  })

  it('shows files dragged over it in dragging', async () => {
    renderStrict(<CustomDropzone />, setupUploads().provider)
    fireEvent.dragEnter(zone(), { dataTransfer: transferOf([fileOf()]) })
    await waitFor(() => expect(zone().dataset.dragging).toBe('true'))
    fireEvent.dragLeave(zone(), { dataTransfer: transferOf([fileOf()]) })
    await waitFor(() => expect(zone().hasAttribute('data-dragging')).toBe(false))
  })

  it('takes nothing while disabled, and the host’s handlers still run', async () => {
    const onClick = vi.fn()
    const setup = setupUploads()
    const { container } = renderStrict(
      <CustomDropzone disabled onClick={onClick} />,
      setup.provider,
    )
    const click = picker(container)
    expect(button()).toHaveProperty('disabled', true)
    expect(zone().getAttribute('aria-disabled')).toBe('true')
    await userEvent.click(zone())
    expect(onClick).toHaveBeenCalledOnce()
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    fireEvent.drop(zone(), { dataTransfer: transferOf([fileOf('report.pdf')]) })
    fireEvent.paste(zone(), { clipboardData: transferOf([fileOf('shot.png', 10, 'image/png')]) })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(click).not.toHaveBeenCalled()
    expect(setup.fake.calls.start).toHaveLength(0)
  })

  it.each(['drop', 'paste'] as const)(
    'keeps the files of a folder still being read when a %s comes meanwhile',
    async (second) => {
      const setup = renderWithUploads()
      const folder = slowFolder('scans', [fileOf('a.pdf'), fileOf('b.pdf')])
      fireEvent.drop(zone(), { dataTransfer: folder.transfer })
      await waitFor(() => expect(folder.reading).toBe(true))
      const more = transferOf([fileOf('c.pdf')])
      if (second === 'drop') fireEvent.drop(zone(), { dataTransfer: more })
      else fireEvent.paste(zone(), { clipboardData: more })
      await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded']))
      folder.release()
      await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded', 'succeeded', 'succeeded']))
      const started = setup.fake.calls.start.map((call) => call.file.name)
      expect(started.sort()).toEqual(['a.pdf', 'b.pdf', 'c.pdf'])
    },
  )

  it('takes files pasted into its pasteTarget', async () => {
    const setup = setupUploads()
    function Composer() {
      const composer = useRef<HTMLDivElement>(null)
      return (
        <div ref={composer}>
          <textarea aria-label="message" />
          <CustomDropzone pasteTarget={composer} />
        </div>
      )
    }
    renderStrict(
      <>
        <Composer />
        <SharedUploads />
      </>,
      setup.provider,
    )
    const text = screen.getByRole('textbox', { name: 'message' })
    fireEvent.paste(text, { clipboardData: transferOf([fileOf('shot.png', 10, 'image/png')]) })
    await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual(['shot.png'])
  })
})
