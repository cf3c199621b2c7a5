import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import {
  AttachmentDropzone,
  formatMessage,
  UploadList,
  useAttachmentDropzone,
  useAttachmentsContext,
  useAttachmentUpload,
} from '../src/react/index.js'
import type { AttachmentDropzoneProps, AttachmentUploadController } from '../src/react/index.js'
import {
  dragOver,
  dropFiles,
  dropHeld,
  pasteFiles,
  rejectedFiles,
  storyFile,
} from './support/files.js'
import { loadStates } from './support/state-manager.js'
import type { LoadedStates, StateScene } from './support/state-manager.js'
import { Example, ThemeGrid } from './support/theme-grid.js'
import { WithAdded } from './support/with-rejections.js'

type Loaded = LoadedStates
const loaders = [loadStates([], { autoPut: true })]

/** The dropzone and the list of what it added, on one controller. */
function Composer(props: AttachmentDropzoneProps & { scene: StateScene }) {
  const { scene, ...rest } = props
  const controller = useAttachmentUpload({ manager: scene.manager })
  return (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <AttachmentDropzone {...rest} controller={controller} />
      <UploadList controller={controller} />
    </div>
  )
}

/** Play functions read the English messages, so the stories that have one stay in English. */
const english = { locale: 'en' }

const meta = {
  title: 'Attachments/AttachmentDropzone',
  component: AttachmentDropzone,
  tags: ['autodocs'],
  loaders,
  argTypes: {
    controller: { control: false },
    manager: { control: false },
    pasteTarget: { control: false },
    children: { control: false },
    classNames: { control: false },
  },
  args: { disabled: false, maxRejections: 5, showRejections: true },
  render: (args, { loaded }) => <Composer {...args} scene={(loaded as Loaded).scene} />,
} satisfies Meta<typeof AttachmentDropzone>

export default meta
type Story = StoryObj<typeof meta>

/** Drop files, click or press Enter to choose, or paste while it has focus. */
export const Playground: Story = {}

const many = () => Array.from({ length: 12 }, (_, index) => storyFile(`setup-${index + 1}.exe`))

/**
 * Idle, disabled, rejections with each reason (file type, empty, too large, a control character
 * in the name), and many rejections summarised, in light and dark, left to right and right to
 * left. The drag-over state is shown by the `Drop` story.
 */
export const AllStates: Story = {
  render: (args) => (
    <ThemeGrid>
      {() => (
        <>
          <Example title="Idle">
            <AttachmentDropzone {...args} />
          </Example>
          <Example title="Disabled">
            <AttachmentDropzone {...args} disabled />
          </Example>
          <Example title="Rejected, one reason each">
            <WithAdded files={rejectedFiles}>
              {(controller) => <AttachmentDropzone {...args} controller={controller} />}
            </WithAdded>
          </Example>
          <Example title="Many rejected, summarised">
            <WithAdded files={many}>
              {(controller) => (
                <AttachmentDropzone {...args} controller={controller} maxRejections={3} />
              )}
            </WithAdded>
          </Example>
        </>
      )}
    </ThemeGrid>
  ),
  globals: english,
  play: async ({ canvas }) => {
    const [cell] = canvas.getAllByRole('group', { name: 'Light, left to right' })
    const zones = within(cell as HTMLElement).getAllByRole('button', { name: 'Attach files' })
    expect(zones[0]).toHaveAccessibleDescription(/20 MB/)
    expect(zones[1]?.closest('.ca-attachment-dropzone')).toHaveAttribute('data-disabled', 'true')
    // Every dropzone has its alert element, empty until something is rejected.
    const alerts = within(cell as HTMLElement).getAllByRole('alert')
    await waitFor(() => expect(alerts.filter((alert) => alert.textContent)).toHaveLength(2))
    const [reasons, summary] = alerts.filter((alert) => alert.textContent)
    await waitFor(() =>
      expect(within(reasons as HTMLElement).getAllByRole('listitem')).toHaveLength(4),
    )
    expect(reasons).toHaveTextContent('installer.exe is not a file type that can be attached')
    expect(reasons).toHaveTextContent('empty-notes.txt is empty')
    expect(reasons).toHaveTextContent('raw-footage.mov is larger than')
    expect(summary).toHaveTextContent('and 9 more')
  },
}

/** Files dropped on it are uploaded; drag-over shows `data-dragging`. */
export const Drop: Story = {
  globals: english,
  play: async ({ canvas }) => {
    const zone = canvas.getByRole('button', { name: 'Attach files' })
    const files = [storyFile('floor-plan.pdf', 40_000), storyFile('photo.png', 9000)]
    dragOver(zone, files)
    await waitFor(() =>
      expect(zone.closest('.ca-attachment-dropzone')).toHaveAttribute('data-dragging', 'true'),
    )
    dropHeld(zone, files)
    const list = await canvas.findByRole('list', { name: 'Files being attached' })
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('listitem')
          .map((row) => row.dataset.status),
      ).toEqual(['succeeded', 'succeeded']),
    )
    expect(within(list).getAllByRole('progressbar')[0]).toHaveAttribute('aria-valuenow', '100')
    await waitFor(() =>
      expect(zone.closest('.ca-attachment-dropzone')).not.toHaveAttribute('data-dragging'),
    )
  },
}

