// @vitest-environment jsdom
// amazon-connect-chatjs, unmodified, against the emulator: the proof that the emulator's wire
// format (Participant Service, S3 PUT, websocket frames) is what chatjs expects. Pitfalls from
// connect-apis.md §1.5: chatjs needs a DOM-like global, `ws` as WebSocket, and Node's File.
import { File } from 'node:buffer'
import { WebSocket } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import { confirmedSubscriptions, loadChatJs, stopChatJsTimers, type ChatJs } from './load-chatjs.js'

interface ChatItem {
  Type?: string
  Content?: string
  Attachments?: Array<{ AttachmentId: string; AttachmentName: string; Status: string }>
}
interface ChatSession {
  onMessage(handler: (event: { data: ChatItem }) => void): void
  onConnectionEstablished(handler: () => void): void
  connect(): Promise<unknown>
  sendMessage(args: { contentType: string; message: string }): Promise<unknown>
  sendAttachment(args: { attachment: unknown }): Promise<unknown>
  getTranscript(args: {
    maxResults?: number
    sortOrder?: string
    scanDirection?: string
  }): Promise<{ data: { Transcript: ChatItem[] } }>
  disconnectParticipant(): Promise<unknown>
}

let emu: Emulator
let chatjs: ChatJs<ChatSession>

beforeAll(async () => {
  emu = await startEmulator()
  chatjs = await loadChatJs<ChatSession>(emu.url, { useDefaultLogger: false })
})
afterAll(async () => {
  stopChatJsTimers()
  await emu.close()
})

/** The agent's view: a raw websocket subscribed to the chat, collecting pushed items. */
async function agentSocket(
  participantToken: string,
): Promise<{ items: ChatItem[]; close(): void }> {
  const res = await fetch(`${emu.url}/participant/connection`, {
    method: 'POST',
    headers: { 'x-amz-bearer': participantToken, 'content-type': 'application/json' },
    body: JSON.stringify({ Type: ['WEBSOCKET'] }),
  })
  const { Websocket } = (await res.json()) as { Websocket: { Url: string } }
  const socket = new WebSocket(Websocket.Url)
  const items: ChatItem[] = []
  await new Promise((resolve) => socket.once('open', resolve))
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { topic: string; content: unknown }
    if (frame.topic === 'aws/chat') items.push(JSON.parse(frame.content as string) as ChatItem)
  })
  socket.send(JSON.stringify({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }))
  await new Promise((resolve) => socket.once('message', resolve))
  return { items, close: () => socket.close() }
}

describe('startEmulator with amazon-connect-chatjs', () => {
  it('connects a CUSTOMER session, sends a message and an attachment, and pushes the ATTACHMENT item', async () => {
    const chat = emu.createChat()
    const agent = await agentSocket(chat.agent.participantToken)
    const session = chatjs.ChatSession.create({
      chatDetails: {
        contactId: chat.contactId,
        participantId: chat.participantId,
        participantToken: chat.participantToken,
      },
      options: { region: 'us-east-1' },
      type: 'CUSTOMER',
      disableCSM: true,
    })
    const received: ChatItem[] = []
    session.onMessage((event) => received.push(event.data))
    const established = new Promise<void>((resolve) => session.onConnectionEstablished(resolve))
    const subscribedBefore = confirmedSubscriptions()
    await session.connect()
    await established
    await expect.poll(confirmedSubscriptions).toBeGreaterThan(subscribedBefore)

    await session.sendMessage({ contentType: 'text/plain', message: 'hello from chatjs' })
    const bytes = Buffer.from('a small text attachment')
    await session.sendAttachment({
      attachment: new File([bytes], 'notes.txt', { type: 'text/plain' }),
    })

    await expect
      .poll(() => received.find((item) => item.Type === 'ATTACHMENT'), { timeout: 5000 })
      .toBeDefined()
    const pushed = received.find((item) => item.Type === 'ATTACHMENT')
    expect(pushed?.Attachments?.[0]).toMatchObject({
      AttachmentName: 'notes.txt',
      Status: 'APPROVED',
    })
    expect(received.some((item) => item.Content === 'hello from chatjs')).toBe(true)
    await expect
      .poll(() => agent.items.map((item) => item.Type))
      .toEqual(expect.arrayContaining(['MESSAGE', 'ATTACHMENT']))

    const { data } = await session.getTranscript({
      maxResults: 15,
      sortOrder: 'ASCENDING',
      scanDirection: 'BACKWARD',
    })
    const listed = data.Transcript.find((item) => item.Type === 'ATTACHMENT')
    expect(listed?.Attachments?.[0]?.AttachmentId).toBe(pushed?.Attachments?.[0]?.AttachmentId)
    expect(emu.objects()).toEqual([
      expect.objectContaining({ size: bytes.length, contentType: 'text/plain' }),
    ])

    await session.disconnectParticipant()
    agent.close()
  })
})
