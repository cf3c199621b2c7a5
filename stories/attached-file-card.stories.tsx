import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { AttachedFileCard } from '../src/react/index.js'
import { loadDownloads, storedFiles } from './support/download-scene.js'
import type { LoadedDownloads, StoredFileId } from './support/download-scene.js'
import { Example, ThemeGrid } from './support/theme-grid.js'

type Loaded = LoadedDownloads
const ids = Object.keys(storedFiles) as StoredFileId[]
const hoursAgo = (hours: number) => Date.now() - hours * 3_600_000

/** Play functions read the English messages, so the stories that have one stay in English. */
const english = { locale: 'en' }

const meta = {
  title: 'Attachments/AttachedFileCard',
  component: AttachedFileCard,
  tags: ['autodocs'],
  loaders: [loadDownloads],
  argTypes: {
    fileId: { control: 'select', options: ids },
    createdAt: { control: 'date' },
    onDeleted: { control: false },
    fileOptions: { control: false },
    classNames: { control: false },
  },
  args: {
    fileId: 'approved',
    name: storedFiles.approved.name,
    createdAt: hoursAgo(2),
    createdBy: 'Dana Agent',
    allowDelete: true,
  },
} satisfies Meta<typeof AttachedFileCard>

export default meta
type Story = StoryObj<typeof meta>

/** A case's file; pick its state with `fileId`. */
export const Playground: Story = {}

/**
 * Processing, approved, scan rejected, scan failed, unavailable, and one where delete is not
 * offered, in both themes and directions.
 */
export const AllStates: Story = {
  render: () => (
    <ThemeGrid>
      {() => (
        <>
          {(['processing', 'approved', 'rejected', 'failed', 'gone'] as const).map((id, index) => (
            <Example key={id} title={storedFiles[id].shows}>
              <AttachedFileCard
                fileId={id}
                name={storedFiles[id].name}
                createdAt={hoursAgo(index * 5 + 1)}
                createdBy="Dana Agent"
              />
            </Example>
          ))}
          <Example title="Delete not offered">
            <AttachedFileCard
              fileId="approved"
              name={storedFiles.approved.name}
              allowDelete={false}
            />
          </Example>
        </>
      )}
    </ThemeGrid>
  ),
  globals: english,
  play: async ({ canvas }) => {
    const [cell] = canvas.getAllByRole('group', { name: 'Light, left to right' })
    const card = (name: string) => within(cell as HTMLElement).getAllByRole('article', { name })
    await waitFor(() =>
      expect(card('quarterly-report.pdf')[0]).toHaveAttribute('data-status', 'approved'),
    )
    expect(card('scan-in-progress.pdf')[0]).toHaveAttribute('data-status', 'processing')
    await waitFor(() =>
      expect(card('invoice.docm.pdf')[0]).toHaveAttribute('data-status', 'rejected'),
    )
    await waitFor(() =>
      expect(card('archive-scan.pdf')[0]).toHaveAttribute('data-status', 'failed'),
    )
    const [withDelete, withoutDelete] = card('quarterly-report.pdf')
    expect(
      within(withDelete as HTMLElement).getByRole('link', { name: /quarterly-report\.pdf/ }),
    ).toBeVisible()
    expect(
      within(withDelete as HTMLElement).getByRole('button', {
        name: 'Delete quarterly-report.pdf',
      }),
    ).toBeVisible()
    expect(within(withoutDelete as HTMLElement).queryByRole('button')).toBeNull()
  },
}

/** Delete asks first (focus on "Keep"), then deletes and says so in the card's place. */
export const Delete: Story = {
  globals: english,
  play: async ({ canvas, canvasElement, loaded, userEvent }) => {
    const { scene } = loaded as Loaded
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Delete quarterly-report.pdf' }),
    )
    const question = canvas.getByRole('group', { name: /Delete quarterly-report\.pdf\?/ })
    expect(within(question).getByRole('button', { name: 'Keep' })).toHaveFocus()
    await userEvent.click(within(question).getByRole('button', { name: 'Delete' }))
    // Focused, and so read once: the notice is no live region too.
    const notice = await waitFor(() => {
      const found = canvasElement.querySelector('[data-status="deleted"] p')
      expect(found).not.toBeNull()
      return found!
    })
    expect(notice).toHaveTextContent('quarterly-report.pdf deleted')
    expect(notice).toHaveFocus()
    expect(canvas.queryByRole('status')).toBeNull()
    expect(scene.deleted).toEqual(['approved'])
  },
}

/** "Keep" (or Escape) closes the question and returns focus to the delete button. */
export const DeleteKept: Story = {
  globals: english,
  play: async ({ canvas, loaded, userEvent }) => {
    const button = await canvas.findByRole('button', { name: 'Delete quarterly-report.pdf' })
    await userEvent.click(button)
    await userEvent.keyboard('{Escape}')
    const again = await canvas.findByRole('button', { name: 'Delete quarterly-report.pdf' })
    expect(again).toHaveFocus()
    expect((loaded as Loaded).scene.deleted).toEqual([])
  },
}

/** A delete the service refuses is announced, and the button is offered again. */
export const DeleteRefused: Story = {
  args: { fileId: 'locked', name: storedFiles.locked.name },
  globals: english,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete audit-log.csv' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Delete' }))
    expect(await canvas.findByRole('alert')).toHaveTextContent('You are not allowed to do this.')
    expect(canvas.getByRole('button', { name: 'Delete audit-log.csv' })).toHaveFocus()
  },
}

/** The same states with the German catalog (`messagesDe`, `de-DE`), checked by axe and for console output. */
export const AllStatesGerman: Story = { ...AllStates, globals: { locale: 'de' }, play: undefined }
