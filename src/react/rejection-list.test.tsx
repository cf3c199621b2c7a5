// The list of files that were not added: files refused for the same words (the ones past the
// count limit) share one line with their count, instead of the same sentence over and over.
import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { transferOf } from '../../test/attachment-input-helpers.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { useAttachmentUpload } from './use-attachment-upload.js'

function renderWithLimit(maxFiles: number) {
  const setup = setupUploads({ autoPut: false })
  const adapter = { ...setup.provider.adapter, limits: { maxFiles } }
  return renderStrict(<AttachmentDropzone />, { ...setup.provider, adapter })
}

const drop = (files: File[]) =>
  fireEvent.drop(screen.getByRole('button', { name: 'Attach files' }), {
    dataTransfer: transferOf(files),
  })

describe('the rejection list', () => {
  it('says a reason shared by many files once, with their count', async () => {
    renderWithLimit(3)
    drop([
      ...Array.from({ length: 10 }, (_, i) => fileOf(`scan-${i}.pdf`, 10)),
      fileOf('setup.exe', 10, ''),
    ])
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('8 files could not be attached')
    const items = within(alert)
      .getAllByRole('listitem')
      .map((item) => item.textContent)
    expect(items).toHaveLength(2)
    expect(items[0]).toBe('No more than 3 files can be attached. (7 files)')
    expect(items[1]).toMatch(/^setup\.exe is not a file type that can be attached \(.*\.pdf/)
    expect(alert.querySelector('.ca-rejection-list__more')).toBeNull()
  })

  it('counts the files of the reasons it does not show', async () => {
    renderWithLimit(1)
    drop([
      fileOf('first.pdf', 10),
      ...Array.from({ length: 6 }, (_, i) => fileOf(`tool-${i}.exe`, 10, '')),
      fileOf('late.pdf', 10),
    ])
    const alert = await screen.findByRole('alert')
    const items = await within(alert).findAllByRole('listitem')
    expect(items).toHaveLength(5)
    // 7 refused: five shown, one line each; the sixth .exe and late.pdf are the 2 more.
    expect(alert.textContent).toContain('and 2 more')
  })

  it('writes the control characters of a refused name as visible escapes', async () => {
    renderWithLimit(3)
    drop([fileOf('report\u0007.pdf', 10), fileOf('tab\u0009\u009b.pdf', 10)])
    const alert = await screen.findByRole('alert')
    const items = (await within(alert).findAllByRole('listitem')).map((item) => item.textContent)
    expect(items[0]).toMatch(/^The name of report\\u0007\.pdf must be/)
    expect(items[1]).toMatch(/^The name of tab\\u0009\\u009b\.pdf must be/)
    expect(alert.textContent).not.toMatch(/\p{Cc}/u)
  })

  it('keeps saying the limit the files were checked against when the rules change', async () => {
    const setup = setupUploads({ autoPut: false })
    function Composer({ maxFiles }: { maxFiles: number }) {
      const controller = useAttachmentUpload({ rules: { maxFiles } })
      return (
        <>
          <AttachmentDropzone controller={controller} />
          <output>{controller.rejections.map((rejection) => rejection.reasons).join()}</output>
        </>
      )
    }
    const { rerender } = renderStrict(<Composer maxFiles={1} />, setup.provider)
    drop([fileOf('a.pdf', 10), fileOf('b.pdf', 10)])
    const alert = await screen.findByRole('alert')
    const item = await within(alert).findByRole('listitem')
    expect(item.textContent).toBe('No more than 1 file can be attached.')
    rerender(<Composer maxFiles={2} />)
    expect(screen.getByRole('status').textContent).toBe('No more than 1 file can be attached.')
    expect(within(alert).getByRole('listitem').textContent).toBe(
      'No more than 1 file can be attached.',
    )
  })
})
