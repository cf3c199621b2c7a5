import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useMemo, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createUploadManager } from '../../src/core/index.js'
import type { CreatedChat } from '../../src/emulator/index.js'
import { createCasesAdapter, sendViaHttpBackend } from '../../src/cases/index.js'
import {
  createParticipantAdapter,
  participantAdapterFromChatSession,
} from '../../src/participant/index.js'
import {
  AttachedFileCard,
  AttachmentButton,
  AttachmentDropzone,
  AttachmentsProvider,
  UploadList,
  useAttachmentUpload,
} from '../../src/react/index.js'
import backendSource from './cases-backend.ts?raw'
import { ChatTranscript } from './chat-transcript.js'
import { agentSession, type ChatJsSession } from './chatjs-session.js'
import {
  createCase,
  createChat,
  createParticipantConnection,
  startedAttachments,
  storedObjects,
} from './emulator-client.js'
import { FaultPanel } from './fault-panel.js'
import { casesBackendUrl, DEMO_AGENT_TOKEN, emulatorUrl } from './live-config.js'
import {
  eicarFile,
  fileInput,
  NeedsEmulator,
  probeEmulator,
  textFile,
  useLive,
  LIVE_WAIT_MS,
} from './live-recipe.js'
import './recipes.css'

/** The customer's side, reduced to one button that uploads as the customer. */
function CustomerSends({ chat }: { chat: CreatedChat }) {
  const [manager] = useState(() =>
    createUploadManager({
      adapter: createParticipantAdapter({
        endpoint: emulatorUrl,
        getConnectionToken: async () =>
          (await createParticipantConnection(chat.participantToken)).connectionToken,
      }),
      disposeOnUnmount: true,
    }),
  )
  // Counted like a hook's use, so StrictMode's second mount keeps it; disposed once unused.
  useEffect(() => {
    manager.mount()
    return () => manager.unmount()
  }, [manager])
  const send = () => manager.add([textFile('error-log.txt', 'E42: printer on fire\n')])
  return (
    <button type="button" onClick={send}>
      Customer sends a log file
    </button>
  )
}

/** The chat tab: the transcript of the AGENT session, and a paperclip to send files back. */
function ChatTab({ chat, session }: { chat: CreatedChat; session: ChatJsSession }) {
  const adapter = useMemo(() => participantAdapterFromChatSession(session), [session])
  return (
    <AttachmentsProvider adapter={adapter}>
      <AgentChat chat={chat} session={session} />
    </AttachmentsProvider>
  )
}

function AgentChat({ chat, session }: { chat: CreatedChat; session: ChatJsSession }) {
  const controller = useAttachmentUpload({
    onUploadSucceeded: ({ upload }) => controller.remove(upload.id),
  })
  return (
    <div className="recipe-chat" role="region" aria-label="Chat with the customer">
      <h2 className="recipe-chat-header">Chat · customer</h2>
      <ChatTranscript session={session} self="AGENT" />
      <div className="recipe-composer">
        <UploadList controller={controller} />
        <div className="recipe-actions">
          <AttachmentButton controller={controller} />
          <CustomerSends chat={chat} />
        </div>
      </div>
    </div>
  )
}

