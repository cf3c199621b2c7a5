// Who owns uploads: one manager per conversation, kept by the upload client, never by a render;
// what React really does to a host app (transitions, <Activity>, remounts, new adapters) loses
// nothing and throws nothing.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import * as React from 'react'
import { StrictMode, startTransition } from 'react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createUploadClient } from '../core/upload-client.js'
import type { UploadClient } from '../core/upload-client.js'
import type { AttachmentAdapter } from '../core/types.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { transferOf } from '../../test/attachment-input-helpers.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { createTestQueryClient, renderBeforePaint, renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { AttachmentButton } from './attachment-button.js'
import { AttachmentsProvider, useAttachmentsContext } from './attachments-provider.js'
import { useAttachmentUpload } from './use-attachment-upload.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'
import { useUpload } from './use-upload.js'

afterEach(() => vi.useRealTimers())

function Row({ id }: { id: string }) {
  const upload = useUpload(id)
  return <li aria-label={upload?.name} data-status={upload?.status} />
}

function Uploads({ expose }: { expose?: (controller: AttachmentUploadController) => void }) {
  const controller = useAttachmentUpload()
  expose?.(controller)
  return (
    <ul aria-label="uploads">
      {controller.ids.map((id) => (
        <Row key={id} id={id} />
      ))}
    </ul>
  )
}

const rows = () =>
  Array.from(screen.getByRole('list', { name: 'uploads' }).children, (row) => [
    row.getAttribute('aria-label'),
    row.getAttribute('data-status'),
  ])

/** A chat's adapter: its own fake (its own calls), under the conversation's key. */
const chat = (key: string) => {
  const fake = createFakeAdapter()
  return { fake, adapter: { ...fake.adapter, key } as AttachmentAdapter }
}

/** A pane: a provider whose adapter and children the test changes, in StrictMode. */
function renderPane(setup: ReturnType<typeof setupUploads>, client: UploadClient) {
  const queryClient = createTestQueryClient()
  const pane = (adapter: AttachmentAdapter, children: ReactNode) => (
    <StrictMode>
      <AttachmentsProvider
        adapter={adapter}
        client={client}
        queryClient={queryClient}
        uploadOptions={setup.provider.uploadOptions}
      >
        {children}
      </AttachmentsProvider>
    </StrictMode>
  )
  return pane
}

describe('AttachmentsProvider ownership', () => {
  it('keeps the first chat uploading into its own session while the pane shows another, and shows its row again on return', async () => {
    const setup = setupUploads({ autoPut: false })
    const client = createUploadClient()
    const pane = renderPane(setup, client)
    const one = chat('contact-1')
    const two = chat('contact-2')
    let controller!: AttachmentUploadController
    const view = render(pane(one.adapter, <Uploads expose={(c) => (controller = c)} />))
    act(() => void controller.add([fileOf('report.pdf', 5 * 1024 * 1024)]))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))

    view.rerender(pane(two.adapter, <Uploads expose={(c) => (controller = c)} />))
    expect(rows()).toEqual([])
    expect(setup.transport.last().aborted).toBe(false)
    act(() => setup.transport.last().succeed())
    await waitFor(() => expect(one.fake.calls.complete).toHaveLength(1))
    // Every request of the first chat went through the first chat's adapter (its token).
    expect(one.fake.calls.start).toHaveLength(1)
    expect(two.fake.calls.start).toHaveLength(0)
    expect(two.fake.calls.complete).toHaveLength(0)

    view.rerender(pane(one.adapter, <Uploads expose={(c) => (controller = c)} />))
    expect(rows()).toEqual([['report.pdf', 'succeeded']])
  })

  it('hands a new adapter object with the same key to the same list, and its next call uses it', async () => {
    const setup = setupUploads({ autoPut: false })
    const pane = renderPane(setup, createUploadClient())
    const first = chat('contact-1')
    const refreshed = chat('contact-1')
    let controller!: AttachmentUploadController
    const view = render(pane(first.adapter, <Uploads expose={(c) => (controller = c)} />))
    act(() => void controller.add([fileOf('a.pdf')]))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    const manager = controller.manager

    view.rerender(pane(refreshed.adapter, <Uploads expose={(c) => (controller = c)} />))
    expect(controller.manager).toBe(manager)
    expect(rows()).toEqual([['a.pdf', 'uploading']])
    act(() => setup.transport.last().succeed())
    await waitFor(() => expect(rows()).toEqual([['a.pdf', 'succeeded']]))
    expect(first.fake.calls.complete).toHaveLength(0)
    expect(refreshed.fake.calls.complete).toHaveLength(1)
  })

  it('finds the uploads again when the provider itself remounts', async () => {
    const setup = setupUploads()
    const client = createUploadClient()
    const pane = renderPane(setup, client)
    let controller!: AttachmentUploadController
    const view = render(pane(setup.fake.adapter, <Uploads expose={(c) => (controller = c)} />))
    act(() => void controller.add([fileOf('a.pdf')]))
    await waitFor(() => expect(rows()).toEqual([['a.pdf', 'succeeded']]))
    view.unmount()
    render(pane(setup.fake.adapter, <Uploads />))
    expect(rows()).toEqual([['a.pdf', 'succeeded']])
  })

  it('drops a conversation only after gcTime unobserved and idle, never while an upload runs', async () => {
    vi.useFakeTimers()
    const setup = setupUploads({ autoPut: false })
    const client = createUploadClient({ gcTime: 60_000 })
    const pane = renderPane(setup, client)
    let controller!: AttachmentUploadController
    const view = render(pane(setup.fake.adapter, <Uploads expose={(c) => (controller = c)} />))
    act(() => void controller.add([fileOf('a.pdf')]))
    await act(() => vi.advanceTimersByTimeAsync(10))
    const manager = controller.manager
    view.unmount()
    await act(() => vi.advanceTimersByTimeAsync(120_000))
    expect(manager.isDisposed()).toBe(false)
    act(() => setup.transport.last().succeed())
    await act(() => vi.advanceTimersByTimeAsync(59_000))
    expect(manager.isDisposed()).toBe(false)
    expect(manager.getSnapshot().byId[controller.ids[0]!]?.status).toBe('succeeded')
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(manager.isDisposed()).toBe(true)
    render(pane(setup.fake.adapter, <Uploads expose={(c) => (controller = c)} />))
    expect(controller.manager).not.toBe(manager)
    expect(rows()).toEqual([])
  })

  it('looks the manager up again when it was collected between its render and the commit', async () => {
    const setup = setupUploads()
    let controller!: AttachmentUploadController
    let collected = false
    // Rendered after the list: the conversation's manager, which the list has just looked up,
    // is collected before the commit, once (as its gcTime would end in a render that yields).
    function Collect() {
      const manager = useAttachmentsContext().sharedManager()
      if (!collected) manager.dispose()
      collected = true
      return null
    }
    // Outside StrictMode, whose second render would look the manager up again by itself.
    render(
      <AttachmentsProvider
        adapter={setup.fake.adapter}
        client={createUploadClient()}
        queryClient={createTestQueryClient()}
        uploadOptions={setup.provider.uploadOptions}
      >
        <Uploads expose={(c) => (controller = c)} />
        <Collect />
      </AttachmentsProvider>,
    )
    expect(collected).toBe(true)
    expect(controller.manager.isDisposed()).toBe(false)
    act(() => void controller.add([fileOf('a.pdf')]))
    await waitFor(() => expect(rows()).toEqual([['a.pdf', 'succeeded']]))
  })

  it('commits a transition whose render spans a timer without a disposed manager', async () => {
    const setup = setupUploads()
    const pane = renderPane(setup, createUploadClient())
    let controller!: AttachmentUploadController
    const view = render(pane(setup.fake.adapter, <Uploads expose={(c) => (controller = c)} />))
    act(() => void controller.add([fileOf('a.pdf')]))
    await waitFor(() => expect(rows()).toEqual([['a.pdf', 'succeeded']]))
    view.rerender(pane(setup.fake.adapter, null))
    // A slow render (many busy components) yields to the event loop between its slices, so
    // timers armed by the unmount above fire before it commits.
    const Slow = () => {
      const end = performance.now() + 2
      while (performance.now() < end);
      return null
    }
    const errors = vi.spyOn(console, 'error')
    await act(async () => {
      startTransition(() =>
        view.rerender(
          pane(
            setup.fake.adapter,
            <>
              {Array.from({ length: 30 }, (_, i) => (
                <Slow key={i} />
              ))}
              <Uploads expose={(c) => (controller = c)} />
            </>,
          ),
        ),
      )
      await new Promise((resolve) => setTimeout(resolve, 100))
    })
    expect(rows()).toEqual([['a.pdf', 'succeeded']])
    expect(controller.manager.isDisposed()).toBe(false)
    expect(errors).not.toHaveBeenCalled()
  })

  // <Activity> is React 19's: hiding runs the effects' cleanup, showing runs them again.
  const Activity = (
    React as { Activity?: React.ComponentType<{ mode: string; children: ReactNode }> }
  ).Activity
  it.skipIf(Activity === undefined)(
    'keeps an upload that ends while its <Activity> is hidden',
    async () => {
      const Hideable = Activity!
      const setup = setupUploads({ autoPut: false })
      const pane = renderPane(setup, createUploadClient())
      let controller!: AttachmentUploadController
      const tree = (mode: string) =>
        pane(
          setup.fake.adapter,
          <Hideable mode={mode}>
            <Uploads expose={(c) => (controller = c)} />
          </Hideable>,
        )
      const view = render(tree('visible'))
      act(() => void controller.add([fileOf('a.pdf')]))
      await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
      view.rerender(tree('hidden'))
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
      act(() => setup.transport.last().succeed())
      await waitFor(() => expect(setup.fake.calls.complete).toHaveLength(1))
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
      view.rerender(tree('visible'))
      expect(rows()).toEqual([['a.pdf', 'succeeded']])
    },
  )
})

