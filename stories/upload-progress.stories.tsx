import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect } from 'react'
import { expect, waitFor, within } from 'storybook/test'
import { UploadProgress, useAttachmentUpload } from '../src/react/index.js'
import type { UploadProgressProps } from '../src/react/index.js'
import { lifecycleFiles } from './support/scenes.js'
import { loadStates } from './support/state-manager.js'
import type { LoadedStates, StateScene } from './support/state-manager.js'
import { Example, ThemeGrid } from './support/theme-grid.js'

type Loaded = LoadedStates
type Args = UploadProgressProps & { percent: number }

/** A bar whose upload is moved to `percent` of its bytes, as the control changes. */
function Driven({ scene, percent, ...props }: Args & { scene: StateScene }) {
  // A controller on the manager makes its uploads known below the provider, as an app's
  // composer does; the bar follows them from there.
  useAttachmentUpload({ manager: scene.manager })
  useEffect(() => {
    const put = scene.put('photo.jpg')
    put.progress(Math.ceil((put.request.body.size * percent) / 100))
  }, [scene, percent])
  return <UploadProgress {...props} manager={scene.manager} />
}

/** Play functions read the English messages, so the stories that have one stay in English. */
const english = { locale: 'en' }

const meta = {
  title: 'Attachments/UploadProgress',
  component: UploadProgress,
  tags: ['autodocs'],
  argTypes: {
    id: { control: false },
    manager: { control: false },
    classNames: { control: false },
    percent: {
      control: { type: 'range', min: 0, max: 100 },
      description: 'Bytes sent (story only)',
    },
  },
  args: { id: '', percent: 45 },
  loaders: [loadStates([{ name: 'photo.jpg', size: 2_400_000, state: 'manual' }])],
  render: (args, { loaded }) => {
    const { scene } = loaded as Loaded
    return <Driven {...args} id={scene.ids['photo.jpg'] ?? ''} scene={scene} />
  },
} satisfies Meta<Args>

export default meta
type Story = StoryObj<typeof meta>

/** One file's bar, named by its file name; move `percent` to send bytes. */
export const Playground: Story = {
  play: async ({ canvas }) => {
    const bar = await canvas.findByRole('progressbar', { name: 'photo.jpg' })
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '45'))
  },
}

/** The bar in every state of an upload: its value, its words and `data-status`. */
export const AllStates: Story = {
  loaders: [loadStates(lifecycleFiles)],
  render: (_args, { loaded }) => {
    const { scene } = loaded as Loaded
    return (
      <ThemeGrid>
        {() =>
          lifecycleFiles.map((file) => (
            <Example
              key={file.name}
              title={`${file.state}${'code' in file ? `, ${file.code}` : ''}`}
            >
              <UploadProgress id={scene.ids[file.name] ?? ''} manager={scene.manager} />
            </Example>
          ))
        }
      </ThemeGrid>
    )
  },
  globals: english,
  play: async ({ canvas }) => {
    const [cell] = canvas.getAllByRole('group', { name: 'Light, left to right' })
    const bar = (name: string) => within(cell as HTMLElement).getByRole('progressbar', { name })
    expect(bar('contract-draft.pdf')).toHaveAttribute('data-status', 'starting')
    expect(bar('site-photo.jpg')).toHaveAttribute('aria-valuenow', '5')
    expect(bar('invoice-march.xlsx')).toHaveAttribute('aria-valuenow', '90')
    expect(bar('screen-recording.mp4')).toHaveAttribute('data-finishing')
    expect(bar('screen-recording.mp4').getAttribute('aria-valuetext')).toMatch(/sent, finishing$/)
    expect(bar('signed-form.pdf')).toHaveAttribute('aria-valuenow', '100')
    expect(bar('statement.pdf')).toHaveAttribute('data-status', 'failed')
    expect(bar('appendix.pdf')).toHaveAttribute('aria-valuetext', 'Waiting')
  },
}

/** The same states with the German catalog (`messagesDe`, `de-DE`), checked by axe and for console output. */
export const AllStatesGerman: Story = { ...AllStates, globals: { locale: 'de' }, play: undefined }
