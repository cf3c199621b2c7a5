import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { AttachmentError } from '../src/core/index.js'
import type { AttachmentAdapter } from '../src/core/index.js'
import { AttachmentLink } from '../src/react/index.js'
import { createFakeAdapter } from '../test/fake-adapter.js'
import { loadDownloads, storedFiles } from './support/download-scene.js'
import type { LoadedDownloads, StoredFileId } from './support/download-scene.js'
import { Example, ThemeGrid } from './support/theme-grid.js'

type Loaded = LoadedDownloads
const ids = Object.keys(storedFiles) as StoredFileId[]
/** Play functions read the English messages, so the stories that have one stay in English. */
const english = { locale: 'en' }

const meta = {
  title: 'Attachments/AttachmentLink',
  component: AttachmentLink,
  tags: ['autodocs'],
  loaders: [loadDownloads],
  argTypes: {
    fileId: { control: 'select', options: ids },
    children: { control: false },
    fileOptions: { control: false },
    classNames: { control: false },
  },
  args: { fileId: 'approved', name: storedFiles.approved.name },
  render: (args, { loaded }) => (
    <AttachmentLink {...args} fileOptions={{ now: (loaded as Loaded).clock.now }} />
  ),
} satisfies Meta<typeof AttachmentLink>

export default meta
type Story = StoryObj<typeof meta>

/** A link to a stored file; pick the file's state with `fileId`. */
export const Playground: Story = {}

/**
 * Loading (past 5 s it says so, with a retry), processing, ready, scan rejected, scan failed,
 * not found, an unsafe URL refused, and an expired URL refreshed as the pointer reaches it, in
 * both themes and directions.
 */
export const AllStates: Story = {
  render: () => (
    <ThemeGrid>
      {() =>
        ids
          .filter((id) => id !== 'locked')
          .map((id) => (
            <Example key={id} title={storedFiles[id].shows}>
              <AttachmentLink fileId={id} name={storedFiles[id].name} />
            </Example>
          ))
      }
    </ThemeGrid>
  ),
  globals: english,
  play: async ({ canvas, userEvent }) => {
    const [cell] = canvas.getAllByRole('group', { name: 'Light, left to right' })
    const inCell = within(cell as HTMLElement)
    const ready = await inCell.findByRole('link', { name: 'Download quarterly-report.pdf' })
    expect(ready).toHaveAttribute('rel', 'noopener noreferrer')
    expect(ready).toHaveAttribute('download', 'quarterly-report.pdf')
    const statusOf = (name: string) => inCell.getByText(name).closest('[data-status]')
    await waitFor(() =>
      expect(statusOf('scan-in-progress.pdf')).toHaveAttribute('data-status', 'processing'),
    )
    expect(statusOf('pending-answer.pdf')).toHaveAttribute('aria-busy', 'true')
    await waitFor(() =>
      expect(statusOf('invoice.docm.pdf')).toHaveAttribute('data-status', 'rejected'),
    )
    await waitFor(() =>
      expect(statusOf('crafted-answer.pdf')).toHaveAttribute('data-status', 'error'),
    )
    expect(inCell.queryByRole('link', { name: /crafted-answer/ })).toBeNull()
    const renewed = await inCell.findByRole('link', { name: 'Download contract-v2.pdf' })
    expect(renewed.getAttribute('href')).toMatch(/expired/)
    await userEvent.hover(renewed)
    await waitFor(() => expect(renewed.getAttribute('href')).not.toMatch(/expired/))
  },
}

/**
 * A URL that had already expired when it arrived (a client clock behind the service's, with an
 * adapter that does not say how long its URLs live) stays in the link, asking nothing more,
 * until someone is about to follow it: pointing at the link, focusing or touching it asks for a
 * fresh one, and a click checks it again (`Download`).
 */
export const ExpiredThenRefreshed: Story = {
  args: { fileId: 'renewed', name: storedFiles.renewed.name },
  globals: english,
  play: async ({ canvas, loaded, userEvent }) => {
    const link = await canvas.findByRole('link', { name: 'Download contract-v2.pdf' })
    expect(link.getAttribute('href')).toMatch(/expired$/)
    const { fake } = (loaded as Loaded).scene
    expect(fake.getFileCalls.filter((call) => !call.signal?.aborted)).toHaveLength(1)
    await userEvent.hover(link)
    await waitFor(() =>
      expect(link.getAttribute('href')).toMatch(/^https:\/\/files\.fake\.test\/renewed\?/),
    )
  },
}

/**
 * Stands in for the browser: records where each click on a link would go, and stays on the page.
 */
function recordFollows() {
  const followed: string[] = []
  const follow = (event: MouseEvent) => {
    const anchor = (event.target as Element).closest('a')
    if (anchor === null || event.defaultPrevented) return
    followed.push(anchor.href)
    event.preventDefault()
  }
  window.addEventListener('click', follow)
  return { followed, stop: () => window.removeEventListener('click', follow) }
}

