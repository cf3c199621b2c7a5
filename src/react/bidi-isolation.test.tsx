// On a right-to-left page the bidi algorithm reorders what is not isolated: "3.2 MB" reads
// "MB 3.2" and "45 %" reads "% 45" among right-to-left words, and a name ending in neutral
// characters can move the words around it. Every size, percentage, count and name the
// components show is in a <bdi> of its own, with no bidi control in the text.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { ReactElement } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AttachmentError } from '../core/errors.js'
import { transferOf } from '../../test/attachment-input-helpers.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import type { StrictRenderOptions } from '../../test/render.js'
import { createStaticManager, uploadsInEveryState } from '../../test/static-uploads.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachedFileCard } from './attached-file-card.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { AttachmentLink } from './attachment-link.js'
import { UploadList } from './upload-list.js'

/** The texts of the <bdi> elements in `element`, in document order. */
const isolatedIn = (element: Element) =>
  Array.from(element.querySelectorAll('bdi'), (bdi) => bdi.textContent)

/** Renders `ui` in a right-to-left container. */
function renderRtl(ui: ReactElement, options: StrictRenderOptions) {
  return renderStrict(<div dir="rtl">{ui}</div>, options)
}

const noBidiControls = (element: Element) =>
  expect(element.textContent).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/)

describe('UploadList on a right-to-left page', () => {
  it('isolates sizes, percentages, counts and names', () => {
    const { manager } = createStaticManager(uploadsInEveryState())
    const { container } = renderRtl(<UploadList manager={manager} maxRows={8} />, {
      adapter: createFakeAdapter().adapter,
    })
    const row = (status: string) => container.querySelector(`li[data-status="${status}"]`)!
    const part = (element: Element, name: string) =>
      element.querySelector(`.ca-upload-list__${name}`)!

    const uploading = container.querySelector('li:nth-child(3)')!
    expect(isolatedIn(part(uploading, 'name'))).toEqual(['uploading.pdf'])
    expect(isolatedIn(part(uploading, 'details'))).toEqual(['7 MB', 'PDF'])
    expect(part(uploading, 'details').textContent).toBe('7 MB, PDF')
    expect(isolatedIn(part(uploading, 'status'))).toEqual(['45%', '3.2', '7 MB'])
    expect(part(uploading, 'status').textContent).toBe('45%, 3.2 of 7 MB')
    expect(isolatedIn(part(row('failed'), 'error'))).toEqual([])
    expect(part(row('failed'), 'error').textContent).toBe('The connection was lost.')

    const totals = part(container, 'totals')
    expect(Array.from(totals.children, isolatedIn)).toEqual([
      ['1', '8'],
      ['1'],
      ['43%', '24.2', '56 MB'],
    ])
    expect(part(container, 'more').firstElementChild?.tagName).toBe('BDI')
    expect(isolatedIn(part(container, 'more'))).toEqual(['1'])
    noBidiControls(container)
    // Accessible names keep a left-to-right name as it is.
    expect(
      within(row('failed') as HTMLElement).getByRole('button', { name: 'Remove failed.pdf' })
        .ariaLabel,
    ).toBe('Remove failed.pdf')
  })
})

