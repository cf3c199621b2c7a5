// Every exported component is composable the way a DOM element is: a ref reaches its root
// element, and the host's DOM props (id, style, data-*, aria-*, class names, event handlers)
// land there, while the component's own behaviour goes on working.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import type { CSSProperties, KeyboardEventHandler, MouseEventHandler, ReactElement } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SharedUploads, sharedStatuses, transferOf } from '../../test/attachment-input-helpers.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachedFileCard } from './attached-file-card.js'
import { AttachmentButton } from './attachment-button.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { AttachmentLink } from './attachment-link.js'
import { AttachmentMessage } from './attachment-message.js'
import { UploadList } from './upload-list.js'
import { UploadProgress } from './upload-progress.js'
import { useAttachmentUpload } from './use-attachment-upload.js'

/** What a host puts on a component's root. */
interface HostProps {
  ref: (element: HTMLElement | null) => void
  id?: string
  style: CSSProperties
  'data-testid': string
  'aria-label': string
  className: string
  onClick: MouseEventHandler<HTMLElement>
  onKeyDown: KeyboardEventHandler<HTMLElement>
}

/**
 * An UploadProgress needs an upload to show: the bar of the first file the host adds. The ref
 * comes as `barRef`, as React 18 gives a function component no `ref` prop.
 */
function FirstBar({
  barRef,
  ...props
}: Omit<HostProps, 'id' | 'ref'> & { barRef?: HostProps['ref'] }) {
  const controller = useAttachmentUpload()
  const [first] = controller.ids
  return (
    <>
      <button type="button" onClick={() => controller.add([fileOf('report.pdf')])}>
        add
      </button>
      {first !== undefined && <UploadProgress {...props} ref={barRef} id={first} />}
    </>
  )
}

const fileOptions = { now: () => Date.now() }
const attachment = {
  id: 'a',
  name: 'photo.png',
  contentType: 'image/png',
  status: 'approved',
} as const

/** Each component, its block class, and how to render it with the host's props on it. */
const components: [string, { displayName?: string }, string, (host: HostProps) => ReactElement][] =
  [
    [
      'AttachmentDropzone',
      AttachmentDropzone,
      'attachment-dropzone',
      (host) => <AttachmentDropzone {...host} />,
    ],
    [
      'AttachmentButton',
      AttachmentButton,
      'attachment-button',
      (host) => <AttachmentButton {...host} />,
    ],
    ['UploadList', UploadList, 'upload-list', (host) => <UploadList {...host} />],
    // Its `id` is the upload's: the component's own meaning of a prop wins over the DOM's.
    [
      'UploadProgress',
      UploadProgress,
      'upload-progress',
      ({ id: _, ref, ...host }) => <FirstBar {...host} barRef={ref} />,
    ],
    [
      'AttachmentLink',
      AttachmentLink,
      'attachment-link',
      (host) => <AttachmentLink {...host} fileId="a" name="report.pdf" fileOptions={fileOptions} />,
    ],
    [
      'AttachedFileCard',
      AttachedFileCard,
      'attached-file-card',
      (host) => (
        <AttachedFileCard {...host} fileId="a" name="report.pdf" fileOptions={fileOptions} />
      ),
    ],
    [
      'AttachmentMessage',
      AttachmentMessage,
      'attachment-message',
      (host) => <AttachmentMessage {...host} attachment={attachment} fileOptions={fileOptions} />,
    ],
  ]

afterEach(() => vi.restoreAllMocks())