/** A case's files: several uploads at once, then each card follows its scan until approved. */
function CaseFiles() {
  const [files, setFiles] = useState<{ id: string; name: string }[]>([])
  const controller = useAttachmentUpload({
    onUploadSucceeded: ({ upload }) => {
      controller.remove(upload.id)
      if (upload.remoteId)
        setFiles((list) => [...list, { id: upload.remoteId ?? '', name: upload.name }])
    },
  })
  return (
    <div>
      <AttachmentDropzone controller={controller} />
      <UploadList controller={controller} />
      <p className="recipe-actions">
        <button type="button" onClick={() => controller.add([eicarFile()])}>
          Upload a test virus file (EICAR)
        </button>
      </p>
      <ul className="recipe-case-files" aria-label="Case files">
        {files.map((file) => (
          <li key={file.id}>
            <AttachedFileCard fileId={file.id} name={file.name} />
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * The Cases tab. The pane holds no AWS credentials: every call goes to the host app's backend
 * (`createAttachedFilesHandler`, whose `authorize` checks the agent), which calls Connect.
 */
function CasesTab() {
  const live = useLive(createCase, () => undefined)
  const adapter = useMemo(
    () =>
      live.value &&
      createCasesAdapter({
        ...live.value,
        send: sendViaHttpBackend(casesBackendUrl, {
          headers: { authorization: `Bearer ${DEMO_AGENT_TOKEN}` },
        }),
      }),
    [live.value],
  )
  if (!adapter) return <p role="status">Opening the case…</p>
  return (
    <AttachmentsProvider adapter={adapter}>
      <CaseFiles />
      <details>
        <summary>The backend behind this tab (stories/live/cases-backend.ts)</summary>
        <pre>
          <code>{backendSource}</code>
        </pre>
      </details>
    </AttachmentsProvider>
  )
}

/**
 * The pane: a chat tab on the AGENT session Streams would hand it, and a Cases tab. Both tabs
 * stay mounted, the one not shown hidden, so switching tabs keeps the chat, the case and its
 * files (a tab made again on each switch would open a new, empty case).
 */
function AgentPane() {
  const [tab, setTab] = useState<'chat' | 'cases'>('chat')
  const live = useLive(
    async () => {
      const chat = await createChat()
      return { chat, ...(await agentSession(chat)) }
    },
    ({ session, close }) => {
      void session.disconnectParticipant().catch(() => undefined)
      close()
    },
  )
  const tabButton = (id: typeof tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`agent-tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`agent-panel-${id}`}
      onClick={() => setTab(id)}
    >
      {label}
    </button>
  )
  return (
    <div>
      <div role="tablist" aria-label="Contact" className="recipe-tabs">
        {tabButton('chat', 'Chat')}
        {tabButton('cases', 'Case files')}
      </div>
      <div
        role="tabpanel"
        id="agent-panel-chat"
        aria-labelledby="agent-tab-chat"
        hidden={tab !== 'chat'}
      >
        {live.error ? (
          <p role="alert">The chat did not start: {live.error.message}</p>
        ) : live.value ? (
          <ChatTab chat={live.value.chat} session={live.value.session} />
        ) : (
          <p role="status">Accepting the chat…</p>
        )}
      </div>
      <div
        role="tabpanel"
        id="agent-panel-cases"
        aria-labelledby="agent-tab-cases"
        hidden={tab !== 'cases'}
      >
        <CasesTab />
      </div>
    </div>
  )
}

/**
 * A custom pane in an agent's CCP, running against the local emulator of the AWS side
 * (`npm start`). The **Chat** tab is the chat from an amazon-connect-chatjs AGENT session, built
 * the way Streams hands one to a custom pane: *Customer sends a log file* plays the customer, and
 * the paperclip sends files back. The **Case files** tab attaches files to a case through the
 * host app's backend (`createCasesAdapter` with `sendViaHttpBackend`; the backend is
 * `stories/live/cases-backend.ts`, shown under the tab): drop several files at once and watch each
 * card go from *Checking for viruses…* to ready, download one (it is saved under its name),
 * upload the EICAR test file to see the scan block it, and delete one (it asks first). Switching
 * tabs keeps both. The **Emulator faults** panel beside the pane slows, throttles or breaks the
 * emulator so you can watch the components recover.
 */
const meta = {
  title: 'Recipes/Agent CCP pane',
  // Uploads to the run's emulator: tested once, in the default theme and direction.
  tags: ['live'],
  loaders: [probeEmulator],
  parameters: {
    layout: 'padded',
  },
  render: (_args, { loaded }) => (
    <NeedsEmulator loaded={loaded}>
      <div className="recipe-layout">
        <AgentPane />
        <FaultPanel />
      </div>
    </NeedsEmulator>
  ),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/**
 * A custom CCP pane: the chat tab runs on an amazon-connect-chatjs AGENT session (from the
 * emulator's agent token, as Streams hands one to a pane) and shows what the customer sends;
 * the Case files tab uploads to a case through the host's backend and follows each file's scan.
 */
export const AgentCcpPane: Story = {
  name: 'Agent CCP pane',
  play: async ({ canvasElement, loaded }) => {
    if (!(loaded as { emulatorReachable?: boolean }).emulatorReachable) return
    const canvas = within(canvasElement)
    await userEvent.click(
      await canvas.findByRole(
        'button',
        { name: 'Customer sends a log file' },
        { timeout: LIVE_WAIT_MS },
      ),
    )
    const transcript = canvas.getByRole('log', { name: 'Conversation' })
    await within(transcript).findByRole(
      'link',
      { name: /error-log\.txt/ },
      { timeout: LIVE_WAIT_MS },
    )
    await userEvent.upload(
      await fileInput(canvasElement, '.ca-attachment-button'),
      textFile('reply.txt', 'from the agent'),
    )
    await within(transcript).findByRole('link', { name: /reply\.txt/ }, { timeout: LIVE_WAIT_MS })

    await userEvent.click(canvas.getByRole('tab', { name: 'Case files' }))
    const names = ['invoice.txt', 'contract.txt', 'notes.txt']
    // Files of earlier views of this recipe stay in the emulator: only this run's are counted.
    const earlier = new Set((await startedAttachments()).map((entry) => entry.key))
    await userEvent.upload(
      await fileInput(canvasElement, '.ca-attachment-dropzone'),
      names.map((name) => textFile(name, `case file ${name}`)),
    )
    const list = await canvas.findByRole('list', { name: 'Case files' })
    await waitFor(
      () =>
        expect(list.querySelectorAll('.ca-attached-file-card[data-status="approved"]').length).toBe(
          names.length,
        ),
      { timeout: LIVE_WAIT_MS },
    )
    const approved = (await startedAttachments()).filter(
      (entry) =>
        entry.service === 'connect' && names.includes(entry.name) && !earlier.has(entry.key),
    )
    await expect(approved.map((entry) => entry.status)).toEqual([
      'APPROVED',
      'APPROVED',
      'APPROVED',
    ])

    // Back to the chat and to the case again: the same case, its files still listed.
    await userEvent.click(canvas.getByRole('tab', { name: 'Chat' }))
    await expect(canvas.getByRole('log', { name: 'Conversation' })).toBeVisible()
    await userEvent.click(canvas.getByRole('tab', { name: 'Case files' }))
    await expect(canvas.getByRole('list', { name: 'Case files' })).toBe(list)
    await expect(
      list.querySelectorAll('.ca-attached-file-card[data-status="approved"]').length,
    ).toBe(names.length)

    const card = within(list.querySelectorAll('li')[0] as HTMLElement)
    await userEvent.click(card.getByRole('button', { name: /delete/i }))
    await userEvent.click(await card.findByRole('button', { name: /delete/i }))
    await waitFor(
      async () => {
        const objects = await storedObjects()
        const ours = objects.filter((object) => approved.some((entry) => entry.key === object.key))
        await expect(ours.length).toBe(2)
      },
      { timeout: LIVE_WAIT_MS },
    )
  },
}
