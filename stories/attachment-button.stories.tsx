import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useRef, useState } from 'react'
import { expect, waitFor, within } from 'storybook/test'
import { AttachmentButton, UploadList, useAttachmentUpload } from '../src/react/index.js'
import type { AttachmentButtonProps } from '../src/react/index.js'
import { pasteFiles, rejectedFiles, storyFile } from './support/files.js'
import { loadStates } from './support/state-manager.js'
import type { LoadedStates, StateScene } from './support/state-manager.js'
import { Example, ThemeGrid } from './support/theme-grid.js'
import { WithAdded } from './support/with-rejections.js'

type Loaded = LoadedStates
const loaders = [loadStates([], { autoPut: true })]

/** A chat composer: a text field that takes pasted files, the button, and the list. */
function Composer(props: AttachmentButtonProps & { scene: StateScene }) {
  const { scene, ...rest } = props
  const controller = useAttachmentUpload({ manager: scene.manager })
  const composer = useRef<HTMLDivElement>(null)
  // Set by the last effect to run (a parent's runs after its children's, the button's paste
  // listener included), for a play function to wait on: Storybook renders a story inside React's
  // act() only in development, so in a static build a play starts before effects have run.
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  return (
    <div
      ref={composer}
      data-ready={ready || undefined}
      style={{ display: 'grid', gap: '1rem', maxInlineSize: '32rem' }}
    >
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'start' }}>
        <textarea aria-label="Message" rows={2} style={{ flex: 1 }} />
        <AttachmentButton {...rest} controller={controller} pasteTarget={composer} />
      </div>
      <UploadList controller={controller} />
    </div>
  )
}

/** Play functions read the English messages, so the stories that have one stay in English. */
const english = { locale: 'en' }

const meta = {
  title: 'Attachments/AttachmentButton',
  component: AttachmentButton,
  tags: ['autodocs'],
  loaders,
  argTypes: {
    controller: { control: false },
    manager: { control: false },
    pasteTarget: { control: false },
    children: { control: false },
    classNames: { control: false },
    capture: { control: 'select', options: [undefined, true, 'user', 'environment'] },
  },
  args: { disabled: false, maxRejections: 5, showRejections: true },
  render: (args, { loaded }) => <Composer {...args} scene={(loaded as Loaded).scene} />,
} satisfies Meta<typeof AttachmentButton>

export default meta
type Story = StoryObj<typeof meta>

/** In a composer: choose files with the button, or paste a screenshot into the message field. */
export const Playground: Story = {}

/** Idle, disabled, with rejections, and with custom content, in both themes and directions. */
export const AllStates: Story = {
  render: (args) => (
    <ThemeGrid>
      {() => (
        <>
          <Example title="Idle">
            <AttachmentButton {...args} />
          </Example>
          <Example title="Disabled">
            <AttachmentButton {...args} disabled />
          </Example>
          <Example title="Rejected, one reason each">
            <WithAdded files={rejectedFiles}>
              {(controller) => <AttachmentButton {...args} controller={controller} />}
            </WithAdded>
          </Example>
          <Example title="Custom content">
            <AttachmentButton {...args}>Attach a file</AttachmentButton>
          </Example>
        </>
      )}
    </ThemeGrid>
  ),
  globals: english,
  play: async ({ canvas }) => {
    const [cell] = canvas.getAllByRole('group', { name: 'Light, left to right' })
    const buttons = within(cell as HTMLElement).getAllByRole('button', { name: 'Attach a file' })
    expect(buttons).toHaveLength(4)
    expect(buttons[0]).toHaveAccessibleDescription(/20 MB/)
    expect(buttons[1]).toBeDisabled()
    const alerts = within(cell as HTMLElement).getAllByRole('alert')
    await waitFor(() => expect(alerts.filter((alert) => alert.textContent)).toHaveLength(1))
    expect(alerts.find((alert) => alert.textContent)).toHaveTextContent(
      '4 files could not be attached',
    )
  },
}

/** Files chosen in the picker are uploaded. */
export const Pick: Story = {
  globals: english,
  play: async ({ canvas, canvasElement, userEvent }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input[type="file"]')
    if (input === null) throw new Error('no file input')
    expect(input).toHaveAttribute('accept', expect.stringContaining('.pdf'))
    await userEvent.upload(input, [storyFile('boarding-pass.pdf', 30_000)])
    const row = await canvas.findByRole('listitem')
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'succeeded'))
    expect(row).toHaveTextContent('boarding-pass.pdf')
  },
}

/** A screenshot pasted into the message field is attached; a text paste is left to the field. */
export const PasteIntoComposer: Story = {
  globals: english,
  play: async ({ canvas, loaded }) => {
    const field = canvas.getByRole('textbox', { name: 'Message' })
    // Pasted once the button listens, as a person's paste always is (see Composer).
    await waitFor(() => expect(field.closest('[data-ready]')).not.toBeNull())
    pasteFiles(field, [storyFile('screenshot.png', 5000, 'image/png')])
    const row = await canvas.findByRole('listitem')
    await waitFor(() => expect(row).toHaveAttribute('data-status', 'succeeded'))
    expect((loaded as Loaded).scene.fake.calls.start).toHaveLength(1)
  },
}

/** Custom text in place of the paperclip: what the button shows is what it is called. */
export const CustomText: Story = {
  args: { children: 'Add files' },
  globals: english,
  play: async ({ canvas }) => {
    expect(canvas.getByRole('button', { name: 'Add files' })).toBeVisible()
  },
}

/** The same states with the German catalog (`messagesDe`, `de-DE`), checked by axe and for console output. */
export const AllStatesGerman: Story = { ...AllStates, globals: { locale: 'de' }, play: undefined }
