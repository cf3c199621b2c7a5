// A file given to the dropzone (a drop, a paste) or to the attach button (the picker) travels
// through the fake adapter until its row in UploadList shows 100 %.
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { transferOf } from '../../test/attachment-input-helpers.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachmentButton } from './attachment-button.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { UploadList } from './upload-list.js'

function renderInputs() {
  const setup = setupUploads()
  const rendered = renderStrict(
    <>
      <AttachmentDropzone />
      <AttachmentButton />
      <UploadList />
    </>,
    setup.provider,
  )
  return { ...rendered, setup }
}

/** The row of `name` once it has succeeded, and its bar's value. */
async function finishedRow(name: string) {
  const bar = await screen.findByRole('progressbar', { name })
  const row = bar.closest('li')!
  await waitFor(() => expect(row.dataset.status).toBe('succeeded'))
  return { now: bar.getAttribute('aria-valuenow'), text: bar.getAttribute('aria-valuetext') }
}

describe('AttachmentDropzone and AttachmentButton with UploadList', () => {
  it('shows a dropped file at 100 % once it is uploaded', async () => {
    const { setup } = renderInputs()
    fireEvent.drop(screen.getByRole('button', { name: 'Attach files' }), {
      dataTransfer: transferOf([fileOf('dropped.pdf', 2048)]),
    })
    expect(await finishedRow('dropped.pdf')).toEqual({ now: '100', text: 'Uploaded' })
    expect(setup.fake.calls.complete).toHaveLength(1)
  })

  it('shows a pasted file at 100 % once it is uploaded', async () => {
    const { setup } = renderInputs()
    fireEvent.paste(screen.getByRole('button', { name: 'Attach files' }), {
      clipboardData: transferOf([fileOf('pasted.png', 2048, 'image/png')]),
    })
    expect(await finishedRow('pasted.png')).toEqual({ now: '100', text: 'Uploaded' })
    expect(setup.fake.calls.complete).toHaveLength(1)
  })

  it('shows a file chosen through the attach button at 100 % once it is uploaded', async () => {
    const { container, setup } = renderInputs()
    const inputs = container.querySelectorAll<HTMLInputElement>('input[type="file"]')
    await userEvent.setup().upload(inputs[1]!, fileOf('chosen.pdf', 2048))
    expect(await finishedRow('chosen.pdf')).toEqual({ now: '100', text: 'Uploaded' })
    expect(setup.fake.calls.complete).toHaveLength(1)
  })
})