describe('useAttachmentUpload options in render', () => {
  it('shows the rules of the first render and checks files picked before its effects ran', async () => {
    const setup = setupUploads()
    const rules = { maxFileSize: 5 * 1024 * 1024, allowedExtensions: ['.pdf'] }
    let controller!: AttachmentUploadController
    function Picker() {
      controller = useAttachmentUpload({ rules })
      return <p>{controller.rules.allowedExtensions.join(',')}</p>
    }
    const { firstPaint, unmount } = await renderBeforePaint(<Picker />, setup.provider)
    // Painted, and picked from, before the effects that used to hand the rules to the manager.
    expect(firstPaint).toBe('.pdf')
    const ids = controller.add([
      fileOf('big.pdf', 6 * 1024 * 1024),
      fileOf('notes.txt', 10, 'text/plain'),
    ])
    expect(ids).toEqual([])
    expect(controller.manager.getSnapshot().ids).toEqual([])
    await act(() => Promise.resolve())
    expect(setup.fake.calls.start).toHaveLength(0)
    unmount()
  })

  it('re-runs a changed select of useUpload', async () => {
    const setup = setupUploads()
    let controller!: AttachmentUploadController
    function Probe({ field }: { field: 'name' | 'status' }) {
      controller = useAttachmentUpload()
      const id = controller.ids[0] ?? ''
      const value = useUpload(id, (upload) => (upload ? upload[field] : 'none'))
      return <output>{value}</output>
    }
    const { rerender } = renderStrict(<Probe field="name" />, setup.provider)
    act(() => void controller.add([fileOf('a.pdf')]))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('a.pdf'))
    rerender(<Probe field="status" />)
    expect(screen.getByRole('status').textContent).toBe('succeeded')
  })
})

