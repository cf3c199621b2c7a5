import {
  CompleteAttachmentUploadCommand,
  type ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  DisconnectParticipantCommand,
  GetAttachmentCommand,
  GetTranscriptCommand,
  SendEventCommand,
  SendMessageCommand,
  StartAttachmentUploadCommand,
} from '@aws-sdk/client-connectparticipant'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EICAR, startEmulator, type Emulator } from '../src/emulator/index.js'
import { createTestClock, errorOf, participantClient, putObject, send } from './emulator-helpers.js'

let emu: Emulator
let client: ConnectParticipantClient
const clock = createTestClock()

beforeEach(async () => {
  emu = await startEmulator({ port: 0, now: clock.now })
  client = participantClient(emu)
})

afterEach(async () => {
  client.destroy()
  await emu.close()
})

const connect = async (participantToken = emu.createChat().participantToken): Promise<string> => {
  const out = await client.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: participantToken,
      Type: ['CONNECTION_CREDENTIALS', 'WEBSOCKET'],
    }),
  )
  return out.ConnectionCredentials?.ConnectionToken ?? ''
}

const startUpload = (token: string, bytes: Buffer, name = 'report.pdf', clientToken?: string) =>
  client.send(
    new StartAttachmentUploadCommand({
      ConnectionToken: token,
      AttachmentName: name,
      AttachmentSizeInBytes: bytes.length,
      ContentType: 'application/pdf',
      ClientToken: clientToken,
    }),
  )

const upload = async (token: string, bytes: Buffer, name?: string) => {
  const started = await startUpload(token, bytes, name)
  const put = await putObject(
    started.UploadMetadata?.Url ?? '',
    started.UploadMetadata?.HeadersToInclude ?? {},
    bytes,
  )
  expect(put.status).toBe(200)
  await client.send(
    new CompleteAttachmentUploadCommand({
      ConnectionToken: token,
      AttachmentIds: [started.AttachmentId ?? ''],
    }),
  )
  return started.AttachmentId ?? ''
}

