import { StartAttachedFileUploadCommand } from '@aws-sdk/client-connect'
import {
  CompleteAttachmentUploadCommand,
  type ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  GetAttachmentCommand,
  StartAttachmentUploadCommand,
} from '@aws-sdk/client-connectparticipant'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import {
  connectClient,
  createTestClock,
  errorOf,
  participantClient,
  putObject,
  send,
} from './emulator-helpers.js'

let emu: Emulator
let client: ConnectParticipantClient
const clock = createTestClock()

beforeEach(async () => {
  emu = await startEmulator({ now: clock.now })
  client = participantClient(emu)
})
afterEach(async () => {
  client.destroy()
  await emu.close()
})

const connectionToken = async () => {
  const out = await client.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: emu.createChat().participantToken,
      Type: ['CONNECTION_CREDENTIALS'],
    }),
  )
  return out.ConnectionCredentials?.ConnectionToken ?? ''
}

const start = async (token: string, size: number) => {
  const out = await client.send(
    new StartAttachmentUploadCommand({
      ConnectionToken: token,
      AttachmentName: 'big.pdf',
      AttachmentSizeInBytes: size,
      ContentType: 'application/pdf',
    }),
  )
  return {
    id: out.AttachmentId ?? '',
    url: out.UploadMetadata?.Url ?? '',
    headers: out.UploadMetadata?.HeadersToInclude ?? {},
    expiry: out.UploadMetadata?.UrlExpiry ?? '',
  }
}

