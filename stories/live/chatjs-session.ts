// amazon-connect-chatjs sessions on an emulator chat: the CUSTOMER session a chat widget makes
// from StartChatContact's answer, and the AGENT session Streams hands a custom CCP pane.
import type { CreatedChat } from '../../src/emulator/index.js'
import type { ChatSessionLike } from '../../src/participant/index.js'
import { createParticipantConnection } from './emulator-client.js'
import { emulatorUrl } from './live-config.js'

/** The slice of a chatjs session the recipes use (chatjs's types are an ambient namespace). */
export interface ChatJsSession extends ChatSessionLike {
  connect(): Promise<unknown>
  onMessage(handler: (event: { data: TranscriptItem }) => void): void
  getTranscript(args: object): Promise<{ data: { Transcript?: TranscriptItem[] } }>
  sendMessage(args: { contentType: string; message: string }): Promise<unknown>
  disconnectParticipant(): Promise<unknown>
}

/** A transcript item as chatjs delivers it. */
export type TranscriptItem = Record<string, unknown> & { Id: string; Type: string }

interface ChatJs {
  ChatSession: { setGlobalConfig(config: object): void; create(args: object): ChatJsSession }
}

let loaded: Promise<ChatJs> | undefined

/**
 * Loads chatjs once (it sets the global `connect`) and points it at the emulator; the endpoint
 * must be set before the first session, as chatjs caches its client per region.
 */
function loadChatJs(): Promise<ChatJs> {
  return (loaded ??= (async () => {
    // @ts-expect-error chatjs's types are an ambient namespace, not a module; it sets `connect`.
    await import('amazon-connect-chatjs')
    const chatjs = (globalThis as unknown as { connect: ChatJs }).connect
    chatjs.ChatSession.setGlobalConfig({
      region: 'us-east-1',
      endpoint: emulatorUrl,
      // chatjs reports its own retries and reconnects at WARN; the recipes show errors only.
      loggerConfig: { useDefaultLogger: false },
    })
    return chatjs
  })())
}

/** A connected CUSTOMER session, as a chat widget makes one from its backend's StartChatContact. */
export async function customerSession(chat: CreatedChat): Promise<ChatJsSession> {
  const chatjs = await loadChatJs()
  const session = chatjs.ChatSession.create({
    chatDetails: {
      ContactId: chat.contactId,
      ParticipantId: chat.participantId,
      ParticipantToken: chat.participantToken,
    },
    options: { region: 'us-east-1' },
    type: 'CUSTOMER',
    // No client-side metrics worker posting to AWS from a local demo.
    disableCSM: true,
  })
  await session.connect()
  return session
}

type Listener = (value: unknown) => void

/**
 * What Streams gives an AGENT session in a custom CCP: `getConnectionToken` (the CCP calls
 * CreateParticipantConnection with `ConnectParticipant: true` for the agent) and its shared
 * WebSocketManager, already connected. Here both are done against the emulator directly.
 */
async function streamsStandIn(agentParticipantToken: string) {
  const connection = await createParticipantConnection(agentParticipantToken, {
    websocket: true,
    connectParticipant: true,
  })
  const socket = new WebSocket(connection.websocketUrl ?? '')
  const listeners = { message: new Set<Listener>(), gain: new Set<Listener>() }
  const on = (set: Set<Listener>) => (listener: Listener) => {
    set.add(listener)
    return () => set.delete(listener)
  }
  socket.addEventListener('open', () => {
    socket.send(JSON.stringify({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }))
    for (const listener of listeners.gain) listener({})
  })
  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(String(event.data)) as { topic?: string }
    if (frame.topic === 'aws/chat') for (const listener of listeners.message) listener(frame)
  })
  const websocketManager = {
    subscribeTopics: () => undefined,
    onMessage: (_topic: string, listener: Listener) => on(listeners.message)(listener),
    onConnectionGain: on(listeners.gain),
    onConnectionLost: () => () => undefined,
    onInitFailure: () => () => undefined,
    closeWebSocket: () => socket.close(),
  }
  const getConnectionToken = async () => ({
    chatTokenTransport: { participantToken: connection.connectionToken, expiry: connection.expiry },
  })
  return { websocketManager, getConnectionToken, close: () => socket.close() }
}

/** A connected AGENT session on the agent's seat of `chat`, and how to close its websocket. */
export async function agentSession(
  chat: CreatedChat,
): Promise<{ session: ChatJsSession; close(): void }> {
  const chatjs = await loadChatJs()
  const streams = await streamsStandIn(chat.agent.participantToken)
  const session = chatjs.ChatSession.create({
    chatDetails: {
      contactId: chat.contactId,
      participantId: chat.agent.participantId,
      participantToken: chat.agent.participantToken,
      getConnectionToken: streams.getConnectionToken,
    },
    options: { region: 'us-east-1' },
    type: 'AGENT',
    websocketManager: streams.websocketManager,
  })
  await session.connect()
  return { session, close: streams.close }
}