/** A screenshot pasted while the dropzone has focus is uploaded. */
export const Paste: Story = {
  globals: english,
  play: async ({ canvas, loaded }) => {
    const zone = canvas.getByRole('button', { name: 'Attach files' })
    zone.focus()
    pasteFiles(zone, [storyFile('screenshot.png', 5000, 'image/png')])
    const row = await canvas.findByRole('listitem')
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'succeeded'))
    expect((loaded as Loaded).scene.fake.calls.start.map((call) => call.file.name)).toEqual([
      'screenshot.png',
    ])
  },
}

/**
 * A dropped file that validation turns away is listed with its reason and never reaches the
 * service; the dropzone leaves its dragging look.
 */
export const DropRejected: Story = {
  globals: english,
  play: async ({ canvas, loaded, userEvent }) => {
    const zone = canvas.getByRole('button', { name: 'Attach files' })
    await dropFiles(zone, [storyFile('installer.exe')])
    // The reason's line, read whole: the name is in a <bdi> of its own.
    const alert = await canvas.findByText(
      (_, element) =>
        element?.tagName === 'LI' &&
        /installer\.exe is not a file type/.test(element.textContent ?? ''),
    )
    expect((loaded as Loaded).scene.fake.calls.start).toHaveLength(0)
    await waitFor(() =>
      expect(zone.closest('.ca-attachment-dropzone')).not.toHaveAttribute('data-dragging'),
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Dismiss' }))
    expect(alert).not.toBeInTheDocument()
    expect(zone).toHaveFocus()
  },
}

/**
 * A drop area of the host's own markup and styles: the prop getters of useAttachmentDropzone
 * put drops, clicks and pastes on it, the picker's filter on the input, and the limits on the
 * button's description; its state (dragging, rejections) is the host's to show.
 */
function HeadlessDropzone({ controller }: { controller: AttachmentUploadController }) {
  const zone = useAttachmentDropzone({ controller })
  const { messages, format } = useAttachmentsContext()
  return (
    <div
      {...zone.getRootProps({
        style: {
          display: 'grid',
          gap: '0.5rem',
          justifyItems: 'start',
          padding: '1.5rem',
          border: `2px ${zone.dragging ? 'solid' : 'dotted'} currentColor`,
          borderRadius: '1rem',
        },
      })}
      data-testid="headless-dropzone"
    >
      <input {...zone.getInputProps()} />
      <button {...zone.getButtonProps()}>
        {formatMessage(messages.dropzoneLabel, {}, format)}
      </button>
      <small {...zone.getLimitsProps()} />
      {/* Always there, so that what appears in it is announced. */}
      <div role="alert">
        {zone.rejections.map(({ file, reasons }) => (
          <p key={file.name}>{reasons.join(' ')}</p>
        ))}
      </div>
    </div>
  )
}

/** The headless dropzone and the list of what it added, on one controller. */
function HeadlessComposer({ scene }: { scene: StateScene }) {
  const controller = useAttachmentUpload({ manager: scene.manager })
  return (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <HeadlessDropzone controller={controller} />
      <UploadList controller={controller} />
    </div>
  )
}

/** A dropzone made with `useAttachmentDropzone`: the host's markup, the library's behaviour. */
export const Headless: Story = {
  globals: english,
  render: (_, { loaded }) => <HeadlessComposer scene={(loaded as Loaded).scene} />,
  play: async ({ canvas, loaded }) => {
    const zone = canvas.getByTestId('headless-dropzone')
    const button = canvas.getByRole('button', { name: 'Attach files' })
    expect(button).toHaveAccessibleDescription(/20 MB/)
    dropFiles(zone, [storyFile('floor-plan.pdf', 40_000), storyFile('installer.exe')])
    const list = await canvas.findByRole('list', { name: 'Files being attached' })
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('listitem')
          .map((row) => row.dataset.status),
      ).toEqual(['succeeded']),
    )
    expect(within(list).getByRole('listitem')).toHaveTextContent('floor-plan.pdf')
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'installer.exe is not a file type that can be attached',
    )
    expect((loaded as Loaded).scene.fake.calls.start.map((call) => call.file.name)).toEqual([
      'floor-plan.pdf',
    ])
  },
}

/** The same states with the German catalog (`messagesDe`, `de-DE`), checked by axe and for console output. */
export const AllStatesGerman: Story = { ...AllStates, globals: { locale: 'de' }, play: undefined }