describe('startEmulator: faults', () => {
  it('answers a status fault in the service wire format, as many times as asked, and counts it', async () => {
    emu.faults.set('CreateParticipantConnection', { status: 429, times: 2 })
    for (let i = 0; i < 2; i++) {
      const error = await errorOf(connectionToken())
      expect(error?.name).toBe('ThrottlingException')
      expect(error?.$metadata?.httpStatusCode).toBe(429)
    }
    expect(await connectionToken()).not.toBe('')
    expect(emu.faults.count('CreateParticipantConnection')).toBe(2)
    expect(emu.faults.list()).toEqual([
      expect.objectContaining({ operation: 'CreateParticipantConnection', remaining: 0, fired: 2 }),
    ])
  })

  it('carries errorType, message and a Connect Reason', async () => {
    const kase = emu.createCase()
    const connect = connectClient(emu)
    emu.faults.set('StartAttachedFileUpload', {
      status: 402,
      message: 'Too many',
      reason: 'TOTAL_FILE_COUNT_EXCEEDED',
    })
    const error = await errorOf(
      connect.send(
        new StartAttachedFileUploadCommand({
          InstanceId: kase.instanceId,
          AssociatedResourceArn: kase.associatedResourceArn,
          FileName: 'a.pdf',
          FileSizeInBytes: 1,
          FileUseCaseType: 'ATTACHMENT',
        }),
      ),
    )
    connect.destroy()
    expect(error).toMatchObject({
      name: 'ServiceQuotaExceededException',
      message: 'Too many',
      Reason: { AttachedFileServiceQuotaExceededExceptionReason: 'TOTAL_FILE_COUNT_EXCEEDED' },
    })
    emu.faults.set('PutObject', {
      status: 503,
      errorType: 'SlowDown',
      message: 'Reduce your request rate.',
    })
    const put = await send('PUT', `${emu.url}/s3/any/key`, {}, Buffer.from('x'))
    expect(put.status).toBe(503)
    expect(put.text).toContain('<Code>SlowDown</Code><Message>Reduce your request rate.</Message>')
  })

  it('delays a request by delayMs', async () => {
    const token = await connectionToken()
    emu.faults.set('StartAttachmentUpload', { delayMs: 300 })
    const began = performance.now()
    await start(token, 10)
    expect(performance.now() - began).toBeGreaterThanOrEqual(290)
    expect(emu.faults.count('StartAttachmentUpload')).toBe(1)
  })

  it('resets the connection after resetAfterBytes of a PUT body, storing nothing', async () => {
    const token = await connectionToken()
    const body = Buffer.alloc(1024 * 1024, 7)
    const target = await start(token, body.length)
    emu.faults.set('PutObject', { resetAfterBytes: 64 * 1024 })
    const error = await errorOf(putObject(target.url, target.headers, body))
    expect(error?.code).toMatch(/ECONNRESET|EPIPE/)
    expect(emu.objects()).toEqual([])
    expect((await putObject(target.url, target.headers, body)).status).toBe(200)
  })

  it('resets a service response after resetAfterBytes, which the SDK sees as a network error', async () => {
    emu.faults.set('CreateParticipantConnection', { resetAfterBytes: 0 })
    const error = await errorOf(connectionToken())
    expect(error?.$metadata?.httpStatusCode).toBeUndefined()
    expect(emu.faults.count('CreateParticipantConnection')).toBe(1)
  })

  it('acts on a call before resetting its answer after resetAfterBytes: the answer is lost, not the call', async () => {
    const token = await connectionToken()
    const request = {
      ConnectionToken: token,
      AttachmentName: 'lost.pdf',
      AttachmentSizeInBytes: 5,
      ContentType: 'application/pdf',
      ClientToken: 'one-token',
    }
    emu.faults.set('StartAttachmentUpload', { resetAfterBytes: 1 })
    const error = await errorOf(client.send(new StartAttachmentUploadCommand(request)))
    // The status line came (200), the body broke off after its first byte.
    expect(error?.$metadata?.httpStatusCode).toBe(200)
    const [made] = emu.attachments()
    expect(made).toMatchObject({ name: 'lost.pdf', starts: 1, startTokens: ['one-token'] })
    // The same ClientToken gets that attachment back: no second one.
    const again = await client.send(new StartAttachmentUploadCommand(request))
    expect(again.AttachmentId).toBe(made?.id)
    expect(emu.attachments()).toHaveLength(1)
  })

  it('caps a 5 MB PUT at bytesPerSecond', async () => {
    const token = await connectionToken()
    const body = Buffer.alloc(5 * 1024 * 1024, 1)
    const target = await start(token, body.length)
    emu.faults.set('PutObject', { bytesPerSecond: 2.5 * 1024 * 1024 })
    const began = performance.now()
    expect((await putObject(target.url, target.headers, body)).status).toBe(200)
    const seconds = (performance.now() - began) / 1000
    // 2 s at the cap; socket buffers let the client finish a little early, a busy machine late.
    expect(seconds).toBeGreaterThan(1.5)
    expect(seconds).toBeLessThan(6)
  })

  it('caps a GET response at bytesPerSecond and resets it after resetAfterBytes', async () => {
    const token = await connectionToken()
    const body = Buffer.alloc(512 * 1024, 3)
    const target = await start(token, body.length)
    await putObject(target.url, target.headers, body)
    await client.send(
      new CompleteAttachmentUploadCommand({ ConnectionToken: token, AttachmentIds: [target.id] }),
    )
    const { Url } = await client.send(
      new GetAttachmentCommand({ ConnectionToken: token, AttachmentId: target.id }),
    )
    emu.faults.set('GetObject', { bytesPerSecond: 1024 * 1024 })
    const began = performance.now()
    expect((await send('GET', Url ?? '')).body.length).toBe(body.length)
    expect(performance.now() - began).toBeGreaterThan(400)
    emu.faults.set('GetObject', { resetAfterBytes: 1000 })
    const broken = await errorOf(send('GET', Url ?? ''))
    expect(broken?.message).toMatch(/aborted|socket hang up|ECONNRESET/)
  })

  it('hands out URLs with the fault lifetime, which then expire', async () => {
    const token = await connectionToken()
    emu.faults.set('StartAttachmentUpload', { urlTtlSeconds: 1 })
    const target = await start(token, 3)
    expect(Date.parse(target.expiry) - clock.now()).toBeLessThanOrEqual(1000)
    clock.advance(2000)
    const res = await putObject(target.url, target.headers, Buffer.from('abc'))
    expect(res.status).toBe(403)
    expect(res.text).toContain('<Message>Request has expired</Message>')
  })

  it('clears one fault or all of them', async () => {
    emu.faults.set('GetTranscript', { status: 500 })
    emu.faults.set('SendMessage', { status: 500 })
    emu.faults.clear('GetTranscript')
    expect(emu.faults.list().map((f) => f.operation)).toEqual(['SendMessage'])
    emu.faults.clear()
    expect(emu.faults.list()).toEqual([])
    expect(emu.faults.count('SendMessage')).toBe(0)
  })
})
