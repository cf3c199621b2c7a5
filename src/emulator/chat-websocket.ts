// The chat websocket, on the HTTP server's port: the frames chatjs's WebSocketManager speaks
// (aws/subscribe, aws/ping, aws/heartbeat) and pushes of transcript items on topic aws/chat.
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Chats, Seat } from './chats.js'

/** The websocket side of the emulator. */
export interface ChatWebsocket {
  /** Closes every socket. */
  close(): Promise<void>
}

interface Client {
  socket: WebSocket
  seat: Seat
  subscribed: boolean
}

const PATH = '/participant/websocket'

/** Serves chat websockets on `server` for the chats in `chats`. */
export function attachChatWebsocket(server: Server, chats: Chats): ChatWebsocket {
  const wss = new WebSocketServer({ noServer: true })
  const clients = new Set<Client>()

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const seat = seatOf(chats, req)
    if (seat === undefined) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, seat))
  }

  const accept = (socket: WebSocket, seat: Seat): void => {
    const client: Client = { socket, seat, subscribed: false }
    clients.add(client)
    socket.on('close', () => clients.delete(client))
    socket.on('error', () => clients.delete(client))
    socket.on('message', (data) => answer(client, String(data)))
  }

  chats.onPush((chat, item) => {
    const frame = JSON.stringify({ topic: 'aws/chat', content: JSON.stringify(item) })
    for (const client of clients) {
      if (client.subscribed && client.seat.chat === chat) client.socket.send(frame)
    }
  })
  chats.onDisconnect((seat) => {
    for (const client of clients) {
      if (client.seat.participant === seat.participant)
        client.socket.close(1000, 'Participant disconnected')
    }
  })
  server.on('upgrade', onUpgrade)

  return {
    close: () =>
      new Promise((resolve) => {
        server.off('upgrade', onUpgrade)
        for (const client of clients) client.socket.terminate()
        clients.clear()
        wss.close(() => resolve())
      }),
  }
}

// Answers the WebSocketManager's control frames; pushed items go out through `onPush`.
function answer(client: Client, text: string): void {
  let frame: { topic?: unknown; content?: { topics?: unknown } }
  try {
    frame = JSON.parse(text) as typeof frame
  } catch {
    return
  }
  const send = (value: object): void => client.socket.send(JSON.stringify(value))
  if (frame.topic === 'aws/subscribe') {
    const topics = Array.isArray(frame.content?.topics) ? frame.content.topics : []
    client.subscribed = topics.includes('aws/chat')
    send({
      topic: 'aws/subscribe',
      content: { status: client.subscribed ? 'success' : 'failure', topics },
    })
  } else if (frame.topic === 'aws/ping') {
    send({ topic: 'aws/ping', statusCode: 200, statusContent: 'OK' })
  } else if (frame.topic === 'aws/heartbeat') {
    send({ topic: 'aws/heartbeat' })
  }
}

// The participant a websocket URL was issued to, unless they have left the chat.
function seatOf(chats: Chats, req: IncomingMessage): Seat | undefined {
  const url = new URL(req.url ?? '/', 'http://emulator')
  const seat =
    url.pathname === PATH ? chats.byWebsocketId(url.searchParams.get('id') ?? '') : undefined
  return seat?.participant.disconnected === false ? seat : undefined
}
