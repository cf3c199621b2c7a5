import { GetAttachedFileCommand } from '@aws-sdk/client-connect'
import { GetAttachmentCommand } from '@aws-sdk/client-connectparticipant'
import { request } from 'node:http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import {
  connectClient,
  connectionTokenFor,
  createTestClock,
  participantClient,
  putObject,
  send,
  uploadAttachedFile,
  uploadChatAttachment,
} from './emulator-helpers.js'

let emu: Emulator
const clock = createTestClock()

beforeEach(async () => {
  emu = await startEmulator({ now: clock.now, allowedOrigins: ['http://app.test'] })
})
afterEach(() => emu.close())

const json = async (
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: object,
) => {
  const res = await send(
    method,
    emu.url + path,
    { 'content-type': 'application/json', ...headers },
    body && Buffer.from(JSON.stringify(body)),
  )
  return {
    status: res.status,
    body: (res.text ? JSON.parse(res.text) : undefined) as unknown,
    headers: res.headers,
  }
}

/** A started upload through the plain HTTP wire: its URL and headers. */
const startUpload = async (bytes: Buffer) => {
  const chat = (await json('POST', '/_emulator/chats')).body as { participantToken: string }
  const conn = await json(
    'POST',
    '/participant/connection',
    { 'x-amz-bearer': chat.participantToken },
    { Type: ['CONNECTION_CREDENTIALS'] },
  )
  const token = (conn.body as { ConnectionCredentials: { ConnectionToken: string } })
    .ConnectionCredentials.ConnectionToken
  const started = await json(
    'POST',
    '/participant/start-attachment-upload',
    { 'x-amz-bearer': token },
    {
      ContentType: 'text/plain',
      AttachmentName: 'notes.txt',
      AttachmentSizeInBytes: bytes.length,
      ClientToken: 'c1',
    },
  )
  const { UploadMetadata: meta } = started.body as {
    UploadMetadata: { Url: string; HeadersToInclude: Record<string, string> }
  }
  return { url: meta.Url, headers: meta.HeadersToInclude }
}

const xmlCode = (text: string) => /<Code>([^<]+)<\/Code>/.exec(text)?.[1]

describe('startEmulator: S3 presigned URLs', () => {
  const bytes = Buffer.from('twelve bytes')

  it('accepts a PUT with every header it was signed with', async () => {
    const { url, headers } = await startUpload(bytes)
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-disposition;content-length;content-type;host;x-amz-acl;x-amz-meta-contact_id',
    )
    const res = await putObject(url, headers, bytes)
    expect(res.status).toBe(200)
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/)
  })

  it.each(['Content-Disposition', 'x-amz-acl', 'x-amz-meta-contact_id', 'Content-Type'])(
    'answers 403 SignatureDoesNotMatch when %s is missing or changed',
    async (name) => {
      const { url, headers } = await startUpload(bytes)
      const without = Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name))
      const missing = await putObject(url, without, bytes)
      expect(missing.status).toBe(403)
      expect(xmlCode(missing.text)).toBe('SignatureDoesNotMatch')
      const changed = await putObject(url, { ...headers, [name]: `${headers[name]}x` }, bytes)
      expect(changed.status).toBe(403)
      expect(xmlCode(changed.text)).toBe('SignatureDoesNotMatch')
      expect(emu.objects()).toEqual([])
    },
  )

  it('answers 403 AccessDenied "Request has expired" after the URL lifetime', async () => {
    const { url, headers } = await startUpload(bytes)
    clock.advance(301_000)
    const res = await putObject(url, headers, bytes)
    expect(res.status).toBe(403)
    expect(res.headers['content-type']).toBe('application/xml')
    expect(res.text).toContain(
      '<Error><Code>AccessDenied</Code><Message>Request has expired</Message>',
    )
  })

  it('answers 400 with an S3 XML error for a body shorter or longer than declared', async () => {
    const { url, headers } = await startUpload(bytes)
    const shorter = await putObject(
      url,
      { ...headers, 'Content-Length': '5' },
      bytes.subarray(0, 5),
    )
    expect(shorter.status).toBe(400)
    expect(xmlCode(shorter.text)).toBe('IncompleteBody')
    const longer = await putObject(
      url,
      { ...headers, 'Content-Length': '13' },
      Buffer.concat([bytes, Buffer.from('!')]),
    )
    expect(longer.status).toBe(400)
    expect(xmlCode(longer.text)).toBe('EntityTooLarge')
  })

  it('takes a client that aborts mid-body in its stride: nothing stored, nothing logged', async () => {
    const errors = vi.spyOn(console, 'error')
    const big = Buffer.alloc(256 * 1024, 1)
    const { url, headers } = await startUpload(big)
    const req = request(url, { method: 'PUT', headers, agent: false })
    req.on('error', () => {})
    req.write(big.subarray(0, 1024), () => req.destroy())
    await new Promise((resolve) => req.once('close', resolve))
    expect((await putObject(url, headers, big)).status).toBe(200)
    expect(emu.objects()).toHaveLength(1)
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })

  it('answers a tampered signature with 403 SignatureDoesNotMatch', async () => {
    const { url, headers } = await startUpload(bytes)
    const tampered = new URL(url)
    tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64))
    const res = await putObject(tampered.toString(), headers, bytes)
    expect(res.status).toBe(403)
    expect(xmlCode(res.text)).toBe('SignatureDoesNotMatch')
  })

  it('answers CORS preflights for allowed origins with PUT/GET and any header, and refuses others', async () => {
    const { url } = await startUpload(bytes)
    const ok = await send('OPTIONS', url, {
      origin: 'http://app.test',
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-amz-acl',
    })
    expect(ok.status).toBe(200)
    expect(ok.headers['access-control-allow-origin']).toBe('http://app.test')
    expect(ok.headers['access-control-allow-methods']).toBe('PUT, GET')
    expect(ok.headers['access-control-allow-headers']).toBe('content-type,x-amz-acl')
    const other = await send('OPTIONS', url, {
      origin: 'http://evil.test',
      'access-control-request-method': 'PUT',
    })
    expect(other.status).toBe(403)
    const del = await send('OPTIONS', url, {
      origin: 'http://app.test',
      'access-control-request-method': 'DELETE',
    })
    expect(del.status).toBe(403)
  })
})

