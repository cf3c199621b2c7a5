import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { AttachmentMessage } from '../src/react/index.js'
import type { ChatAttachmentItem } from '../src/react/index.js'
import { loadDownloads, storedFiles } from './support/download-scene.js'
import type { LoadedDownloads } from './support/download-scene.js'
import { Example, ThemeGrid } from './support/theme-grid.js'

type Loaded = LoadedDownloads

const items: (ChatAttachmentItem & { shows: string })[] = [
  {
    id: 'processing',
    name: storedFiles.processing.name,
    contentType: 'application/pdf',
    status: 'processing',
    shows: 'IN_PROGRESS',
  },
  {
    id: 'approved',
    name: storedFiles.approved.name,
    contentType: 'application/pdf',
    status: 'approved',
    shows: 'APPROVED',
  },
  {
    id: 'photo',
    name: storedFiles.photo.name,
    contentType: 'image/png',
    status: 'approved',
    shows: 'APPROVED image, with a preview',
  },
  {
    id: 'rejected',
    name: storedFiles.rejected.name,
    contentType: 'application/pdf',
    status: 'rejected',
    shows: 'REJECTED by the scan',
  },
]

/** Play functions read the English messages, so the stories that have one stay in English. */
const english = { locale: 'en' }

const meta = {
  title: 'Attachments/AttachmentMessage',
  component: AttachmentMessage,
  tags: ['autodocs'],
  loaders: [loadDownloads],
  argTypes: { fileOptions: { control: false }, classNames: { control: false } },
  args: {
    attachment: {
      id: 'photo',
      name: storedFiles.photo.name,
      contentType: 'image/png',
      status: 'approved',
    },
    preview: true,
    previewSize: { width: 240, height: 180 },
  },
} satisfies Meta<typeof AttachmentMessage>

export default meta
type Story = StoryObj<typeof meta>

/** A transcript's attachment; edit the item (status `processing`, `approved`, `rejected`). */
export const Playground: Story = {}

/** In progress, approved, an approved image with its preview, and rejected by the scan. */
export const AllStates: Story = {
  render: () => (
    <ThemeGrid>
      {() =>
        items.map(({ shows, ...attachment }) => (
          <Example key={attachment.id} title={shows}>
            <AttachmentMessage attachment={attachment} />
          </Example>
        ))
      }
    </ThemeGrid>
  ),
  globals: english,
  play: async ({ canvas, loaded }) => {
    const [cell] = canvas.getAllByRole('group', { name: 'Light, left to right' })
    const inCell = within(cell as HTMLElement)
    expect(await inCell.findByRole('link', { name: 'Download quarterly-report.pdf' })).toBeVisible()
    const image = await inCell.findByRole('img', { name: 'site-photo.png' })
    await waitFor(() => expect((image as HTMLImageElement).complete).toBe(true))
    expect((image as HTMLImageElement).naturalWidth).toBe(240)
    expect(inCell.getByText('scan-in-progress.pdf').closest('[data-status]')).toHaveAttribute(
      'data-status',
      'processing',
    )
    expect(inCell.getByText('invoice.docm.pdf').closest('[data-status]')).toHaveAttribute(
      'data-status',
      'rejected',
    )
    // Nothing is asked of the service for a file that is not approved.
    const asked = new Set((loaded as Loaded).scene.fake.getFileCalls.map((call) => call.id))
    expect([...asked].sort()).toEqual(['approved', 'photo'])
  },
}

/** The preview keeps the box `previewSize` asks for (the image fits inside it), in any column. */
export const PreviewSize: Story = {
  args: { previewSize: { width: 120, height: 90 } },
  globals: english,
  play: async ({ canvas }) => {
    const image = await canvas.findByRole('img', { name: 'site-photo.png' })
    await waitFor(() => expect((image as HTMLImageElement).complete).toBe(true))
    const box = image.getBoundingClientRect()
    expect([Math.round(box.width), Math.round(box.height)]).toEqual([120, 90])
  },
}

/** The same states with the German catalog (`messagesDe`, `de-DE`), checked by axe and for console output. */
export const AllStatesGerman: Story = { ...AllStates, globals: { locale: 'de' }, play: undefined }
