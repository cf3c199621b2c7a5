// The Participant Service calls a chat makes besides attachments: CreateParticipantConnection,
// SendMessage, SendEvent, GetTranscript, DisconnectParticipant.
import { isoTime, type EmulatorContext } from './context.js'
import { itemBase, type Chats, type Seat, type TranscriptItem } from './chats.js'
import { accessDenied, authorizedPost } from './participant-service.js'
import type { Exchange, Route } from './router.js'
import { optionalInteger, requiredString } from './validate.js'
import { fail } from './wire-errors.js'

const V = 'ValidationException'
// ConnectionToken lifetime (chatjs refreshes a minute before) and the websocket URL's connect
// window ("a connect expiry timeout of 100s", CreateParticipantConnection docs).
const TOKEN_TTL_SECONDS = 24 * 60 * 60
const WEBSOCKET_URL_TTL_SECONDS = 100
// Events that are delivered but never kept in the transcript.
const TRANSIENT_EVENTS = new Set([
  'application/vnd.amazonaws.connect.event.typing',
  'application/vnd.amazonaws.connect.event.connection.acknowledged',
  'application/vnd.amazonaws.connect.event.message.delivered',
  'application/vnd.amazonaws.connect.event.message.read',
])

type ChatHandler = (seat: Seat, body: Record<string, unknown>, time: string) => object

/** The chat routes. */
export function participantChatRoutes(ctx: EmulatorContext, chats: Chats): Route[] {
  const authorized = authorizedPost(ctx, chats)
  const post = (pattern: string, operation: Route['operation'], handle: ChatHandler): Route =>
    authorized(pattern, operation, (seat, body) =>
      handle(seat, body, new Date(ctx.now()).toISOString()),
    )
  return [
    {
      method: 'POST',
      pattern: '/participant/connection',
      service: 'participant',
      operation: 'CreateParticipantConnection',
      handle: async (ex) => ({ body: connect(ctx, chats, ex, await ex.json()) }),
    },
    post('/participant/message', 'SendMessage', (...args) => sendMessage(chats, ...args)),
    post('/participant/event', 'SendEvent', (...args) => sendEvent(chats, ...args)),
    post('/participant/transcript', 'GetTranscript', (seat, body) => transcript(seat, body)),
    post('/participant/disconnect', 'DisconnectParticipant', (seat, _, time) => {
      const left = 'application/vnd.amazonaws.connect.event.participant.left'
      chats.publish(seat.chat, { ...itemBase(seat, 'EVENT', time), ContentType: left })
      seat.participant.disconnected = true
      chats.disconnect(seat)
      return {}
    }),
  ]
}

function sendMessage(chats: Chats, seat: Seat, body: Record<string, unknown>, time: string) {
  const item = {
    ...itemBase(seat, 'MESSAGE', time),
    ContentType: requiredString(body, 'ContentType', 256, V),
    Content: requiredString(body, 'Content', 16384, V),
  }
  chats.publish(seat.chat, item)
  return { Id: item.Id, AbsoluteTime: item.AbsoluteTime }
}

function sendEvent(chats: Chats, seat: Seat, body: Record<string, unknown>, time: string) {
  const contentType = requiredString(body, 'ContentType', 256, V)
  const item: TranscriptItem = {
    ...itemBase(seat, 'EVENT', time),
    ContentType: contentType,
    ...(typeof body.Content === 'string' ? { Content: body.Content } : {}),
  }
  if (TRANSIENT_EVENTS.has(contentType)) chats.onlyPush(seat.chat, item)
  else chats.publish(seat.chat, item)
  return { Id: item.Id, AbsoluteTime: item.AbsoluteTime }
}

function connect(
  ctx: EmulatorContext,
  chats: Chats,
  ex: Exchange,
  body: Record<string, unknown>,
): object {
  const bearer = ex.req.headers['x-amz-bearer']
  const seat = typeof bearer === 'string' ? chats.byParticipantToken(bearer) : undefined
  if (seat === undefined || seat.participant.disconnected) {
    throw accessDenied()
  }
  const types = body.Type
  if (body.ConnectParticipant !== true && (!Array.isArray(types) || types.length === 0)) {
    throw fail(400, V, "1 validation error detected: Value at 'type' must not be null")
  }
  const wanted = new Set(Array.isArray(types) ? types : ['WEBSOCKET', 'CONNECTION_CREDENTIALS'])
  const now = ctx.now()
  const response: Record<string, unknown> = {}
  if (wanted.has('CONNECTION_CREDENTIALS')) {
    const expiresAt = now + (ex.fault?.urlTtlSeconds ?? TOKEN_TTL_SECONDS) * 1000
    response.ConnectionCredentials = {
      ConnectionToken: chats.issueConnectionToken(seat, expiresAt),
      Expiry: isoTime(expiresAt),
    }
  }
  if (wanted.has('WEBSOCKET')) {
    // chatjs accepts only wss:// or ws://127.0.0.1: URLs (its validWSUrl), so localhost is rewritten.
    const host = ex.host.replace(/^localhost(?=:|$)/, '127.0.0.1')
    const ttl = ex.fault?.urlTtlSeconds ?? WEBSOCKET_URL_TTL_SECONDS
    response.Websocket = {
      Url: `ws://${host}/participant/websocket?id=${chats.issueWebsocketId(seat)}`,
      ConnectionExpiry: isoTime(now + ttl * 1000),
    }
  }
  return response
}

function transcript(seat: Seat, body: Record<string, unknown>): object {
  const max = optionalInteger(body, 'MaxResults', 0, 100, V) ?? 15
  const forward = body.ScanDirection === 'FORWARD'
  const descending = body.SortOrder === 'DESCENDING'
  const offset = typeof body.NextToken === 'string' ? Number.parseInt(body.NextToken, 10) || 0 : 0
  // Items in scan order: FORWARD from the oldest, BACKWARD (the default) from the newest.
  const scan = forward ? [...seat.chat.items] : [...seat.chat.items].reverse()
  const start = startIndex(scan, body.StartPosition) + offset
  const page = scan.slice(start, start + max)
  const ascending = forward ? page : [...page].reverse()
  return {
    InitialContactId: seat.chat.contactId,
    Transcript: descending ? [...ascending].reverse() : ascending,
    ...(start + max < scan.length ? { NextToken: String(offset + max) } : {}),
  }
}

const startIndex = (scan: TranscriptItem[], position: unknown): number => {
  if (typeof position !== 'object' || position === null) return 0
  const { Id } = position as { Id?: unknown }
  const index = typeof Id === 'string' ? scan.findIndex((item) => item.Id === Id) : -1
  return Math.max(index, 0)
}
