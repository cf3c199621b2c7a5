// 10,000 files accepted at once, as a Case (no count limit) allows: the list must not render
// 10,000 rows. It shows a page of rows, says how many more there are, and shows more on demand.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { transferOf } from '../../test/attachment-input-helpers.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { renderUploadList } from '../../test/render-upload-list.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { UploadList } from './upload-list.js'
import type { UploadRowRenderProps } from './upload-list.js'
import { wholeText } from '../../test/whole-text.js'

/** The fakes with a Case's rules: no limit on the number of files. */
function caseLimits() {
  const setup = setupUploads({ autoPut: false })
  const adapter = { ...setup.provider.adapter, limits: { maxFiles: Infinity } }
  return { ...setup, provider: { ...setup.provider, adapter } }
}

describe('UploadList with 10,000 accepted files', () => {
  it('renders a page of rows and a summary of the rest, not 10,000 rows', async () => {
    const setup = caseLimits()
    const { container } = renderStrict(
      <>
        <AttachmentDropzone />
        <UploadList maxRows={50} />
      </>,
      setup.provider,
    )
    const files = Array.from({ length: 10_000 }, (_, i) => fileOf(`scan-${i}.pdf`, 10))
    fireEvent.drop(screen.getByRole('button', { name: 'Attach files' }), {
      dataTransfer: transferOf(files),
    })
    await waitFor(() =>
      expect(screen.getByText(wholeText('0 of 10,000 files uploaded'))).toBeTruthy(),
    )
    const list = screen.getByRole('list', { name: 'Files being attached' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(50)
    expect(container.textContent).toContain('9,950 more files')
    expect(container.querySelectorAll('*').length).toBeLessThan(1500)

    // Shows the next page; the summary follows.
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show more' }))
    expect(within(list).getAllByRole('listitem')).toHaveLength(100)
    expect(within(list).getAllByRole('listitem')[99]!.textContent).toContain('scan-99.pdf')
    expect(container.textContent).toContain('9,900 more files')
    // Focus goes to the first row that was not shown before, where reading goes on.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Cancel upload of scan-50.pdf')
  }, 60_000)

  it('shows up to 10 rows by default, and every row once the files fit', async () => {
    const setup = caseLimits()
    const { container } = renderStrict(
      <>
        <AttachmentDropzone />
        <UploadList />
      </>,
      setup.provider,
    )
    const files = Array.from({ length: 11 }, (_, i) => fileOf(`scan-${i}.pdf`, 10))
    fireEvent.drop(screen.getByRole('button', { name: 'Attach files' }), {
      dataTransfer: transferOf(files),
    })
    const list = await screen.findByRole('list', { name: 'Files being attached' })
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(10))
    expect(container.textContent).toContain('1 more file')
    // The totals count every file, the ones not shown too.
    expect(screen.getByText(wholeText('0 of 11 files uploaded'))).toBeTruthy()
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show more' }))
    expect(within(list).getAllByRole('listitem')).toHaveLength(11)
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull()
    // The button went with the last rows it showed; focus is on the first of them.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Cancel upload of scan-10.pdf')
  }, 30_000)
})

describe('UploadList with more files than its page', () => {
  it('renders no row for the files past the page, however they change', async () => {
    // Every file uploading at once, so that the ones past the page move too.
    const setup = setupUploads({ autoPut: false, uploadOptions: { concurrency: 200 } })
    const provider = {
      ...setup.provider,
      adapter: { ...setup.provider.adapter, limits: { maxFiles: 200 } },
    }
    const renders = new Map<string, number>()
    const renderRow = ({ upload }: UploadRowRenderProps) => {
      renders.set(upload.name, (renders.get(upload.name) ?? 0) + 1)
      return <li>{`${upload.name} ${upload.status} ${upload.progress}`}</li>
    }
    const { add, container } = renderUploadList({ ...setup, provider }, { renderRow })
    const names = Array.from({ length: 200 }, (_, i) => `f${i}.pdf`)
    add(...names.map((name) => fileOf(name, 1000)))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(200))
    act(() => setup.frames.flush())
    const list = screen.getByRole('list', { name: 'Files being attached' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(10)
    expect(screen.getByText('f9.pdf uploading 0')).toBeTruthy()
    const before = new Map(renders)

    // Progress, then success, of every file past the page.
    const hidden = setup.transport.puts.slice(10)
    act(() => {
      for (const put of hidden) put.progress(500)
      setup.frames.flush()
    })
    // 190 × 500 of 200 × 1000 bytes.
    expect(container.textContent).toContain('47%')
    act(() => hidden.forEach((put) => put.succeed()))
    await waitFor(() => expect(setup.fake.calls.complete).toHaveLength(190))
    act(() => setup.frames.flush())
    expect(screen.getByText(wholeText('190 of 200 files uploaded'))).toBeTruthy()
    // Not one row rendered: the ten shown did not change, the 190 others have no row.
    expect(new Map(renders)).toEqual(before)
    expect(names.slice(10).filter((name) => renders.has(name))).toEqual([])
    expect(container.textContent).toContain('190 more files')
  }, 30_000)
})
