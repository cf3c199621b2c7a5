// @vitest-environment jsdom
// A real amazon-connect-chatjs CUSTOMER session against the emulator drives the adapter, and the
// ATTACHMENT item its websocket delivers renders through parseAttachmentItem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isRetryable } from '../src/core/errors.js'
import { EICAR, startEmulator, type Emulator } from '../src/emulator/index.js'
import {
  parseAttachmentItem,
  participantAdapterFromChatSession,
  type ChatAttachment,
  type ChatSessionLike,
} from '../src/participant/index.js'
import { putToTarget, recordingFetch, signal, textBytes } from './adapter-helpers.js'
import { confirmedSubscriptions, loadChatJs, stopChatJsTimers, type ChatJs } from './load-chatjs.js'

/** The slice of a chatjs session these tests use. */
interface ChatJsSession extends ChatSessionLike {
  connect(): Promise<unknown>
  onMessage(handler: (event: unknown) => void): void
  disconnectParticipant(): Promise<unknown>
  controller: {
    connectionDetailsProvider: {
      fetchConnectionDetails(): Promise<unknown>
      getFetchedConnectionToken?(): string | null | undefined
    }
  }
}

let emu: Emulator
let chatjs: ChatJs<ChatJsSession>

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  chatjs = await loadChatJs<ChatJsSession>(emu.url, { level: 'ERROR' })
})
afterAll(async () => {
  stopChatJsTimers()
  await emu.close()
})

async function customerSession(): Promise<ChatJsSession> {
  const chat = emu.createChat()
  const session = chatjs.ChatSession.create({
    chatDetails: {
      ContactId: chat.contactId,
      ParticipantId: chat.participantId,
      ParticipantToken: chat.participantToken,
    },
    options: { region: 'us-east-1' },
    type: 'CUSTOMER',
    disableCSM: true,
  })
  const subscribedBefore = confirmedSubscriptions()
  await session.connect()
  // Pushes reach the session only once its websocket has subscribed.
  await expect.poll(confirmedSubscriptions).toBeGreaterThan(subscribedBefore)
  return session
}

function nextVerdict(
  session: ChatJsSession,
  id: string,
  status: ChatAttachment['status'] = 'approved',
): Promise<ChatAttachment> {
  return new Promise((resolve) => {
    session.onMessage((event) => {
      const attachment = parseAttachmentItem(event)
      if (attachment?.id === id && attachment.status === status) resolve(attachment)
    })
  })
}

