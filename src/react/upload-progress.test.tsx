import { act, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { expectNoAxeViolations } from '../../test/axe.js'
import { createUploadManager } from '../core/upload-manager.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { createStaticManager, uploadAfter, uploadsInEveryState } from '../../test/static-uploads.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachmentError } from '../core/errors.js'
import { UploadList } from './upload-list.js'
import { UploadProgress } from './upload-progress.js'
import { useAttachmentUpload } from './use-attachment-upload.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'
import { wholeText } from '../../test/whole-text.js'

/** A composer that adds files and shows only a bar for the first one, no list anywhere. */
function Composer({ expose }: { expose: (c: AttachmentUploadController) => void }) {
  const controller = useAttachmentUpload()
  expose(controller)
  const [first] = controller.ids
  return first === undefined ? null : <UploadProgress id={first} className="mine" />
}

describe('UploadProgress', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts down the seconds of a backoff, in the bar and in the row', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const retrying = uploadAfter('r', 'report.pdf', [
      { type: 'start' },
      { type: 'started', target: { id: 'remote' } },
      { type: 'backoff', error: new AttachmentError('network', 'lost'), retryAt: 1_005_000 },
    ])
    const { manager } = createStaticManager([retrying])
    renderStrict(
      <>
        <UploadProgress id="r" manager={manager} />
        <UploadList manager={manager} />
      </>,
      { adapter: createFakeAdapter().adapter },
    )
    const texts = () =>
      screen.getAllByRole('progressbar').map((bar) => bar.getAttribute('aria-valuetext'))
    expect(texts()).toEqual(['Retrying in 5 seconds', 'Retrying in 5 seconds'])
    act(() => vi.advanceTimersByTime(2000))
    expect(texts()).toEqual(['Retrying in 3 seconds', 'Retrying in 3 seconds'])
    expect(
      screen.getByText(wholeText('Retrying in 3 seconds'), { selector: '.ca-upload-list__status' }),
    ).toBeTruthy()
    act(() => vi.advanceTimersByTime(2000))
    expect(texts()).toEqual(['Retrying in 1 second', 'Retrying in 1 second'])
  })

  it('shows one upload by id outside any list, named by the file', async () => {
    const setup = setupUploads({ autoPut: false })
    let controller!: AttachmentUploadController
    const { container } = renderStrict(
      <Composer expose={(c) => (controller = c)} />,
      setup.provider,
    )
    act(() => {
      controller.add([fileOf('report.pdf', 1000)])
    })
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    act(() => {
      setup.transport.last().progress(450)
      setup.frames.flush()
    })
    const bar = screen.getByRole('progressbar', { name: 'report.pdf' })
    expect(bar.getAttribute('aria-valuenow')).toBe('45')
    expect(bar.getAttribute('aria-valuetext')).toBe('45%, 450 of 1,000 bytes')
    expect(bar.getAttribute('data-status')).toBe('uploading')
    expect(bar.getAttribute('class')).toBe('ca ca-upload-progress mine')
    expect(bar.style.getPropertyValue('--ca-progress')).toBe('45%')
    await expectNoAxeViolations(container)
    act(() => setup.transport.last().succeed())
    await waitFor(() => expect(bar.getAttribute('data-status')).toBe('succeeded'))
    expect(bar.getAttribute('aria-valuenow')).toBe('100')
    expect(bar.style.getPropertyValue('--ca-progress')).toBe('100%')
  })

  it('follows a manager it is given on its own, with no list or hook using that manager', async () => {
    const setup = setupUploads({ autoPut: false })
    const manager = createUploadManager({
      adapter: setup.fake.adapter,
      ...setup.provider.uploadOptions,
    })
    const [id] = manager.add([fileOf('report.pdf', 1000)]).ids
    renderStrict(<UploadProgress id={id ?? ''} manager={manager} />, setup.provider)
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    act(() => {
      setup.transport.last().progress(450)
      setup.frames.flush()
    })
    const bar = screen.getByRole('progressbar', { name: 'report.pdf' })
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('45'))
    act(() => setup.transport.last().succeed())
    await waitFor(() => expect(bar.getAttribute('data-status')).toBe('succeeded'))
  })

  it("reads a given manager's upload before any hook made it known, and nothing for an unknown id", () => {
    const { manager } = createStaticManager(uploadsInEveryState())
    renderStrict(
      <>
        <UploadProgress id="finishing" manager={manager} />
        <UploadProgress id="nowhere" manager={manager} />
      </>,
      { adapter: createFakeAdapter().adapter },
    )
    const [bar, ...others] = screen.getAllByRole('progressbar')
    expect(others).toEqual([])
    expect(bar?.getAttribute('aria-valuetext')).toBe('7 MB sent, finishing')
    expect(bar?.hasAttribute('data-finishing')).toBe(true)
  })
})