describe('one rejection alert per manager', () => {
  it('shows the rejections of a drop once, where the files came, when a button and a dropzone share a controller', async () => {
    const setup = setupUploads()
    function Composer() {
      const controller = useAttachmentUpload()
      return (
        <>
          <AttachmentButton controller={controller} />
          <AttachmentDropzone controller={controller} />
        </>
      )
    }
    const { container } = renderStrict(<Composer />, setup.provider)
    const input = container.querySelector<HTMLInputElement>('.ca-attachment-button input')!
    await userEvent.setup({ applyAccept: false }).upload(input, fileOf('tool.exe', 10, ''))
    await waitFor(() =>
      expect(
        screen.getAllByRole('alert').some((alert) => alert.textContent?.includes('tool.exe')),
      ).toBe(true),
    )
    const filled = screen.getAllByRole('alert').filter((alert) => alert.textContent !== '')
    expect(filled).toHaveLength(1)
    expect(filled[0]!.closest('.ca-attachment-button')).not.toBeNull()
  })

  it('shows rejections of files the host added, or that came through a control listing none, in the first control mounted that lists them', async () => {
    const setup = setupUploads()
    let controller!: AttachmentUploadController
    function Composer({ dropzoneLists }: { dropzoneLists: boolean }) {
      controller = useAttachmentUpload()
      return (
        <>
          <AttachmentDropzone controller={controller} showRejections={dropzoneLists} />
          <AttachmentButton controller={controller} />
          <AttachmentButton controller={controller} className="second" />
        </>
      )
    }
    const { container, rerender } = renderStrict(<Composer dropzoneLists />, setup.provider)
    const filled = () => screen.getAllByRole('alert').filter((alert) => alert.textContent !== '')
    act(() => void controller.add([fileOf('tool.exe', 10, '')]))
    await waitFor(() => expect(filled()).toHaveLength(1))
    expect(filled()[0]!.closest('.ca-attachment-dropzone')).not.toBeNull()
    // The dropzone lists none now: a drop on it is shown by the first button, once.
    rerender(<Composer dropzoneLists={false} />)
    const area = container.querySelector('.ca-attachment-dropzone__target')!
    fireEvent.drop(area, { dataTransfer: transferOf([fileOf('setup.exe', 10, '')]) })
    await waitFor(() => expect(filled()[0]?.textContent).toContain('setup.exe'))
    expect(filled()).toHaveLength(1)
    expect(filled()[0]!.closest('.ca-attachment-button:not(.second)')).not.toBeNull()
  })
})
