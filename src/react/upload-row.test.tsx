import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import type { ReactElement } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoAxeViolations } from '../../test/axe.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { createStaticManager, uploadAfter, uploadsInEveryState } from '../../test/static-uploads.js'
import { renderUploadList } from '../../test/render-upload-list.js'
import { isolated } from '../../test/hostile-name.js'
import { fileOf } from '../../test/upload-harness.js'
import { UploadList } from './upload-list.js'

const wrappers: [string, (ui: ReactElement) => ReactElement][] = [
  ['light', (ui) => ui],
  ['dark', (ui) => <div data-theme="dark">{ui}</div>],
  ['rtl', (ui) => <div dir="rtl">{ui}</div>],
]

describe('UploadList rows', () => {
  it.each(wrappers)(
    'has no axe violation with a row in every state (%s)',
    async (_, wrap) => {
      const { manager } = createStaticManager(uploadsInEveryState())
      const { container } = renderStrict(wrap(<UploadList manager={manager} />), {
        adapter: createFakeAdapter().adapter,
      })
      const rows = screen.getAllByRole('listitem')
      expect(rows.map((row) => row.getAttribute('data-status'))).toEqual([
        ...['queued', 'starting', 'uploading', 'uploading', 'completing', 'succeeded'],
        ...['uploading', 'failed', 'canceled'],
      ])
      const texts = screen
        .getAllByRole('progressbar')
        .map((bar) => [bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuetext')])
      expect(texts).toEqual([
        ['0', 'Waiting'],
        ['0', 'Starting'],
        ['45', '45%, 3.2 of 7 MB'],
        ['100', '7 MB sent, finishing'],
        ['100', 'Finishing'],
        ['100', 'Uploaded'],
        ['0', expect.stringMatching(/^Retrying in [45] seconds$/)],
      ])
      await expectNoAxeViolations(container)
    },
    20_000,
  )

  it('renders hostile names as inert, complete text', async () => {
    const markup = '<img src=x onerror=alert(1)>.png'
    const long = `${'a'.repeat(251)}.pdf`
    const override = 'invoice\u202Efdp.exe'
    const setup = setupUploads({ autoPut: false })
    const { add, container } = renderUploadList(setup)
    add(fileOf(markup, 10, 'image/png'), fileOf(long, 10))
    const { manager } = createStaticManager([uploadAfter('x', override, [])])
    renderStrict(<UploadList manager={manager} className="static" />, setup.provider)

    for (const name of [markup, long, override]) {
      const shown = screen.getByText(name, { selector: 'bdi' })
      expect(shown.textContent).toBe(name)
      expect(shown.children).toHaveLength(0)
      expect(screen.getByRole('progressbar', { name })).toBeTruthy()
      // A message isolates a name with a bidi override (U+2068 … U+2069).
      const inMessage = name === override ? isolated(name) : name
      expect(screen.getByRole('button', { name: `Cancel upload of ${inMessage}` })).toBeTruthy()
    }
    expect(document.querySelectorAll('[onerror], img[src="x"]')).toHaveLength(0)
    // The only image is the thumbnail, from an object URL, never from the name.
    await waitFor(() => expect(container.querySelectorAll('img')).toHaveLength(1))
    const [image] = Array.from(container.querySelectorAll('img'))
    expect(image?.getAttribute('src')).toMatch(/^blob:/)
    expect(image?.getAttribute('alt')).toBe('')
    // A photo's thumbnail stays small without styles.css too.
    expect([image?.getAttribute('width'), image?.getAttribute('height')]).toEqual(['40', '40'])
  })

  describe('thumbnails', () => {
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL }
    let created: string[]
    let revoked: string[]
    beforeEach(() => {
      created = []
      revoked = []
      // Stand-ins that record calls (older jsdom versions have neither function).
      URL.createObjectURL = vi.fn((blob: Blob) => {
        const url = `blob:test/${created.length}-${(blob as File).name}`
        created.push(url)
        return url
      })
      URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url))
    })
    afterEach(() => {
      URL.createObjectURL = original.create
      URL.revokeObjectURL = original.revoke
    })
    const live = () => created.filter((url) => !revoked.includes(url))

    it('makes one object URL per image row, keeps it through progress, revokes it on remove and unmount', async () => {
      const setup = setupUploads({ autoPut: false })
      const { add, unmount } = renderUploadList(setup)
      add(fileOf('a.png', 1000, 'image/png'), fileOf('b.jpg', 1000, 'image/jpeg'), fileOf('c.pdf'))
      await waitFor(() => expect(setup.transport.puts).toHaveLength(3))
      expect(live()).toEqual([expect.stringMatching(/a\.png$/), expect.stringMatching(/b\.jpg$/)])
      const row = screen.getByText('a.png', { selector: 'bdi' }).closest('li')!
      expect(row.querySelector('img')?.getAttribute('src')).toBe(live()[0])
      const made = created.length
      for (const loaded of [100, 300, 600, 900]) {
        act(() => {
          for (const put of setup.transport.puts) put.progress(loaded)
          setup.frames.flush()
        })
      }
      expect(created).toHaveLength(made)
      expect(within(row).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('90')

      const user = userEvent.setup()
      await user.click(screen.getByRole('button', { name: 'Cancel upload of a.png' }))
      await user.click(screen.getByRole('button', { name: 'Remove a.png' }))
      expect(live()).toEqual([expect.stringMatching(/b\.jpg$/)])
      unmount()
      expect(live()).toEqual([])
      expect(revoked.sort()).toEqual([...created].sort())
    })

    it('shows the type icon in place of an image the browser cannot draw', async () => {
      const setup = setupUploads({ autoPut: false })
      renderUploadList(setup).add(fileOf('not-really.png', 1000, 'image/png'))
      const row = await screen.findByRole('listitem')
      const image = await waitFor(() => row.querySelector('img')!)
      fireEvent.error(image)
      expect(row.querySelector('img')).toBeNull()
      expect(row.querySelector('.ca-upload-list__icon')).not.toBeNull()
    })
  })
})