describe('AttachedFileCard on a right-to-left page', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('isolates the size, the creator and the name in the question and the notice', async () => {
    const fake = createFakeAdapter()
    fake.scriptFile('f', {
      status: 'approved',
      name: 'report (1).pdf',
      size: 3_355_443,
      download: { url: 'https://files.fake.test/f', expiresAt: Date.now() + 300_000 },
    })
    const adapter = { ...fake.adapter, deleteFile: async () => {} }
    const { container } = renderRtl(<AttachedFileCard fileId="f" createdBy="Dana (QA)" />, {
      adapter,
    })
    await act(() => vi.advanceTimersByTimeAsync(0))
    const details = container.querySelector('.ca-attached-file-card__details')!
    expect(isolatedIn(details)).toEqual(['3.2 MB', 'PDF', 'Dana (QA)'])
    expect(details.textContent).toBe('3.2 MB, PDFAdded by Dana (QA)')

    fireEvent.click(screen.getByRole('button', { name: 'Delete report (1).pdf' }))
    const question = screen.getByRole('group')
    expect(isolatedIn(question)).toEqual(['report (1).pdf'])
    fireEvent.click(within(question).getByRole('button', { name: 'Delete' }))
    await act(() => vi.advanceTimersByTimeAsync(0))
    const notice = container.querySelector('[data-status="deleted"]')!
    expect(isolatedIn(notice)).toEqual(['report (1).pdf'])
    expect(notice.textContent).toBe('report (1).pdf deleted')
    noBidiControls(container)
  })
})

/** The status line of a link in `container` once its file failed to load. */
const errorStatusIn = (container: Element) =>
  waitFor(() => {
    const found = container.querySelector('[data-status="error"] .ca-attachment-link__status')
    expect(found).not.toBeNull()
    return found!
  })

describe('AttachmentLink on a right-to-left page', () => {
  it('isolates the name in the words of its error', async () => {
    const fake = createFakeAdapter()
    fake.scriptFile('f', new AttachmentError('invalid-request', 'No'))
    const { container } = renderRtl(<AttachmentLink fileId="f" name="scan (3).png" />, {
      adapter: fake.adapter,
    })
    const status = await errorStatusIn(container)
    expect(status.textContent).toBe('scan (3).png The service did not accept scan (3).png.')
    expect(isolatedIn(status)).toEqual(['scan (3).png', 'scan (3).png'])
    noBidiControls(container)
  })
})

describe('A name shaped like what isolation writes in place of a value', () => {
  // While a text is written for the page, each value stands in it as U+E000, its index, a tag
  // and U+E001 (private-use characters); a name made of such characters is still the name.
  it.each([
    ['the first value', '\uE0000\uE001'],
    ['a value not made', '\uE0001\uE001'],
    ['a value among letters', 'a\uE0000\uE001b'],
  ])('shows a name shaped like %s where its error names it', async (_, name) => {
    const fake = createFakeAdapter()
    fake.scriptFile('f', new AttachmentError('rejected', 'No'))
    const { container } = renderRtl(<AttachmentLink fileId="f" name={name} />, {
      adapter: fake.adapter,
    })
    const status = await errorStatusIn(container)
    expect(status.textContent).toBe(`${name} The virus scan blocked ${name}.`)
    expect(isolatedIn(status)).toEqual([name, name])
  })
})

describe('AttachmentDropzone on a right-to-left page', () => {
  it('isolates the limits and the rejected files’ names, sizes and counts', async () => {
    const setup = setupUploads()
    const { container } = renderRtl(<AttachmentDropzone maxRejections={1} />, setup.provider)
    const limits = container.querySelector('.ca-attachment-dropzone__limits')!
    expect(isolatedIn(limits)).toEqual(['20 MB', '35'])

    const big = fileOf('big (2).pdf', 30 * 1024 ** 2)
    const files = [big, fileOf('a.exe', 10), fileOf('b.exe', 10)]
    fireEvent.drop(screen.getByRole('button', { name: 'Attach files' }), {
      dataTransfer: transferOf(files),
    })
    const alert = await waitFor(() => {
      const found = container.querySelector('.ca-rejection-list__title')
      expect(found).not.toBeNull()
      return found!.closest('[role="alert"]')!
    })
    expect(isolatedIn(alert.querySelector('.ca-rejection-list__title')!)).toEqual(['3'])
    expect(isolatedIn(alert.querySelector('li')!)).toEqual(['big (2).pdf', '20 MB'])
    expect(isolatedIn(alert.querySelector('.ca-rejection-list__more')!)).toEqual(['2'])
    noBidiControls(container)
  })
})
