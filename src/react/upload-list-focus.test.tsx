// Where keyboard focus goes when the button a user pressed in UploadList goes away: Cancel and
// Retry give way to other buttons in the same row, Remove takes the whole row with it. Focus
// must stay in the list, never fall back to the top of the page.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { AttachmentError } from '../core/errors.js'
import { transferOf } from '../../test/attachment-input-helpers.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { renderUploadList } from '../../test/render-upload-list.js'
import { fileOf } from '../../test/upload-harness.js'
import { AttachmentButton } from './attachment-button.js'
import { AttachmentDropzone } from './attachment-dropzone.js'
import { UploadList } from './upload-list.js'
import { useAttachmentUpload } from './use-attachment-upload.js'

const focusedName = () => document.activeElement?.getAttribute('aria-label')

/** Three files held in their PUTs, so that each row has a Cancel button. */
async function threeUploads() {
  const setup = setupUploads({ autoPut: false })
  const rendered = renderUploadList(setup)
  const ids = rendered.add(fileOf('a.pdf', 10), fileOf('b.pdf', 10), fileOf('c.pdf', 10))
  await waitFor(() => expect(setup.transport.puts).toHaveLength(3))
  return { setup, ids, ...rendered, user: userEvent.setup() }
}

describe('UploadList keeps keyboard focus in the list', () => {
  it('moves focus from Cancel to the button that takes its place in the same row', async () => {
    const { user } = await threeUploads()
    screen.getByRole('button', { name: 'Cancel upload of b.pdf' }).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(focusedName()).toBe('Remove b.pdf'))
  })

  it('moves focus from Retry to Cancel in the same row', async () => {
    const { setup, user } = await threeUploads()
    act(() => setup.transport.puts[1]!.fail(new AttachmentError('server', 'boom')))
    const retry = await screen.findByRole('button', { name: 'Retry upload of b.pdf' })
    retry.focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(focusedName()).toBe('Cancel upload of b.pdf'))
  })

  it('moves focus from Remove to the next row, then the previous one, then the list', async () => {
    const { user, controller, container } = await threeUploads()
    act(() => controller().manager.clear())
    act(() => {
      for (const file of ['a.pdf', 'b.pdf', 'c.pdf']) controller().add([fileOf(file, 10)])
    })
    for (const id of controller().manager.getSnapshot().ids) {
      act(() => controller().manager.cancel(id))
    }
    await screen.findByRole('button', { name: 'Remove c.pdf' })

    screen.getByRole('button', { name: 'Remove b.pdf' }).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(focusedName()).toBe('Remove c.pdf'))
    expect(screen.queryByText('b.pdf')).toBeNull()

    // The last row: focus goes back to the row before it.
    screen.getByRole('button', { name: 'Remove c.pdf' }).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(focusedName()).toBe('Remove a.pdf'))

    // The only row: the list itself takes focus.
    screen.getByRole('button', { name: 'Remove a.pdf' }).focus()
    await user.keyboard('{Enter}')
    const list = container.querySelector('.ca-upload-list')!
    await waitFor(() => expect(document.activeElement).toBe(list))
    expect(list.getAttribute('tabindex')).toBe('-1')
  })

  it('takes focus back only when it was lost with the button, not after the user left', async () => {
    const { controller, ids } = await threeUploads()
    const cancel = screen.getByRole('button', { name: 'Cancel upload of a.pdf' })
    cancel.focus()
    const elsewhere = document.body.appendChild(document.createElement('button'))
    elsewhere.focus()
    elsewhere.remove()
    expect(document.activeElement).toBe(document.body)
    act(() => controller().manager.remove(ids[0]!))
    await waitFor(() => expect(screen.queryByText('a.pdf')).toBeNull())
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(document.activeElement).toBe(document.body)
  })

  it('leaves focus in the row of a retry that finishes, then on the control that replaced Retry', async () => {
    const { setup, user } = await threeUploads()
    act(() => setup.transport.puts[1]!.fail(new AttachmentError('server', 'boom')))
    ;(await screen.findByRole('button', { name: 'Retry upload of b.pdf' })).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(focusedName()).toBe('Cancel upload of b.pdf'))
    const row = screen.getByRole('button', { name: 'Cancel upload of b.pdf' }).closest('li')!

    // Completing: the row has no control for a moment, and keeps focus itself.
    const complete = setup.fake.holdNext('complete')
    await waitFor(() => expect(setup.transport.puts).toHaveLength(4))
    act(() => setup.transport.puts[3]!.succeed())
    await waitFor(() => expect(complete.reached).toBe(true))
    await waitFor(() => expect(row.dataset.status).toBe('completing'))
    await waitFor(() => expect(document.activeElement).toBe(row))

    await act(async () => complete.release())
    await waitFor(() => expect(focusedName()).toBe('Remove b.pdf'))
  })
})

describe('UploadList when its last row goes', () => {
  /** A page whose `Source` adds files to the list's controller. */
  function renderPage(Source: typeof AttachmentButton | typeof AttachmentDropzone) {
    const setup = setupUploads()
    function Page() {
      const controller = useAttachmentUpload()
      return (
        <>
          <Source controller={controller} />
          <UploadList controller={controller} />
        </>
      )
    }
    return { setup, ...renderStrict(<Page />, setup.provider), user: userEvent.setup() }
  }

  it('moves focus to the button that added the files', async () => {
    const { container, user } = renderPage(AttachmentButton)
    const button = screen.getByRole('button', { name: 'Attach a file' })
    await user.upload(container.querySelector<HTMLInputElement>('input[type="file"]')!, [
      fileOf('a.pdf', 10),
      fileOf('b.pdf', 10),
    ])
    for (const name of ['a.pdf', 'b.pdf']) {
      ;(await screen.findByRole('button', { name: `Remove ${name}` })).focus()
      await user.keyboard('{Enter}')
    }
    await waitFor(() => expect(document.activeElement).toBe(button))
    expect(screen.queryByRole('listitem')).toBeNull()
  })

  it("moves focus to the dropzone's button after a drop", async () => {
    const { user } = renderPage(AttachmentDropzone)
    const button = screen.getByRole('button', { name: 'Attach files' })
    fireEvent.drop(button, { dataTransfer: transferOf([fileOf('a.pdf', 10)]) })
    ;(await screen.findByRole('button', { name: 'Remove a.pdf' })).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(document.activeElement).toBe(button))
  })

  it('with no control known, focuses the list, which then says that it is empty', async () => {
    const { user, controller, container } = await threeUploads()
    act(() => controller().manager.clear())
    act(() => void controller().add([fileOf('a.pdf', 10)]))
    act(() => controller().manager.cancel(controller().manager.getSnapshot().ids[0]!))
    ;(await screen.findByRole('button', { name: 'Remove a.pdf' })).focus()
    await user.keyboard('{Enter}')
    const list = container.querySelector<HTMLElement>('.ca-upload-list')!
    await waitFor(() => expect(document.activeElement).toBe(list))
    // Not an empty box: a visible line says what is there, outside the hidden live region.
    const note = list.querySelector('.ca-upload-list__empty')
    expect(note?.textContent).toBe('No files being attached')
    expect(note?.closest('.ca-visually-hidden')).toBeNull()
    // It goes once focus leaves.
    act(() => list.blur())
    expect(list.querySelector('.ca-upload-list__empty')).toBeNull()
  })
})
