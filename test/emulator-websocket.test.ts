import { WebSocket } from 'ws'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import { send } from './emulator-helpers.js'

let emu: Emulator
beforeEach(async () => {
  emu = await startEmulator()
})
afterEach(() => emu.close())

const connection = async (participantToken: string) => {
  const res = await send(
    'POST',
    `${emu.url}/participant/connection`,
    { 'x-amz-bearer': participantToken },
    Buffer.from('{"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]}'),
  )
  const out = JSON.parse(res.text) as {
    Websocket: { Url: string }
    ConnectionCredentials: { ConnectionToken: string }
  }
  return { url: out.Websocket.Url, token: out.ConnectionCredentials.ConnectionToken }
}

/** Opens a socket and returns a function that sends a frame and resolves with the next one. */
async function open(url: string) {
  const socket = new WebSocket(url)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const ask = (frame: object) =>
    new Promise<unknown>((resolve) => {
      socket.once('message', (data) => resolve(JSON.parse(String(data))))
      socket.send(JSON.stringify(frame))
    })
  return { socket, ask }
}

describe('startEmulator: chat websocket', () => {
  it('answers subscribe, ping and heartbeat the way chatjs expects', async () => {
    const { url } = await connection(emu.createChat().participantToken)
    const { socket, ask } = await open(url)
    expect(await ask({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } })).toEqual({
      topic: 'aws/subscribe',
      content: { status: 'success', topics: ['aws/chat'] },
    })
    expect(await ask({ topic: 'aws/ping' })).toMatchObject({ topic: 'aws/ping', statusCode: 200 })
    expect(await ask({ topic: 'aws/heartbeat' })).toEqual({ topic: 'aws/heartbeat' })
    socket.close()
  })

  it('pushes items only to subscribed sockets of the same chat, as aws/chat frames with a JSON string', async () => {
    const chat = emu.createChat()
    const customer = await connection(chat.participantToken)
    const agent = await open((await connection(chat.agent.participantToken)).url)
    const stranger = await open((await connection(emu.createChat().participantToken)).url)
    await agent.ask({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } })
    await stranger.ask({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } })
    const strangerFrames: unknown[] = []
    stranger.socket.on('message', (data) => strangerFrames.push(data))
    const pushed = new Promise<{ topic: string; content: string }>((resolve) =>
      agent.socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    )
    await send(
      'POST',
      `${emu.url}/participant/message`,
      { 'x-amz-bearer': customer.token },
      Buffer.from('{"ContentType":"text/plain","Content":"hi"}'),
    )
    const frame = await pushed
    expect(frame.topic).toBe('aws/chat')
    expect(JSON.parse(frame.content)).toMatchObject({
      Type: 'MESSAGE',
      Content: 'hi',
      ParticipantRole: 'CUSTOMER',
      ContactId: chat.contactId,
    })
    expect(strangerFrames).toEqual([])
    agent.socket.close()
    stranger.socket.close()
  })

  it('refuses an unknown websocket id and closes a participant’s socket on disconnect', async () => {
    const { url, token } = await connection(emu.createChat().participantToken)
    const bad = new URL(url)
    bad.searchParams.set('id', 'nope')
    await expect(open(bad.toString())).rejects.toThrow(/403/)
    const { socket } = await open(url)
    const closed = new Promise<number>((resolve) => socket.once('close', resolve))
    await send(
      'POST',
      `${emu.url}/participant/disconnect`,
      { 'x-amz-bearer': token },
      Buffer.from('{}'),
    )
    expect(await closed).toBe(1000)
  })
})
