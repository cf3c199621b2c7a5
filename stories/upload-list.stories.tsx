import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { UploadList } from '../src/react/index.js'
import { loadStates } from './support/state-manager.js'
import type { LoadedStates } from './support/state-manager.js'
import { failureFiles, lifecycleFiles } from './support/scenes.js'
import { ThemeGrid } from './support/theme-grid.js'

type Loaded = LoadedStates

/** Play functions read the English messages, so the stories that have one stay in English. */
const english = { locale: 'en' }

const meta = {
  title: 'Attachments/UploadList',
  component: UploadList,
  tags: ['autodocs'],
  argTypes: {
    controller: { control: false },
    manager: { control: false },
    renderRow: { control: false },
    getFile: { control: false },
    classNames: { control: false },
  },
  args: { hideTotals: false },
  render: (args, { loaded }) => <UploadList {...args} manager={(loaded as Loaded).scene.manager} />,
} satisfies Meta<typeof UploadList>

export default meta
type Story = StoryObj<typeof meta>

/** A few files on their way; change the props in the controls. */
export const Playground: Story = {
  loaders: [
    loadStates(lifecycleFiles.filter((file) => /photo|notes|receipt|statement/.test(file.name))),
  ],
}

/**
 * Every state of an upload, side by side, in light and dark, left to right and right to left:
 * queued, starting, uploading at 5, 45 and 90 %, finishing (every byte sent, storage not yet
 * answered), completing, succeeded, failed (network, quota, access denied, expired URL, an
 * unreadable answer) and canceled.
 */
export const AllStates: Story = {
  loaders: [loadStates(lifecycleFiles)],
  // Every state in view: more rows than the default page of 10.
  args: { maxRows: lifecycleFiles.length },
  render: (args, { loaded }) => (
    <ThemeGrid>
      {() => <UploadList {...args} manager={(loaded as Loaded).scene.manager} />}
    </ThemeGrid>
  ),
  globals: english,
  play: async ({ canvas }) => {
    const [list] = canvas.getAllByRole('list', { name: 'Files being attached' })
    const rows = within(list as HTMLElement).getAllByRole('listitem')
    expect(rows.map((row) => row.dataset.status)).toEqual(
      lifecycleFiles.map((file) => (file.state === 'finishing' ? 'uploading' : file.state)),
    )
    const bar = within(list as HTMLElement).getByRole('progressbar', { name: 'meeting-notes.docx' })
    expect(bar).toHaveAttribute('aria-valuenow', '45')
    expect(bar.getAttribute('aria-valuetext')).toMatch(/^45\s?%, /)
  },
}

/** A failed upload for every error code, each with its message tied to its row. */
export const EveryError: Story = {
  loaders: [loadStates(failureFiles)],
  args: { maxRows: failureFiles.length },
  render: AllStates.render,
  globals: english,
  play: async ({ canvas }) => {
    const [list] = canvas.getAllByRole('list', { name: 'Files being attached' })
    const rows = within(list as HTMLElement).getAllByRole('listitem')
    expect(rows).toHaveLength(failureFiles.length)
    for (const row of rows) {
      expect(row).toHaveAttribute('data-status', 'failed')
      const retry = within(row).getByRole('button', { name: /^Retry upload of / })
      expect(retry).toHaveAccessibleDescription(/\S/)
    }
  },
}

/** Cancel stops an upload in flight; the row says so and offers remove. */
export const Cancel: Story = {
  loaders: [loadStates([{ name: 'large-scan.pdf', size: 2 * 1024 * 1024, state: 'manual' }])],
  globals: english,
  play: async ({ canvas, loaded, userEvent }) => {
    const { scene } = loaded as Loaded
    scene.put('large-scan.pdf').progress(700 * 1024)
    const bar = await canvas.findByRole('progressbar', { name: 'large-scan.pdf' })
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '34'))
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel upload of large-scan.pdf' }))
    const row = canvas.getByRole('listitem')
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'canceled'))
    expect(scene.put('large-scan.pdf').aborted).toBe(true)
    expect(scene.fake.calls.complete).toHaveLength(0)
    expect(canvas.getByRole('button', { name: 'Remove large-scan.pdf' })).toBeVisible()
    // The pressed button is gone: focus moves to the one that took its place.
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Remove large-scan.pdf' })).toHaveFocus(),
    )
  },
}

/**
 * A canceled file can be added again from its row: a new upload (a new Start), in the row's
 * place; with only a canceled file listed there are no totals ("0 of 0 files").
 */