describe('startEmulator: S3 download URLs', () => {
  it("answers an attached file's GET with the Content-Disposition its URL carries, so a click saves it under its name", async () => {
    const client = connectClient(emu)
    try {
      const kase = emu.createCase()
      const bytes = Buffer.from('quarterly figures')
      const name = 'Q3 report – "final".pdf'
      const started = await uploadAttachedFile(client, kase, bytes, name)
      const got = await client.send(
        new GetAttachedFileCommand({
          InstanceId: kase.instanceId,
          AssociatedResourceArn: kase.associatedResourceArn,
          FileId: started.FileId,
        }),
      )
      const url = new URL(got.DownloadUrlMetadata?.Url ?? '')
      const disposition = `attachment; filename="Q3 report _ _final_.pdf"; filename*=UTF-8''Q3%20report%20%E2%80%93%20%22final%22.pdf`
      expect(url.searchParams.get('response-content-disposition')).toBe(disposition)
      const download = await send('GET', url.toString())
      expect(download.status).toBe(200)
      expect(download.headers['content-disposition']).toBe(disposition)
      expect(download.body.equals(bytes)).toBe(true)
      // Signed with the URL: another disposition is another signature.
      url.searchParams.set('response-content-disposition', 'inline')
      const tampered = await send('GET', url.toString())
      expect(tampered.status).toBe(403)
      expect(xmlCode(tampered.text)).toBe('SignatureDoesNotMatch')
    } finally {
      client.destroy()
    }
  })

  it("answers a chat attachment's GET with the Content-Disposition it was uploaded with", async () => {
    const client = participantClient(emu)
    try {
      const chat = emu.createChat()
      const token = await connectionTokenFor(client, chat.participantToken)
      const bytes = Buffer.from('log lines')
      const started = await uploadChatAttachment(client, token, bytes, {
        name: 'error log.txt',
        contentType: 'text/plain',
      })
      const got = await client.send(
        new GetAttachmentCommand({ ConnectionToken: token, AttachmentId: started.AttachmentId }),
      )
      const download = await send('GET', got.Url ?? '')
      expect(download.status).toBe(200)
      expect(download.headers['content-disposition']).toBe('attachment; filename="error log.txt"')
    } finally {
      client.destroy()
    }
  })
})

describe('startEmulator: /_emulator/ controls', () => {
  it('creates chats and cases, sets, lists and clears faults, lists objects', async () => {
    const chat = await json('POST', '/_emulator/chats', { origin: 'http://page.test' })
    expect(chat.headers['access-control-allow-origin']).toBe('http://page.test')
    expect(chat.body).toMatchObject({
      contactId: expect.any(String),
      participantToken: expect.any(String),
      agent: { participantToken: expect.any(String) },
    })
    expect((await json('POST', '/_emulator/cases')).body).toMatchObject({
      instanceId: expect.any(String),
      associatedResourceArn: expect.stringMatching(/^arn:aws:cases:/),
    })
    expect(
      (await json('PUT', '/_emulator/faults/GetTranscript', {}, { status: 500, times: 'Infinity' }))
        .status,
    ).toBe(200)
    expect(emu.faults.list()).toEqual([
      expect.objectContaining({
        operation: 'GetTranscript',
        fault: { status: 500, times: Infinity },
      }),
    ])
    expect((await json('GET', '/_emulator/faults')).body).toEqual([
      {
        operation: 'GetTranscript',
        fault: { status: 500, times: 'Infinity' },
        remaining: 'Infinity',
        fired: 0,
      },
    ])
    expect(
      (await json('PUT', '/_emulator/faults/NoSuchOperation', {}, { status: 500 })).status,
    ).toBe(404)
    expect((await json('DELETE', '/_emulator/faults')).status).toBe(204)
    expect(emu.faults.list()).toEqual([])
    expect((await json('GET', '/_emulator/objects')).body).toEqual([])
  })
})