/**
 * A click on a link whose URL has aged past its margin (a laptop woken from sleep) follows a
 * fresh URL, never the expired one.
 */
export const Download: Story = {
  args: { fileId: 'renewed', name: storedFiles.renewed.name },
  globals: english,
  play: async ({ canvas, loaded, userEvent }) => {
    const { clock } = loaded as Loaded
    const link = await canvas.findByRole('link', { name: 'Download contract-v2.pdf' })
    const first = link.getAttribute('href')
    const { followed, stop } = recordFollows()
    try {
      clock.advance(10 * 60_000)
      await userEvent.click(link)
      await waitFor(() => expect(followed).toHaveLength(1))
    } finally {
      stop()
    }
    expect(followed[0]).not.toBe(first)
    expect(followed[0]).toMatch(/^https:\/\/files\.fake\.test\/renewed\?/)
  },
}

/** A file whose URL has expired, and whose next GetAttachment answers as `next` says. */
const staleLink = (next: 'fail' | 'hang') => async (): Promise<{ adapter: AttachmentAdapter }> => {
  const fake = createFakeAdapter()
  const expired = { url: 'https://files.fake.test/flaky?expired', expiresAt: Date.now() - 1 }
  const serverError = () => new AttachmentError('server', 'Internal error', { status: 500 })
  const failures = next === 'fail' ? [serverError(), serverError(), serverError()] : []
  fake.scriptFile('flaky', { name: 'minutes.pdf', download: expired }, ...failures, 'approved')
  let calls = 0
  const getFile: AttachmentAdapter['getFile'] = (id, init) =>
    next === 'hang' && ++calls === 2
      ? new Promise((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
        })
      : fake.adapter.getFile(id, init)
  return { adapter: { ...fake.adapter, getFile } }
}

/**
 * A click on a link whose URL expired while the service fails: the link is busy while it asks
 * (and retries twice), then says what went wrong and offers to try again.
 */
export const RefreshFails: Story = {
  args: { fileId: 'flaky', name: 'minutes.pdf' },
  loaders: [staleLink('fail')],
  render: (args) => <AttachmentLink {...args} />,
  globals: english,
  play: async ({ canvas, canvasElement, userEvent }) => {
    const link = await canvas.findByRole('link', { name: 'Download minutes.pdf' })
    const root = canvasElement.querySelector('.ca-attachment-link')
    const { followed, stop } = recordFollows()
    try {
      await userEvent.click(link)
      await waitFor(() => expect(root).toHaveAttribute('data-status', 'refreshing'))
      expect(root).toHaveAttribute('aria-busy', 'true')
      const retry = await canvas.findByRole(
        'button',
        { name: 'Try again to get minutes.pdf' },
        { timeout: 10_000 },
      )
      expect(root).toHaveAttribute('data-status', 'error')
      expect(root).toHaveTextContent('The service had a problem. Try again.')
      expect(followed).toEqual([])
      await userEvent.click(retry)
      const fresh = await canvas.findByRole('link', { name: 'Download minutes.pdf' })
      expect(fresh.getAttribute('href')).toMatch(/^https:\/\/files\.fake\.test\/flaky\?/)
    } finally {
      stop()
    }
  },
}

/**
 * A click on a link whose URL expired while the service does not answer: busy at first, and
 * after 5 s it says the connection stopped responding, with a retry that drops the hung request
 * and asks again.
 */
export const RefreshHangs: Story = {
  args: { fileId: 'flaky', name: 'minutes.pdf' },
  loaders: [staleLink('hang')],
  render: (args) => <AttachmentLink {...args} />,
  globals: english,
  play: async ({ canvas, userEvent }) => {
    const link = await canvas.findByRole('link', { name: 'Download minutes.pdf' })
    const { followed, stop } = recordFollows()
    try {
      await userEvent.click(link)
      expect(await canvas.findByRole('status')).toHaveTextContent('Loading…')
      const retry = await canvas.findByRole(
        'button',
        { name: 'Try again to get minutes.pdf' },
        { timeout: 10_000 },
      )
      expect(canvas.getByRole('status')).toHaveTextContent('The connection stopped responding.')
      await userEvent.click(retry)
      // The retry is a click of its own: the link goes on with the fresh URL.
      await waitFor(() => expect(followed).toHaveLength(1))
      expect(followed[0]).toMatch(/^https:\/\/files\.fake\.test\/flaky\?/)
      expect(canvas.queryByRole('button')).toBeNull()
    } finally {
      stop()
    }
  },
}

/** The same states with the German catalog (`messagesDe`, `de-DE`), checked by axe and for console output. */
export const AllStatesGerman: Story = { ...AllStates, globals: { locale: 'de' }, play: undefined }