export const AddAgain: Story = {
  loaders: [loadStates([{ name: 'large-scan.pdf', size: 2 * 1024 * 1024, state: 'manual' }])],
  globals: english,
  play: async ({ canvas, canvasElement, loaded, userEvent }) => {
    const { scene } = loaded as Loaded
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Cancel upload of large-scan.pdf' }),
    )
    const row = canvas.getByRole('listitem')
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'canceled'))
    expect(canvasElement.querySelector('.ca-upload-list__totals')).toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Add large-scan.pdf again' }))
    await waitFor(() => expect(scene.fake.calls.start).toHaveLength(2))
    await waitFor(() =>
      expect(canvas.getByRole('listitem')).toHaveAttribute('data-status', 'uploading'),
    )
    expect(canvas.getAllByRole('listitem')).toHaveLength(1)
    expect(
      canvas.getByText(
        (_, element) =>
          element?.tagName === 'SPAN' && element.textContent === '0 of 1 file uploaded',
      ),
    ).toBeVisible()
  },
}

/** A new row opens from no height rather than pushing what is below it down at once. */
export const NewRowOpens: Story = {
  loaders: [loadStates([], { autoPut: false })],
  globals: english,
  play: async ({ canvas, loaded }) => {
    const { scene } = loaded as Loaded
    scene.manager.add([new File(['x'], 'late-arrival.pdf')])
    const row = await canvas.findByRole('listitem')
    // Its style, which a finished animation keeps (the run itself may be over by now).
    const style = getComputedStyle(row)
    expect([style.animationName, style.animationDuration]).toEqual(['ca-row-in', '0.18s'])
  },
}

/** Retry after a lost connection sends the file again and completes it once. */
export const Retry: Story = {
  loaders: [
    loadStates([{ name: 'statement.pdf', size: 300 * 1024, state: 'failed', code: 'network' }]),
  ],
  globals: english,
  play: async ({ canvas, loaded, userEvent }) => {
    const { scene } = loaded as Loaded
    const row = canvas.getByRole('listitem')
    expect(row).toHaveAttribute('data-status', 'failed')
    expect(row).toHaveTextContent('The connection was lost.')
    await userEvent.click(canvas.getByRole('button', { name: 'Retry upload of statement.pdf' }))
    await waitFor(() => expect(scene.transport.puts).toHaveLength(2))
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Cancel upload of statement.pdf' })).toHaveFocus(),
    )
    const put = scene.put('statement.pdf')
    put.progress(put.request.body.size)
    put.succeed()
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'succeeded'))
    expect(scene.fake.calls.start).toHaveLength(1)
    expect(scene.fake.calls.complete).toHaveLength(1)
  },
}

/** Remove takes a finished file off the list. */
export const Remove: Story = {
  loaders: [
    loadStates([
      { name: 'receipt.png', size: 100 * 1024, state: 'succeeded' },
      { name: 'notes.txt', size: 2 * 1024, state: 'succeeded' },
    ]),
  ],
  globals: english,
  play: async ({ canvas, userEvent }) => {
    expect(canvas.getAllByRole('listitem')).toHaveLength(2)
    await userEvent.click(canvas.getByRole('button', { name: 'Remove receipt.png' }))
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(1))
    expect(canvas.getByRole('listitem')).toHaveTextContent('notes.txt')
    // Focus left with the row; it goes to the row that took its place, not to the page.
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Remove notes.txt' })).toHaveFocus(),
    )
  },
}

/**
 * More files than `maxRows`: the rest are summed up below the rows, and Show more shows as many
 * again. A Case has no count limit, so a drop of thousands of files never renders thousands of rows.
 */
export const ManyFiles: Story = {
  loaders: [
    loadStates(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((letter) => ({
        name: `scan-${letter}.pdf`,
        size: 40 * 1024,
        state: 'succeeded' as const,
      })),
    ),
  ],
  args: { maxRows: 3 },
  globals: english,
  play: async ({ canvas, canvasElement, userEvent }) => {
    // The count is in a <bdi> of its own, so the line is read whole.
    const more = () => canvasElement.querySelector('.ca-upload-list__more')
    expect(canvas.getAllByRole('listitem')).toHaveLength(3)
    expect(more()).toHaveTextContent(/^4 more files/)
    expect(more()).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Show more' }))
    expect(canvas.getAllByRole('listitem')).toHaveLength(6)
    expect(more()).toHaveTextContent(/^1 more file Show more$/)
    expect(more()).toBeVisible()
  },
}

/** The same states with the German catalog (`messagesDe`, `de-DE`), checked by axe and for console output. */
export const AllStatesGerman: Story = { ...AllStates, globals: { locale: 'de' }, play: undefined }
