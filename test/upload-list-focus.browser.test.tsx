// Where focus goes when the last row of UploadList is removed, in real Chromium with
// styles.css: never onto a box of no size, which a sighted keyboard user cannot see and a screen
// reader has nothing to read in.
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { userEvent } from 'vitest/browser'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupUploads } from './react-upload-harness.js'
import { renderUploadList } from './render-upload-list.js'
import { fileOf } from './upload-harness.js'

// The stylesheet as `connect-attachments/styles.css` concatenates it: the tokens first.
const sheets = import.meta.glob<string>('../src/react/styles/*.css', {
  query: '?raw',
  import: 'default',
  eager: true,
})
let style: HTMLStyleElement
beforeAll(() => {
  style = document.head.appendChild(document.createElement('style'))
  style.textContent = Object.entries(sheets)
    .sort(([a], [b]) => Number(!a.endsWith('/tokens.css')) - Number(!b.endsWith('/tokens.css')))
    .map(([, css]) => css)
    .join('\n')
})
afterAll(() => style.remove())
afterEach(cleanup)

describe('UploadList in Chromium once its last row is removed', () => {
  it('focuses the list with a visible line saying it is empty, when no control added the files', async () => {
    const setup = setupUploads({ autoPut: false })
    const { container, controller } = renderUploadList(setup)
    act(() => void controller().add([fileOf('a.pdf', 10)]))
    act(() => controller().manager.cancel(controller().manager.getSnapshot().ids[0]!))
    const remove = await screen.findByRole('button', { name: 'Remove a.pdf' })
    remove.focus()
    await userEvent.keyboard('{Enter}')
    const list = container.querySelector<HTMLElement>('.ca-upload-list')!
    await waitFor(() => expect(document.activeElement).toBe(list))
    const box = list.getBoundingClientRect()
    expect(box.width).toBeGreaterThan(0)
    expect(box.height).toBeGreaterThan(0)
    expect(list.querySelector('.ca-upload-list__empty')?.checkVisibility()).toBe(true)
  })
})
