import { act, screen, waitFor } from '@testing-library/react'
import { Profiler, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { AttachmentError } from '../core/errors.js'
import { createUploadClient } from '../core/upload-client.js'
import { createUploadManager } from '../core/upload-manager.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderBeforePaint, renderHookStrict, renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { messagesDe } from './messages-de.js'
import { useAttachmentUpload } from './use-attachment-upload.js'
import type {
  AttachmentUploadController,
  UseAttachmentUploadOptions,
} from './use-attachment-upload.js'
import { useUpload } from './use-upload.js'

function Row({ id }: { id: string }) {
  const upload = useUpload(id)
  return (
    <li aria-label={upload?.name} data-status={upload?.status}>
      {upload?.progress}
    </li>
  )
}

/** A list of the uploads, with the controller handed to the test. */
function Uploads(props: {
  options?: UseAttachmentUploadOptions
  expose?: (controller: AttachmentUploadController) => void
  label?: string
}) {
  const controller = useAttachmentUpload(props.options)
  props.expose?.(controller)
  return (
    <ul aria-label={props.label ?? 'uploads'}>
      {controller.ids.map((id) => (
        <Row key={id} id={id} />
      ))}
    </ul>
  )
}

const statuses = (label = 'uploads') =>
  Array.from(screen.getByRole('list', { name: label }).children, (row) =>
    row.getAttribute('data-status'),
  )

function renderUploads(
  setup: ReturnType<typeof setupUploads>,
  options?: UseAttachmentUploadOptions,
) {
  let controller!: AttachmentUploadController
  const result = renderStrict(
    <Uploads options={options} expose={(c) => (controller = c)} />,
    setup.provider,
  )
  return { ...result, controller: () => controller }
}

describe('useAttachmentUpload', () => {
  it('uploads each added file exactly once under StrictMode', async () => {
    const setup = setupUploads()
    const { controller } = renderUploads(setup)
    act(() => {
      controller().add([fileOf('a.pdf'), fileOf('b.pdf'), fileOf('c.pdf')])
    })
    await waitFor(() => expect(statuses()).toEqual(['succeeded', 'succeeded', 'succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual([
      'a.pdf',
      'b.pdf',
      'c.pdf',
    ])
    expect(setup.fake.calls.complete).toHaveLength(3)
    expect(setup.transport.puts).toHaveLength(3)
  })

  it('cancels, retries, removes and clears', async () => {
    const setup = setupUploads({ autoPut: false })
    const { controller } = renderUploads(setup)
    let ids: string[] = []
    act(() => {
      ids = controller().add([fileOf('a.pdf'), fileOf('b.pdf'), fileOf('c.pdf')])
    })
    await waitFor(() => expect(setup.transport.puts).toHaveLength(3))
    act(() => controller().cancel(ids[0]!))
    expect(setup.transport.puts[0]?.aborted).toBe(true)
    act(() => setup.transport.puts[1]!.fail(new AttachmentError('signature-mismatch', 'no')))
    await waitFor(() => expect(statuses()).toEqual(['canceled', 'failed', 'uploading']))
    act(() => controller().retry(ids[1]!))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(4))
    act(() => setup.transport.puts[3]!.succeed())
    await waitFor(() => expect(statuses()).toEqual(['canceled', 'succeeded', 'uploading']))
    act(() => controller().remove(ids[0]!))
    expect(statuses()).toEqual(['succeeded', 'uploading'])
    act(() => controller().clear())
    expect(statuses()).toEqual([])
    expect(setup.transport.puts[2]?.aborted).toBe(true)
    expect(setup.fake.calls.complete.map((call) => call.target.id)).toEqual(['attachment-2'])
  })

  it('totals succeeded, failed, canceled and running files truthfully', async () => {
    const setup = setupUploads({ autoPut: false })
    const { controller } = renderUploads(setup)
    let ids: string[] = []
    act(() => {
      ids = controller().add([
        fileOf('a.pdf', 100),
        fileOf('b.pdf', 200),
        fileOf('c.pdf', 300),
        fileOf('d.pdf', 400),
      ])
    })
    await waitFor(() => expect(setup.transport.puts).toHaveLength(3))
    act(() => {
      setup.transport.puts[0]!.succeed()
      setup.transport.puts[1]!.fail(new AttachmentError('signature-mismatch', 'no'))
      controller().cancel(ids[2]!)
    })
    await waitFor(() => expect(setup.transport.puts).toHaveLength(4))
    act(() => {
      setup.transport.puts[3]!.progress(100)
      setup.frames.flush()
    })
    await waitFor(() =>
      expect(statuses()).toEqual(['succeeded', 'failed', 'canceled', 'uploading']),
    )
    const totals = controller().totals
    expect(totals.count).toBe(4)
    expect(totals.byStatus).toMatchObject({ succeeded: 1, failed: 1, canceled: 1, uploading: 1 })
    expect(totals.active).toBe(1)
    // The canceled 300 bytes do not count; the failed 200 keep the fraction below one.
    expect(totals.total).toBe(700)
    expect(totals.loaded).toBe(200)
    expect(totals.percent).toBe(28)
  })

  it('shows a rejected file with a localized reason and never calls the adapter for it', async () => {
    const setup = setupUploads({ messages: messagesDe, locale: 'de-DE' })
    const { controller } = renderUploads(setup)
    act(() => {
      controller().add([fileOf('tool.exe', 10, ''), fileOf('ok.pdf')])
    })
    expect(controller().rejections.map((r) => [r.file.name, r.reasons])).toEqual([
      [
        'tool.exe',
        [expect.stringMatching(/^tool\.exe hat einen Dateityp, der nicht angehängt werden kann/)],
      ],
    ])
    await waitFor(() => expect(statuses()).toEqual(['succeeded']))
    expect(setup.fake.calls.start.map((call) => call.file.name)).toEqual(['ok.pdf'])
    act(() => controller().clearRejections())
    expect(controller().rejections).toEqual([])
  })

  it('passes changed options through to the manager', async () => {
    const setup = setupUploads()
    const first = vi.fn()
    const second = vi.fn()
    const { result, rerender } = renderHookStrict(
      ({ onUploadSucceeded, maxFiles }: { onUploadSucceeded: () => void; maxFiles: number }) =>
        useAttachmentUpload({ onUploadSucceeded, rules: { maxFiles } }),
      { ...setup.provider, initialProps: { onUploadSucceeded: first, maxFiles: 5 } },
    )
    expect(result.current.rules.maxFiles).toBe(5)
    rerender({ onUploadSucceeded: second, maxFiles: 1 })
    expect(result.current.rules.maxFiles).toBe(1)
    act(() => {
      result.current.add([fileOf('a.pdf'), fileOf('b.pdf')])
    })
    expect(result.current.rejections[0]?.reasons).toEqual(['No more than 1 file can be attached.'])
    await waitFor(() => expect(second).toHaveBeenCalledOnce())
    expect(first).not.toHaveBeenCalled()
  })

  it('shows the same uploads in two components that share one manager', async () => {
    const setup = setupUploads()
    const manager = createUploadManager({
      adapter: setup.fake.adapter,
      ...setup.provider.uploadOptions,
    })
    let composer!: AttachmentUploadController
    renderStrict(
      <>
        <Uploads label="composer" options={{ manager }} expose={(c) => (composer = c)} />
        <Uploads label="list" options={{ manager }} />
      </>,
      setup.provider,
    )
    act(() => {
      composer.add([fileOf('a.pdf'), fileOf('b.pdf')])
    })
    await waitFor(() => expect(statuses('list')).toEqual(['succeeded', 'succeeded']))
    expect(statuses('composer')).toEqual(['succeeded', 'succeeded'])
    expect(setup.fake.calls.start).toHaveLength(2)
  })

  it("keeps a host's callbacks when another component uses the same manager without any", async () => {
    const setup = setupUploads()
    const onUploadSucceeded = vi.fn()
    let composer!: AttachmentUploadController
    renderStrict(
      <>
        <Uploads label="composer" options={{ onUploadSucceeded }} expose={(c) => (composer = c)} />
        <Uploads label="list" />
      </>,
      setup.provider,
    )
    act(() => {
      composer.add([fileOf('a.pdf')])
    })
    await waitFor(() => expect(statuses('list')).toEqual(['succeeded']))
    expect(onUploadSucceeded).toHaveBeenCalledOnce()
  })

  it('keeps its manager working across the StrictMode remount and disposes of it after a real unmount', async () => {
    // Collected as soon as it is unobserved and idle (the default waits five minutes; see below).
    const setup = setupUploads()
    const client = createUploadClient({ gcTime: 0 })
    const { controller, unmount } = renderUploads({
      ...setup,
      provider: { ...setup.provider, client },
    })
    const manager = controller().manager
    act(() => {
      controller().add([fileOf('a.pdf')])
    })
    await waitFor(() => expect(statuses()).toEqual(['succeeded']))
    expect(manager.isDisposed()).toBe(false)
    unmount()
    await waitFor(() => expect(manager.isDisposed()).toBe(true))
  })

  it('cancels running uploads after a real unmount when asked', async () => {
    const setup = setupUploads({ autoPut: false })
    const { controller, unmount } = renderUploads(setup, { cancelOnUnmount: true })
    act(() => {
      controller().add([fileOf('a.pdf')])
    })
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    unmount()
    await waitFor(() => expect(setup.transport.puts[0]?.aborted).toBe(true))
    expect(setup.fake.calls.complete).toHaveLength(0)
  })

  it('does not cancel uploads on unmount unless asked', async () => {
    const setup = setupUploads({ autoPut: false })
    const manager = createUploadManager({
      adapter: setup.fake.adapter,
      ...setup.provider.uploadOptions,
    })
    const { controller, unmount } = renderUploads(setup, { manager })
    act(() => {
      controller().add([fileOf('a.pdf')])
    })
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    unmount()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(setup.transport.puts[0]?.aborted).toBe(false)
    setup.transport.puts[0]!.succeed()
    await waitFor(() => expect(setup.fake.calls.complete).toHaveLength(1))
    expect(manager.isDisposed()).toBe(false)
  })
})

describe('useUpload', () => {
  it('re-renders only the row of the file whose progress moved', async () => {
    const setup = setupUploads({ autoPut: false, uploadOptions: { concurrency: 20 } })
    const commits = new Map<string, number>()
    let controller!: AttachmentUploadController
    function List() {
      controller = useAttachmentUpload()
      return (
        <ul aria-label="uploads">
          {controller.ids.map((id) => (
            <Profiler key={id} id={id} onRender={() => commits.set(id, (commits.get(id) ?? 0) + 1)}>
              <Row id={id} />
            </Profiler>
          ))}
        </ul>
      )
    }
    renderStrict(<List />, setup.provider)
    let ids: string[] = []
    act(() => {
      ids = controller.add(Array.from({ length: 20 }, (_, index) => fileOf(`f${index}.pdf`)))
    })
    await waitFor(() => expect(statuses().filter((s) => s === 'uploading')).toHaveLength(20))
    const before = new Map(commits)
    act(() => {
      setup.transport.puts[7]!.progress(450)
      setup.frames.flush()
    })
    expect(screen.getByRole('listitem', { name: 'f7.pdf' }).textContent).toBe('45')
    const rerendered = ids.filter((id) => commits.get(id) !== before.get(id))
    expect(rerendered).toEqual([ids[7]])
  })

  it('re-renders the owner of a controller for progress only when it reads totals', async () => {
    const setup = setupUploads({ autoPut: false })
    const renders = { ids: 0, totals: 0 }
    let add!: AttachmentUploadController['add']
    function IdsOnly() {
      const controller = useAttachmentUpload()
      add = controller.add
      renders.ids += 1
      return <p>{controller.ids.length}</p>
    }
    function TotalsReader() {
      const { totals } = useAttachmentUpload()
      renders.totals += 1
      return <p aria-label="percent">{totals.percent}</p>
    }
    renderStrict(
      <>
        <IdsOnly />
        <TotalsReader />
      </>,
      setup.provider,
    )
    act(() => {
      add([fileOf('a.pdf', 1000)])
    })
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    const before = { ...renders }
    act(() => {
      setup.transport.puts[0]!.progress(500)
      setup.frames.flush()
    })
    expect(screen.getByLabelText('percent').textContent).toBe('50')
    expect(renders.ids).toBe(before.ids)
    expect(renders.totals).toBeGreaterThan(before.totals)
  })

  it("finds an upload of a host's manager in the first render, before any effect", async () => {
    const setup = setupUploads({ autoPut: false })
    const manager = createUploadManager({
      adapter: setup.fake.adapter,
      ...setup.provider.uploadOptions,
    })
    const [id = ''] = manager.add([fileOf('earlier.pdf')]).ids
    function Owner() {
      useAttachmentUpload({ manager })
      return <span>{useUpload(id)?.name ?? 'no upload'}</span>
    }
    const { firstPaint, container, unmount } = await renderBeforePaint(<Owner />, setup.provider)
    expect(firstPaint).toBe('earlier.pdf')
    await waitFor(() => expect(manager.getSnapshot().byId[id]?.status).toBe('uploading'))
    expect(container.textContent).toBe('earlier.pdf')
    unmount()
    manager.dispose()
  })

  it('returns undefined for an unknown id and a selected slice otherwise', async () => {
    const setup = setupUploads()
    function Probe() {
      const { add, ids } = useAttachmentUpload()
      const [id] = ids
      const missing = useUpload('no-such-upload')
      const status = useUpload(id ?? '', (upload) => upload?.status ?? 'none')
      const [files] = useState(() => [fileOf('a.pdf')])
      return (
        <button type="button" onClick={() => add(files)}>
          {`${String(missing)} ${status}`}
        </button>
      )
    }
    renderStrict(<Probe />, setup.provider)
    expect(screen.getByRole('button').textContent).toBe('undefined none')
    act(() => screen.getByRole('button').click())
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('undefined succeeded'))
  })
})
