// The chats the emulator knows: participants and their tokens, the transcript, attachments.
// Anything appended to or updated in a transcript is pushed to the chat's websockets.
import { randomBytes, randomUUID } from 'node:crypto'
import type { UploadCalls } from './upload-ledger.js'

/** A participant's role, as in transcript items. */
type ParticipantRole = 'CUSTOMER' | 'AGENT'

/** One participant of a chat. */
interface Participant {
  participantId: string
  participantToken: string
  role: ParticipantRole
  displayName: string
  disconnected: boolean
}

/** Status of a chat attachment; PENDING_UPLOAD is ours (before Complete), the rest are AWS's. */
type ChatAttachmentStatus = 'PENDING_UPLOAD' | 'IN_PROGRESS' | 'APPROVED' | 'REJECTED'

/** An attachment started in a chat. */
export interface ChatAttachment {
  attachmentId: string
  name: string
  contentType: string
  size: number
  key: string
  participantId: string
  status: ChatAttachmentStatus
  /** The transcript item that shows it, once completed. */
  itemId?: string
  /** The Start and Complete requests that named it. */
  calls: UploadCalls
}

/** A transcript item, as GetTranscript and the websocket carry it. */
export type TranscriptItem = Record<string, unknown> & {
  Id: string
  Type: string
  AbsoluteTime: string
}

/** One chat. */
export interface Chat {
  contactId: string
  participants: Map<string, Participant>
  items: TranscriptItem[]
  attachments: Map<string, ChatAttachment>
  /** StartAttachmentUpload ClientToken → AttachmentId. */
  clientTokens: Map<string, string>
}

/** What `createChat()` returns: the customer's details plus the agent's. */
export interface CreatedChat {
  contactId: string
  participantId: string
  participantToken: string
  agent: { participantId: string; participantToken: string }
}

/** A chat and one of its participants. */
export interface Seat {
  chat: Chat
  participant: Participant
}

/** The chat registry. */
export interface Chats {
  create(): CreatedChat
  byParticipantToken(token: string): Seat | undefined
  /** A fresh ConnectionToken for the seat. */
  issueConnectionToken(seat: Seat, expiresAt: number): string
  /** The seat of a ConnectionToken that has not expired, if any. */
  byConnectionToken(token: string, now: number): Seat | undefined
  /** A one-time id for the websocket URL. */
  issueWebsocketId(seat: Seat): string
  byWebsocketId(id: string): Seat | undefined
  /** Appends an item (or replaces the one with the same Id) and pushes it. */
  publish(chat: Chat, item: TranscriptItem): void
  /** Pushes an item to the chat's websockets without keeping it (typing, receipts). */
  onlyPush(chat: Chat, item: TranscriptItem): void
  /** Called with every pushed item. */
  onPush(listener: (chat: Chat, item: TranscriptItem) => void): void
  /** Tells listeners that a participant left (their websockets close). */
  disconnect(seat: Seat): void
  onDisconnect(listener: (seat: Seat) => void): void
}

const token = (): string => randomBytes(32).toString('base64url')

const newParticipant = (role: ParticipantRole, displayName: string): Participant => ({
  participantId: randomUUID(),
  participantToken: token(),
  role,
  displayName,
  disconnected: false,
})

function newChat(): { chat: Chat; customer: Participant; agent: Participant } {
  const customer = newParticipant('CUSTOMER', 'Customer')
  const agent = newParticipant('AGENT', 'Agent')
  const chat: Chat = {
    contactId: randomUUID(),
    participants: new Map([customer, agent].map((p) => [p.participantId, p])),
    items: [],
    attachments: new Map(),
    clientTokens: new Map(),
  }
  return { chat, customer, agent }
}

/** Creates an empty registry. */
export function createChats(): Chats {
  const participantTokens = new Map<string, Seat>()
  const connectionTokens = new Map<string, { seat: Seat; expiresAt: number }>()
  const websocketIds = new Map<string, Seat>()
  const pushListeners: Array<(chat: Chat, item: TranscriptItem) => void> = []
  const leaveListeners: Array<(seat: Seat) => void> = []
  const push = (chat: Chat, item: TranscriptItem): void => {
    for (const listener of pushListeners) listener(chat, item)
  }
  return {
    create() {
      const { chat, customer, agent } = newChat()
      for (const participant of [customer, agent]) {
        participantTokens.set(participant.participantToken, { chat, participant })
      }
      const { participantId, participantToken } = customer
      const agentSeat = {
        participantId: agent.participantId,
        participantToken: agent.participantToken,
      }
      return { contactId: chat.contactId, participantId, participantToken, agent: agentSeat }
    },
    byParticipantToken: (t) => participantTokens.get(t),
    issueConnectionToken(seat, expiresAt) {
      const t = token()
      connectionTokens.set(t, { seat, expiresAt })
      return t
    },
    byConnectionToken(t, now) {
      const grant = connectionTokens.get(t)
      return grant !== undefined && grant.expiresAt > now ? grant.seat : undefined
    },
    issueWebsocketId(seat) {
      const id = token()
      websocketIds.set(id, seat)
      return id
    },
    byWebsocketId: (id) => websocketIds.get(id),
    publish(chat, item) {
      const index = chat.items.findIndex((existing) => existing.Id === item.Id)
      if (index === -1) chat.items.push(item)
      else chat.items[index] = item
      push(chat, item)
    },
    onlyPush: push,
    onPush: (listener) => void pushListeners.push(listener),
    disconnect: (seat) => leaveListeners.forEach((listener) => listener(seat)),
    onDisconnect: (listener) => void leaveListeners.push(listener),
  }
}

/** The common members of an item a participant produced. */
export function itemBase(seat: Seat, type: string, absoluteTime: string): TranscriptItem {
  return {
    Id: randomUUID(),
    Type: type,
    AbsoluteTime: absoluteTime,
    ParticipantId: seat.participant.participantId,
    DisplayName: seat.participant.displayName,
    ParticipantRole: seat.participant.role,
    ContactId: seat.chat.contactId,
    InitialContactId: seat.chat.contactId,
  }
}
