import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { AttachmentLink } from '../src/react/index.js'
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
    const followed: string[] = []
    // Stands in for the browser: records where a click would go, and stays on the page.
    const follow = (event: MouseEvent) => {
      const anchor = (event.target as Element).closest('a')
      if (anchor === null || event.defaultPrevented) return
      followed.push(anchor.href)
      event.preventDefault()
    }
    window.addEventListener('click', follow)
    try {
      clock.advance(10 * 60_000)
      await userEvent.click(link)
      await waitFor(() => expect(followed).toHaveLength(1))
    } finally {
      window.removeEventListener('click', follow)
    }
    expect(followed[0]).not.toBe(first)
    expect(followed[0]).toMatch(/^https:\/\/files\.fake\.test\/renewed\?/)
  },
}

/** The same states with the German catalog (`messagesDe`, `de-DE`), checked by axe and for console output. */
export const AllStatesGerman: Story = { ...AllStates, globals: { locale: 'de' }, play: undefined }