describe('component roots', () => {
  it.each(components)(
    '%s forwards its ref and puts the host’s DOM props on its root',
    async (name, component, block, render) => {
      expect(component.displayName).toBe(name)
      const refs: (HTMLElement | null)[] = []
      const onClick = vi.fn()
      const onKeyDown = vi.fn()
      const host: HostProps = {
        ref: (element) => void refs.push(element),
        id: 'host-id',
        style: { marginTop: '3px' },
        'data-testid': 'host',
        'aria-label': 'Host label',
        className: 'host',
        onClick,
        onKeyDown,
      }
      const setup = setupUploads()
      setup.fake.scriptFile('a', 'approved')
      renderStrict(render(host), setup.provider)
      const add = screen.queryByRole('button', { name: 'add' })
      if (add) fireEvent.click(add)
      const root = await screen.findByTestId('host')
      expect(refs.at(-1)).toBe(root)
      expect(root.classList.contains('ca')).toBe(true)
      expect(root.classList.contains(`ca-${block}`)).toBe(true)
      expect(root.classList.contains('host')).toBe(true)
      if (name !== 'UploadProgress') expect(root.id).toBe('host-id')
      expect(root.style.marginTop).toBe('3px')
      expect(root.getAttribute('aria-label')).toBe('Host label')
      fireEvent.click(root)
      fireEvent.keyDown(root, { key: 'a' })
      expect(onClick).toHaveBeenCalledOnce()
      expect(onKeyDown).toHaveBeenCalledOnce()
    },
  )

  it('AttachmentDropzone still opens the picker and takes drops under the host’s handlers', async () => {
    const onClick = vi.fn()
    const onKeyDown = vi.fn()
    const onDrop = vi.fn()
    const { container } = renderStrict(
      <>
        <AttachmentDropzone onClick={onClick} onKeyDown={onKeyDown} onDrop={onDrop} />
        <SharedUploads />
      </>,
      setupUploads().provider,
    )
    const button = screen.getByRole('button', { name: 'Attach files' })
    // A drop first: while the picker is open, react-dropzone takes no drop.
    fireEvent.drop(button, { dataTransfer: transferOf([fileOf('report.pdf')]) })
    await waitFor(() => expect(sharedStatuses()).toEqual(['succeeded']))
    expect(onDrop).toHaveBeenCalledOnce()
    const input = container.querySelector('input[type="file"]') as HTMLInputElement
    const picker = vi.spyOn(input, 'click').mockImplementation(() => {})
    await userEvent.click(button)
    expect(picker).toHaveBeenCalledTimes(1)
    expect(onClick).toHaveBeenCalled()
    button.focus()
    await userEvent.keyboard('{Enter}')
    expect(picker).toHaveBeenCalledTimes(2)
    expect(onKeyDown).toHaveBeenCalled()
  })

  it('AttachmentButton still opens the picker under the host’s click handler', async () => {
    const onClick = vi.fn()
    const { container } = renderStrict(
      <AttachmentButton onClick={onClick} />,
      setupUploads().provider,
    )
    const input = container.querySelector('input[type="file"]') as HTMLInputElement
    const picker = vi.spyOn(input, 'click').mockImplementation(() => {})
    await userEvent.click(screen.getByRole('button', { name: 'Attach a file' }))
    expect(picker).toHaveBeenCalledOnce()
    expect(onClick).toHaveBeenCalled()
  })

  it('UploadList with a ref keeps focus in the list when a pressed button goes away', async () => {
    const setup = setupUploads({ autoPut: false })
    let list: HTMLElement | null = null
    let controller!: ReturnType<typeof useAttachmentUpload>
    function Host() {
      controller = useAttachmentUpload()
      return <UploadList controller={controller} ref={(element) => void (list = element)} />
    }
    renderStrict(<Host />, setup.provider)
    act(() => void controller.add([fileOf('a.pdf', 10)]))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    screen.getByRole('button', { name: 'Cancel upload of a.pdf' }).focus()
    await userEvent.keyboard('{Enter}')
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove a.pdf'),
    )
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(document.activeElement).toBe(list))
    expect(list!.getAttribute('tabindex')).toBe('-1')
  })

  it('UploadProgress keeps its bar width and role beside the host’s style and label', async () => {
    renderStrict(
      <FirstBar
        style={{ color: 'red' }}
        data-testid="bar"
        aria-label="Report"
        className=""
        onClick={() => {}}
        onKeyDown={() => {}}
      />,
      setupUploads().provider,
    )
    fireEvent.click(screen.getByRole('button', { name: 'add' }))
    const bar = await screen.findByRole('progressbar', { name: 'Report' })
    await waitFor(() => expect(bar.style.getPropertyValue('--ca-progress')).toBe('100%'))
    expect(bar.style.color).toBe('red')
  })

  it('AttachmentLink and AttachmentMessage still link the file under the host’s click handler', async () => {
    const fake = createFakeAdapter()
    fake.scriptFile('a', 'approved')
    const onClick = vi.fn()
    renderStrict(
      <>
        <AttachmentLink fileId="a" name="report.pdf" onClick={onClick} />
        <AttachmentMessage attachment={attachment} data-testid="message" />
      </>,
      { adapter: fake.adapter },
    )
    const link = await screen.findByRole('link', { name: 'Download report.pdf' })
    expect(link.getAttribute('href')).toMatch(/^https:\/\/files\.fake\.test\/a\?/)
    const follow = vi.fn((event: MouseEvent) => event.preventDefault())
    document.addEventListener('click', follow)
    try {
      fireEvent.click(link)
    } finally {
      document.removeEventListener('click', follow)
    }
    expect(onClick).toHaveBeenCalledOnce()
    expect(follow).toHaveBeenCalledOnce()
    const message = screen.getByTestId('message')
    expect(await within(message).findByRole('link', { name: 'Download photo.png' })).toBeTruthy()
  })

  it('AttachedFileCard’s ref follows its root to the notice once the file is deleted', async () => {
    const fake = createFakeAdapter()
    fake.scriptFile('a', 'approved')
    let root: HTMLElement | null = null
    renderStrict(
      <AttachedFileCard fileId="a" name="report.pdf" ref={(element) => void (root = element)} />,
      { adapter: { ...fake.adapter, deleteFile: async () => {} } },
    )
    expect(root).toBe(screen.getByRole('article'))
    await userEvent.click(await screen.findByRole('button', { name: 'Delete report.pdf' }))
    const question = screen.getByRole('group', { name: /^Delete report\.pdf\?/ })
    await userEvent.click(within(question).getByRole('button', { name: 'Delete' }))
    // The notice is focused (and read once), not a live region.
    const notice = await waitFor(() => {
      const focused = document.activeElement
      if (!(focused instanceof HTMLParagraphElement)) throw new Error('no notice yet')
      return focused
    })
    await act(async () => {})
    expect(root).toBe(notice.parentElement)
    expect(root!.dataset.status).toBe('deleted')
  })
})
