import { Description, Primary, Title } from '@storybook/addon-docs/blocks'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useMemo, useRef, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createUploadManager } from '../../src/core/index.js'
import type { CreatedChat } from '../../src/emulator/index.js'
import {
  createParticipantAdapter,
  participantAdapterFromChatSession,
} from '../../src/participant/index.js'
import {
  AttachmentButton,
  AttachmentDropzone,
  AttachmentsProvider,
  UploadList,
  useAttachmentUpload,
} from '../../src/react/index.js'
import { getFormatters } from '../../src/react/format.js'
import { ChatTranscript } from './chat-transcript.js'
import { customerSession, type ChatJsSession } from './chatjs-session.js'
import {
  clearFaults,
  createChat,
  createParticipantConnection,
  getSettings,
  listFaults,
  setScanDelay,
  storedObjects,
} from './emulator-client.js'
import { FaultPanel } from './fault-panel.js'
import { emulatorUrl } from './live-config.js'
import {
  drawnPng,
  eicarFile,
  fileInput,
  largeFile,
  MB,
  NeedsEmulator,
  probeEmulator,
  textFile,
  useLive,
  LIVE_WAIT_MS,
} from './live-recipe.js'
import './recipes.css'

/** The message box with the paperclip, the drop area and the uploads in flight. */
function Composer({ session }: { session: ChatJsSession }) {
  const controller = useAttachmentUpload({
    // A sent file shows in the transcript from then on; the list is for files in flight.
    onUploadSucceeded: ({ upload }) => controller.remove(upload.id),
  })
  const [text, setText] = useState('')
  const box = useRef<HTMLInputElement>(null)
  const send = () => {
    if (text.trim() === '') return
    void session.sendMessage({ contentType: 'text/plain', message: text })
    setText('')
  }
  return (
    <div className="recipe-composer">
      <UploadList controller={controller} />
      <AttachmentDropzone controller={controller} className="recipe-dropzone" />
      <form
        className="recipe-message-row"
        onSubmit={(event) => {
          event.preventDefault()
          send()
        }}
      >
        <AttachmentButton controller={controller} pasteTarget={box} />
        <input
          ref={box}
          aria-label="Message"
          placeholder="Type a message, or paste a file"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit">Send</button>
      </form>
      <div className="recipe-actions">
        <button type="button" onClick={() => controller.add([eicarFile()])}>
          Send a test virus file (EICAR)
        </button>
        <button type="button" onClick={() => controller.add([largeFile()])}>
          Send a 16 MB file
        </button>
      </div>
    </div>
  )
}

/**
 * The agent's side, reduced to one button: it uploads as the agent (the chat's second
 * participant) through the same chat adapter, with the agent's connection token.
 */
function AgentReply({ chat }: { chat: CreatedChat }) {
  const [manager] = useState(() =>
    createUploadManager({
      adapter: createParticipantAdapter({
        endpoint: emulatorUrl,
        getConnectionToken: async () =>
          (
            await createParticipantConnection(chat.agent.participantToken, {
              connectParticipant: true,
            })
          ).connectionToken,
      }),
      disposeOnUnmount: true,
    }),
  )
  // Counted like a hook's use, so StrictMode's second mount keeps it; disposed once unused.
  useEffect(() => {
    manager.mount()
    return () => manager.unmount()
  }, [manager])
  const reply = async () => {
    manager.add([await drawnPng('annotated-screenshot.png', 'Step 3: click "Reset"')])
  }
  return (
    <p className="recipe-agent">
      <span>The agent’s side, for this demo:</span>
      <button type="button" onClick={() => void reply()}>
        Agent sends a screenshot back
      </button>
    </p>
  )
}

/** The widget on a connected CUSTOMER session. */
function ChatWidget({ chat, session }: { chat: CreatedChat; session: ChatJsSession }) {
  const adapter = useMemo(() => participantAdapterFromChatSession(session), [session])
  return (
    <AttachmentsProvider adapter={adapter}>
      <div className="recipe-chat" aria-label="Support chat" role="region">
        <h2 className="recipe-chat-header">Support chat · connected</h2>
        <ChatTranscript session={session} self="CUSTOMER" />
        <Composer session={session} />
        <AgentReply chat={chat} />
      </div>
    </AttachmentsProvider>
  )
}

/** Starts an emulator chat, as the widget's backend would with StartChatContact, and connects. */
function CustomerChat() {
  const live = useLive(
    async () => {
      const chat = await createChat()
      return { chat, session: await customerSession(chat) }
    },
    ({ session }) => void session.disconnectParticipant().catch(() => undefined),
  )
  if (live.error) return <p role="alert">The chat did not start: {live.error.message}</p>
  if (!live.value) return <p role="status">Connecting to the chat…</p>
  return <ChatWidget {...live.value} />
}