describe('startEmulator: Participant Service', () => {
  it('hands out a connection token and a websocket URL on the same port', async () => {
    const chat = emu.createChat()
    const out = await client.send(
      new CreateParticipantConnectionCommand({
        ParticipantToken: chat.participantToken,
        Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
      }),
    )
    expect(out.ConnectionCredentials?.ConnectionToken).toMatch(/.{20,}/)
    expect(Date.parse(out.ConnectionCredentials?.Expiry ?? '')).toBeGreaterThan(clock.now())
    expect(out.Websocket?.Url).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(emu.url).port}/`),
    )
  })

  it('answers AccessDeniedException for an unknown or expired token', async () => {
    const denied = await errorOf(connect('not-a-token'))
    expect(denied?.name).toBe('AccessDeniedException')
    expect(denied?.$metadata?.httpStatusCode).toBe(403)
    const token = await connect()
    clock.advance(25 * 60 * 60 * 1000)
    const expired = await errorOf(startUpload(token, Buffer.from('x')))
    expect(expired?.name).toBe('AccessDeniedException')
  })

  it('round-trips start, PUT, complete and get with the exact bytes', async () => {
    const token = await connect()
    const bytes = Buffer.from('%PDF-1.4 hello')
    const started = await startUpload(token, bytes, 'Übersicht "Q1".pdf')
    const headers = started.UploadMetadata?.HeadersToInclude ?? {}
    expect(headers).toMatchObject({
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.length),
      'x-amz-acl': 'bucket-owner-full-control',
    })
    expect(headers['Content-Disposition']).toBe(
      `attachment; filename="_bersicht _Q1_.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%22Q1%22.pdf`,
    )
    expect(headers['x-amz-meta-contact_id']).toMatch(/^[0-9a-f-]{36}$/)
    expect((await putObject(started.UploadMetadata?.Url ?? '', headers, bytes)).status).toBe(200)
    await client.send(
      new CompleteAttachmentUploadCommand({
        ConnectionToken: token,
        AttachmentIds: [started.AttachmentId ?? ''],
      }),
    )
    const got = await client.send(
      new GetAttachmentCommand({
        ConnectionToken: token,
        AttachmentId: started.AttachmentId,
        UrlExpiryInSeconds: 60,
      }),
    )
    expect(got.AttachmentSizeInBytes).toBe(bytes.length)
    expect(Date.parse(got.UrlExpiry ?? '') - clock.now()).toBeGreaterThan(55_000)
    const download = await send('GET', got.Url ?? '')
    expect(download.body.equals(bytes)).toBe(true)
    expect(emu.objects()).toEqual([
      expect.objectContaining({
        size: bytes.length,
        contentType: 'application/pdf',
        sha256: createHash('sha256').update(bytes).digest('hex'),
      }),
    ])
  })

  it('returns the same attachment for a repeated ClientToken', async () => {
    const token = await connect()
    const first = await startUpload(token, Buffer.from('abc'), 'a.txt', 'token-1')
    const second = await startUpload(token, Buffer.from('abc'), 'a.txt', 'token-1')
    const third = await startUpload(token, Buffer.from('abc'), 'a.txt', 'token-2')
    expect(second.AttachmentId).toBe(first.AttachmentId)
    expect(third.AttachmentId).not.toBe(first.AttachmentId)
  })

  it.each([
    ['a size below 1', { AttachmentSizeInBytes: 0 }],
    ['a missing name', { AttachmentName: undefined }],
    ['a name over 256 characters', { AttachmentName: `${'n'.repeat(257)}.pdf` }],
    ['a file over the 20 MB limit', { AttachmentSizeInBytes: 20 * 1024 * 1024 + 1 }],
    ['a missing content type', { ContentType: undefined }],
  ])('answers ValidationException for %s', async (_, change) => {
    const token = await connect()
    const input = {
      ConnectionToken: token,
      AttachmentName: 'a.pdf',
      AttachmentSizeInBytes: 10,
      ContentType: 'application/pdf',
      ...change,
    }
    const error = await errorOf(client.send(new StartAttachmentUploadCommand(input)))
    expect(error?.name).toBe('ValidationException')
    expect(error?.$metadata?.httpStatusCode).toBe(400)
  })

  it('answers ServiceQuotaExceededException past 35 attachments in a chat', async () => {
    const token = await connect()
    for (let i = 0; i < 35; i++) await startUpload(token, Buffer.from('x'), `f${i}.txt`)
    const error = await errorOf(startUpload(token, Buffer.from('x'), 'f35.txt'))
    expect(error?.name).toBe('ServiceQuotaExceededException')
    expect(error?.$metadata?.httpStatusCode).toBe(402)
  })

  it('answers ConflictException when completing an attachment whose bytes were not PUT', async () => {
    const token = await connect()
    const started = await startUpload(token, Buffer.from('abc'))
    const error = await errorOf(
      client.send(
        new CompleteAttachmentUploadCommand({
          ConnectionToken: token,
          AttachmentIds: [started.AttachmentId ?? ''],
        }),
      ),
    )
    expect(error?.name).toBe('ConflictException')
    expect(error?.$metadata?.httpStatusCode).toBe(409)
  })

  it('answers ValidationException for a URL lifetime outside 5..300 seconds', async () => {
    const token = await connect()
    const id = await upload(token, Buffer.from('abc'))
    for (const seconds of [4, 301]) {
      const error = await errorOf(
        client.send(
          new GetAttachmentCommand({
            ConnectionToken: token,
            AttachmentId: id,
            UrlExpiryInSeconds: seconds,
          }),
        ),
      )
      expect(error?.name).toBe('ValidationException')
    }
  })

  it('rejects a file with the EICAR string and names the status in GetAttachment and the transcript', async () => {
    const token = await connect()
    const id = await upload(token, Buffer.from(`prefix ${EICAR} suffix`), 'virus.txt')
    const error = await errorOf(
      client.send(new GetAttachmentCommand({ ConnectionToken: token, AttachmentId: id })),
    )
    expect(error?.name).toBe('ValidationException')
    expect(error?.message).toContain('REJECTED')
    const { Transcript } = await client.send(new GetTranscriptCommand({ ConnectionToken: token }))
    const item = Transcript?.find((i) => i.Type === 'ATTACHMENT')
    expect(item?.Attachments?.[0]).toMatchObject({
      AttachmentId: id,
      AttachmentName: 'virus.txt',
      Status: 'REJECTED',
    })
    expect(emu.objects()).toEqual([])
  })

  it('keeps a file IN_PROGRESS for scanDelayMs, then approves it', async () => {
    await emu.close()
    emu = await startEmulator({ scanDelayMs: 150 })
    client = participantClient(emu)
    const token = await connect()
    const id = await upload(token, Buffer.from('clean'))
    const error = await errorOf(
      client.send(new GetAttachmentCommand({ ConnectionToken: token, AttachmentId: id })),
    )
    expect(error?.message).toContain('IN_PROGRESS')
    await expect
      .poll(
        () =>
          client.send(new GetAttachmentCommand({ ConnectionToken: token, AttachmentId: id })).then(
            () => 'ok',
            () => 'no',
          ),
        { timeout: 2000 },
      )
      .toBe('ok')
  })

  it('records messages and events in the transcript, newest last, and ends access on disconnect', async () => {
    const token = await connect()
    await client.send(
      new SendMessageCommand({
        ConnectionToken: token,
        ContentType: 'text/plain',
        Content: 'hello',
      }),
    )
    await client.send(
      new SendEventCommand({
        ConnectionToken: token,
        ContentType: 'application/vnd.amazonaws.connect.event.typing',
      }),
    )
    await client.send(
      new SendMessageCommand({
        ConnectionToken: token,
        ContentType: 'text/plain',
        Content: 'again',
      }),
    )
    const page = await client.send(
      new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 1 }),
    )
    expect(page.Transcript?.map((i) => i.Content)).toEqual(['again'])
    const all = await client.send(
      new GetTranscriptCommand({ ConnectionToken: token, ScanDirection: 'FORWARD' }),
    )
    expect(all.Transcript?.map((i) => i.Content)).toEqual(['hello', 'again'])
    await client.send(new DisconnectParticipantCommand({ ConnectionToken: token }))
    const error = await errorOf(client.send(new GetTranscriptCommand({ ConnectionToken: token })))
    expect(error?.name).toBe('AccessDeniedException')
  })
})