describe('participantAdapterFromChatSession', () => {
  it('uploads through a chatjs CUSTOMER session and renders the item its websocket pushes', async () => {
    const session = await customerSession()
    try {
      const adapter = participantAdapterFromChatSession(session)
      expect(adapter.key).toBe(`participant:${session.getChatDetails().contactId}`)
      const bytes = textBytes('from the widget')
      const file = { name: 'report.pdf', size: bytes.length, type: 'application/pdf' }
      const target = await adapter.startUpload(file, { clientToken: 'c1', signal: signal() })
      const pushed = nextVerdict(session, target.id)
      await putToTarget(target, bytes)
      await adapter.completeUpload(target, { clientToken: 'c2', signal: signal() })
      expect(await pushed).toEqual({
        id: target.id,
        name: 'report.pdf',
        contentType: 'application/pdf',
        status: 'approved',
      })
      const remote = await adapter.getFile(target.id)
      expect(remote).toMatchObject({ status: 'approved', size: bytes.length })
    } finally {
      await session.disconnectParticipant()
    }
  })

  it('knows a rejected file from the websocket push, without asking the service', async () => {
    const session = await customerSession()
    try {
      const recorder = recordingFetch()
      const adapter = participantAdapterFromChatSession(session, { fetch: recorder.fetch })
      const bytes = textBytes(EICAR)
      const file = { name: 'eicar.txt', size: bytes.length, type: 'text/plain' }
      const target = await adapter.startUpload(file, { clientToken: 'c5', signal: signal() })
      const pushed = nextVerdict(session, target.id, 'rejected')
      await putToTarget(target, bytes)
      await adapter.completeUpload(target, { clientToken: 'c6', signal: signal() })
      await pushed
      recorder.paths.length = 0
      expect(await adapter.getFile(target.id)).toEqual({
        id: target.id,
        status: 'rejected',
        name: 'eicar.txt',
      })
      expect(recorder.paths).toEqual([])
    } finally {
      await session.disconnectParticipant()
    }
  })

  it('uses the token chatjs refreshed, not the stale one in getChatDetails()', async () => {
    const session = await customerSession()
    try {
      const bearers: string[] = []
      const recording: typeof fetch = (input, init) => {
        bearers.push(new Headers(init?.headers).get('x-amz-bearer') ?? '')
        return fetch(input, init)
      }
      const adapter = participantAdapterFromChatSession(session, { fetch: recording })
      const stale = session.getChatDetails().connectionDetails?.connectionToken
      // What chatjs's token polling does a minute before the token expires.
      await session.controller.connectionDetailsProvider.fetchConnectionDetails()
      const fresh = session.controller.connectionDetailsProvider.getFetchedConnectionToken?.()
      expect(fresh).toBeTruthy()
      expect(fresh).not.toBe(stale)
      expect(session.getChatDetails().connectionDetails?.connectionToken).toBe(stale)
      const file = { name: 'a.txt', size: 3, type: 'text/plain' }
      await adapter.startUpload(file, { clientToken: 'c3', signal: signal() })
      expect(bearers).toEqual([fresh])
    } finally {
      await session.disconnectParticipant()
    }
  })
})

describe('participantAdapterFromChatSession with an AGENT session', () => {
  it("falls back to Streams' getConnectionToken when chatjs holds no token yet", async () => {
    const chat = emu.createChat()
    const created = await fetch(`${emu.url}/participant/connection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-bearer': chat.agent.participantToken },
      body: JSON.stringify({ Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true }),
    })
    const { ConnectionCredentials } = (await created.json()) as {
      ConnectionCredentials: { ConnectionToken: string; Expiry: string }
    }
    // The shape Streams gives an AgentChatSession before connect(): chatjs's provider holds the
    // CCP's getConnectionToken and no fetched token yet.
    const session: ChatSessionLike = {
      getChatDetails: () => ({ contactId: chat.contactId, connectionDetails: null }),
      controller: {
        connectionDetailsProvider: {
          getFetchedConnectionToken: () => null,
          getConnectionToken: async () => ({
            chatTokenTransport: { participantToken: ConnectionCredentials.ConnectionToken },
          }),
        },
        chatClient: { invokeUrl: emu.url },
      },
    }
    const adapter = participantAdapterFromChatSession(session)
    const file = { name: 'a.txt', size: 3, type: 'text/plain' }
    const target = await adapter.startUpload(file, { clientToken: 'c4', signal: signal() })
    expect(target.id).toEqual(expect.any(String))
  })

  it("treats a failure of Streams' getConnectionToken as a passing one, to be retried", async () => {
    // Streams rejects with a bare Error and drops the cause (a CCP request that failed).
    const session: ChatSessionLike = {
      getChatDetails: () => ({ contactId: 'c', connectionDetails: null }),
      controller: {
        connectionDetailsProvider: {
          getFetchedConnectionToken: () => null,
          getConnectionToken: () => Promise.reject(new Error('getConnectionToken failed')),
        },
        chatClient: { invokeUrl: emu.url },
      },
    }
    const adapter = participantAdapterFromChatSession(session)
    const file = { name: 'a.txt', size: 3, type: 'text/plain' }
    const failure = await adapter
      .startUpload(file, { clientToken: 'c5', signal: signal() })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ code: 'network' })
    expect(isRetryable(failure)).toBe(true)
    expect((failure as Error).cause).toEqual(new Error('getConnectionToken failed'))
  })
})
