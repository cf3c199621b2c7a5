import { Agent, request } from 'node:http'
import { WebSocket } from 'ws'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../src/emulator/index.js'
import { putObject, send } from './emulator-helpers.js'

// Handles that would keep a test run alive: servers, sockets, timers.
const openHandles = (): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const name of process.getActiveResourcesInfo()) {
    if (/TCP|Timeout/.test(name)) counts[name] = (counts[name] ?? 0) + 1
  }
  return counts
}

const post = async (url: string, body: object, bearer: string) => {
  const res = await send(
    'POST',
    url,
    { 'content-type': 'application/json', 'x-amz-bearer': bearer },
    Buffer.from(JSON.stringify(body)),
  )
  return JSON.parse(res.text) as Record<string, unknown>
}

describe('startEmulator', () => {
  it('leaves no open handles after close, with a websocket, a keep-alive socket, a pending scan and a delayed request', async () => {
    const before = openHandles()
    const emu = await startEmulator({ scanDelayMs: 60_000 })
    const chat = emu.createChat()
    const conn = await post(
      `${emu.url}/participant/connection`,
      { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] },
      chat.participantToken,
    )
    const token = (conn.ConnectionCredentials as { ConnectionToken: string }).ConnectionToken
    const socket = new WebSocket((conn.Websocket as { Url: string }).Url)
    await new Promise((resolve) => socket.once('open', resolve))
    const socketClosed = new Promise((resolve) => socket.once('close', resolve))

    const started = await post(
      `${emu.url}/participant/start-attachment-upload`,
      {
        ContentType: 'text/plain',
        AttachmentName: 'a.txt',
        AttachmentSizeInBytes: 1,
        ClientToken: 'c',
      },
      token,
    )
    const meta = started.UploadMetadata as { Url: string; HeadersToInclude: Record<string, string> }
    await putObject(meta.Url, meta.HeadersToInclude, Buffer.from('a'))
    const completed = await post(
      `${emu.url}/participant/complete-attachment-upload`,
      { AttachmentIds: [started.AttachmentId], ClientToken: 'c' },
      token,
    )

    expect(completed).toEqual({})

    const agent = new Agent({ keepAlive: true })
    await new Promise((resolve) =>
      request(`${emu.url}/_emulator/objects`, { agent }, (res) =>
        res.resume().on('end', resolve),
      ).end(),
    )
    emu.faults.set('GetTranscript', { delayMs: 60_000 })
    const delayed = send(
      'POST',
      `${emu.url}/participant/transcript`,
      { 'x-amz-bearer': token },
      Buffer.from('{}'),
    ).catch((error: Error) => error)

    await expect.poll(() => emu.faults.count('GetTranscript')).toBe(1)
    expect(emu.objects()).toHaveLength(1)
    await emu.close()
    await socketClosed
    expect(await delayed).toBeInstanceOf(Error)
    agent.destroy()
    // Handles of the test runner itself may go away meanwhile, never more may appear.
    await expect
      .poll(() => Object.entries(openHandles()).filter(([name, n]) => n > (before[name] ?? 0)))
      .toEqual([])
  })

  it('binds 127.0.0.1 on a free port by default', async () => {
    const emu = await startEmulator()
    expect(new URL(emu.url).hostname).toBe('127.0.0.1')
    expect(Number(new URL(emu.url).port)).toBeGreaterThan(0)
    await emu.close()
  })
})