/**
 * A customer's chat widget with attachments, running against the local emulator of the AWS side
 * (`npm start`): a real amazon-connect-chatjs CUSTOMER session, with the library's
 * `AttachmentButton`, `AttachmentDropzone`, `UploadList` and `AttachmentMessage`.
 *
 * **Try it:** attach a file with the paperclip, drop one on the drop area, or paste a screenshot
 * into the message box. It shows in the upload list while it travels, then in the transcript,
 * where the virus scan's verdict arrives over the websocket. *Send a test virus file* shows a
 * file the scan blocks, *Send a 16 MB file* one big enough to watch its progress, and *Agent
 * sends a screenshot back* an image with its preview. The **Emulator faults** panel beside the
 * chat slows the network, throttles, resets connections or shortens URL lifetimes, so you can
 * watch uploads recover; faults are the emulator's, so clear them when you are done.
 *
 * The code is `stories/live/customer-chat.stories.tsx`: `ChatWidget` and `Composer` are what a
 * widget of your own needs. The story *walked through* below does all of this by itself.
 */
const meta = {
  title: 'Recipes/Customer chat widget',
  // Uploads to the run's emulator: tested once, in the default theme and direction.
  tags: ['live'],
  loaders: [probeEmulator],
  parameters: {
    layout: 'padded',
    // The docs page shows the widget once: each story there would open a chat of its own and
    // repeat the page's landmarks.
    docs: {
      page: () => (
        <>
          <Title />
          <Description />
          <Primary />
        </>
      ),
    },
  },
  render: (_args, { loaded }) => (
    <NeedsEmulator loaded={loaded}>
      <div className="recipe-layout">
        <CustomerChat />
        <FaultPanel />
      </div>
    </NeedsEmulator>
  ),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/**
 * A chat widget on an amazon-connect-chatjs CUSTOMER session against the emulator: attach with
 * the paperclip, by dropping or by pasting into the message box; files in flight show in the
 * upload list and then in the transcript, where the scan's verdict arrives over the websocket.
 * It does nothing by itself: it is yours to try.
 */
export const CustomerChatWidget: Story = {
  name: 'Customer chat widget',
}

/**
 * The same widget working by itself: it sends a text file and downloads it back, sends the
 * EICAR test file and waits for the scan to block it, and has the agent send a screenshot.
 */
export const WalkedThrough: Story = {
  name: 'Customer chat widget, walked through',
  play: async ({ canvasElement, loaded }) => {
    if (!(loaded as { emulatorReachable?: boolean }).emulatorReachable) return
    const canvas = within(canvasElement)
    const input = await fileInput(canvasElement, '.ca-attachment-button')
    const content = `widget upload ${Date.now()}`
    await userEvent.upload(input, textFile('order-1234.txt', content))
    const transcript = canvas.getByRole('log', { name: 'Conversation' })
    const link = await within(transcript).findByRole(
      'link',
      { name: /order-1234\.txt/ },
      { timeout: LIVE_WAIT_MS },
    )
    const downloaded = await (await fetch(link.getAttribute('href') ?? '')).text()
    await expect(downloaded).toBe(content)
    await expect(
      (await storedObjects()).some((object) => object.key.endsWith('order-1234.txt')),
    ).toBe(true)

    await userEvent.click(canvas.getByRole('button', { name: 'Send a test virus file (EICAR)' }))
    await waitFor(
      () =>
        expect(transcript.querySelector('[data-status="rejected"]')?.textContent).toContain(
          'eicar-test-file.txt',
        ),
      { timeout: LIVE_WAIT_MS },
    )

    await userEvent.click(canvas.getByRole('button', { name: 'Agent sends a screenshot back' }))
    await within(transcript).findByRole(
      'link',
      { name: /annotated-screenshot\.png/ },
      { timeout: LIVE_WAIT_MS },
    )
    // The agent's button is part of the chat's card, not below it.
    await expect(
      canvas
        .getByRole('region', { name: 'Support chat' })
        .contains(canvas.getByRole('button', { name: 'Agent sends a screenshot back' })),
    ).toBe(true)
    // "16 MB" is 16 × 1,048,576 bytes, the unit of Connect's limits, and the UI says 16 MB.
    await expect(largeFile().size).toBe(16 * MB)
    await expect(getFormatters('en-US').bytes(largeFile().size)).toBe('16 MB')
  },
}

/**
 * The widget in a phone's width (360 px): the chat and the fault panel stack, and nothing
 * scrolls sideways or is cut off.
 */
export const OnAPhone: Story = {
  name: 'Customer chat widget, 360 px wide',
  decorators: [
    (Story) => (
      <div data-testid="phone" style={{ inlineSize: 360, overflowX: 'auto' }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement, loaded }) => {
    if (!(loaded as { emulatorReachable?: boolean }).emulatorReachable) return
    const canvas = within(canvasElement)
    await fileInput(canvasElement, '.ca-attachment-button')
    const phone = canvas.getByTestId('phone')
    await expect(phone.scrollWidth).toBeLessThanOrEqual(phone.clientWidth)
    const edge = phone.getBoundingClientRect()
    for (const control of canvas.getAllByRole('button')) {
      const box = control.getBoundingClientRect()
      await expect([control.textContent, box.left >= edge.left, box.right <= edge.right]).toEqual([
        control.textContent,
        true,
        true,
      ])
    }
  },
}

/**
 * The same widget with the fault panel at work: its play function throttles an upload through
 * the panel and watches it arrive anyway. A story of its own, because viewing it changes the
 * emulator's faults and scan delay (and clears them at the end), which the plain recipe must
 * not do to someone trying faults by hand.
 */
export const RecoveringFromFaults: Story = {
  name: 'Customer chat widget, recovering from faults',
  play: async ({ canvasElement, loaded }) => {
    if (!(loaded as { emulatorReachable?: boolean }).emulatorReachable) return
    const input = await fileInput(canvasElement, '.ca-attachment-button')
    const transcript = within(canvasElement).getByRole('log', { name: 'Conversation' })
    await faultPanelRecovers(canvasElement, input, transcript)
  },
}

/**
 * The fault panel's switches set and clear the emulator's faults, and an upload made under
 * throttling still arrives. The emulator's faults are global to this run: the throttling preset
 * fires twice in all and every upload retries through it, so a recipe tested at the same time
 * only slows down; the scan delay is set back at once.
 */
async function faultPanelRecovers(
  canvasElement: HTMLElement,
  input: HTMLInputElement,
  transcript: HTMLElement,
) {
  const panel = within(within(canvasElement).getByRole('region', { name: 'Emulator faults' }))
  const throttling = panel.getByRole('button', { name: 'Throttling' })
  await expect(throttling).toHaveAttribute('aria-pressed', 'false')
  try {
    await userEvent.click(throttling)
    await waitFor(() => expect(throttling).toHaveAttribute('aria-pressed', 'true'))
    await expect(await listFaults()).toContainEqual(
      expect.objectContaining({
        operation: 'StartAttachmentUpload',
        fault: expect.objectContaining({ status: 429 }),
      }),
    )
    await userEvent.upload(input, textFile('after-throttling.txt', 'sent through 429s'))
    await within(transcript).findByRole(
      'link',
      { name: /after-throttling\.txt/ },
      { timeout: LIVE_WAIT_MS },
    )
    await waitFor(() => expect(panel.getByText(/^Fired: .*StartAttach\w+ ×[12]/)).toBeVisible(), {
      timeout: LIVE_WAIT_MS,
    })

    const shortUrls = panel.getByRole('button', { name: 'Short URL lifetimes (5 s)' })
    await userEvent.click(shortUrls)
    await waitFor(() => expect(shortUrls).toHaveAttribute('aria-pressed', 'true'))
    await userEvent.click(shortUrls)
    await waitFor(() => expect(shortUrls).toHaveAttribute('aria-pressed', 'false'))
    await expect((await listFaults()).map((entry) => entry.operation)).not.toContain(
      'GetAttachment',
    )

    const before = (await getSettings()).scanDelayMs
    await userEvent.selectOptions(panel.getByRole('combobox', { name: 'Scan delay' }), '1.5 s')
    await waitFor(async () => expect((await getSettings()).scanDelayMs).toBe(1500))
    await setScanDelay(before)

    // Spent, the preset shows as off; set again, "Clear all faults" turns it off.
    await waitFor(() => expect(throttling).toHaveAttribute('aria-pressed', 'false'))
    await userEvent.click(throttling)
    await waitFor(() => expect(throttling).toHaveAttribute('aria-pressed', 'true'))
    await userEvent.click(panel.getByRole('button', { name: 'Clear all faults' }))
    await waitFor(() => expect(throttling).toHaveAttribute('aria-pressed', 'false'))
    await expect(await listFaults()).toEqual([])
  } finally {
    await clearFaults()
  }
}
