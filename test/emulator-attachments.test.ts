// t.emu.attachments() and GET /_emulator/attachments: every chat attachment and attached file ever
// started, with how often the client called Start and Complete for it and with which tokens.
import {
  CompleteAttachedFileUploadCommand,
  DeleteAttachedFileCommand,
  StartAttachedFileUploadCommand,
} from '@aws-sdk/client-connect'
import {
  CompleteAttachmentUploadCommand,
  StartAttachmentUploadCommand,
} from '@aws-sdk/client-connectparticipant'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  connectionTokenFor,
  emulatorPerTest,
  errorOf,
  putObject,
  send,
} from './emulator-helpers.js'

const t = emulatorPerTest()

const connectionToken = (participantToken: string) => connectionTokenFor(t.chat, participantToken)

const startChatUpload = (token: string, bytes: Buffer, clientToken: string) =>
  t.chat.send(
    new StartAttachmentUploadCommand({
      ConnectionToken: token,
      AttachmentName: 'notes.txt',
      AttachmentSizeInBytes: bytes.length,
      ContentType: 'text/plain',
      ClientToken: clientToken,
    }),
  )

const completeChatUpload = (token: string, attachmentId: string, clientToken: string) =>
  t.chat.send(
    new CompleteAttachmentUploadCommand({
      ConnectionToken: token,
      AttachmentIds: [attachmentId],
      ClientToken: clientToken,
    }),
  )

const putBytes = async (
  metadata: { Url?: string; HeadersToInclude?: Record<string, string> } | undefined,
  bytes: Buffer,
) => {
  const put = await putObject(metadata?.Url ?? '', metadata?.HeadersToInclude ?? {}, bytes)
  expect(put.status).toBe(200)
}

const listedOverHttp = async () =>
  JSON.parse((await send('GET', `${t.emu.url}/_emulator/attachments`)).text) as unknown

describe('Emulator.attachments', () => {
  it('lists a chat attachment started once and completed once, with its tokens, in Node and over HTTP', async () => {
    const created = t.emu.createChat()
    const token = await connectionToken(created.participantToken)
    const bytes = Buffer.from('hello chat')
    const started = await startChatUpload(token, bytes, 'start-1')
    await putBytes(started.UploadMetadata, bytes)
    await completeChatUpload(token, started.AttachmentId ?? '', 'complete-1')
    const expected = {
      service: 'participant',
      id: started.AttachmentId,
      contactId: created.contactId,
      name: 'notes.txt',
      key: `chat/${created.contactId}/${started.AttachmentId}/notes.txt`,
      size: bytes.length,
      status: 'APPROVED',
      stored: true,
      deleted: false,
      starts: 1,
      startTokens: ['start-1'],
      completes: 1,
      completeTokens: ['complete-1'],
    }
    expect(t.emu.attachments()).toEqual([expected])
    expect(await listedOverHttp()).toEqual([expected])
    expect(t.emu.objects()).toEqual([
      {
        key: expected.key,
        size: bytes.length,
        contentType: 'text/plain',
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ])
  })

  it('keeps an attachment abandoned after a new Start, never PUT nor completed, beside its successor', async () => {
    const token = await connectionToken(t.emu.createChat().participantToken)
    const bytes = Buffer.from('retry me')
    const abandoned = await startChatUpload(token, bytes, 'first')
    const fresh = await startChatUpload(token, bytes, 'second')
    await putBytes(fresh.UploadMetadata, bytes)
    await completeChatUpload(token, fresh.AttachmentId ?? '', 'complete')
    expect(t.emu.objects()).toHaveLength(1)
    expect(t.emu.attachments()).toEqual([
      expect.objectContaining({
        id: abandoned.AttachmentId,
        status: 'PENDING_UPLOAD',
        stored: false,
        starts: 1,
        startTokens: ['first'],
        completes: 0,
        completeTokens: [],
      }),
      expect.objectContaining({
        id: fresh.AttachmentId,
        status: 'APPROVED',
        stored: true,
        starts: 1,
        startTokens: ['second'],
        completes: 1,
      }),
    ])
  })

  it('counts a Start replayed with its ClientToken, and a Complete repeated with another token, which the emulator answers with 200', async () => {
    const token = await connectionToken(t.emu.createChat().participantToken)
    const bytes = Buffer.from('twice')
    await startChatUpload(token, bytes, 'same')
    const replay = await startChatUpload(token, bytes, 'same')
    await putBytes(replay.UploadMetadata, bytes)
    await completeChatUpload(token, replay.AttachmentId ?? '', 'complete-1')
    // AWS's answer to a second token for a completed attachment is undocumented; the emulator
    // accepts it, so the record is what shows a retry that minted a new token.
    await completeChatUpload(token, replay.AttachmentId ?? '', 'complete-2')
    expect(t.emu.attachments()).toEqual([
      expect.objectContaining({
        starts: 2,
        startTokens: ['same', 'same'],
        completes: 2,
        completeTokens: ['complete-1', 'complete-2'],
      }),
    ])
  })

  it('counts a Complete answered 409 before the PUT, and not one a status fault answered', async () => {
    const token = await connectionToken(t.emu.createChat().participantToken)
    const started = await startChatUpload(token, Buffer.from('early'), 'start')
    const early = await errorOf(completeChatUpload(token, started.AttachmentId ?? '', 'early'))
    expect(early?.name).toBe('ConflictException')
    t.emu.faults.set('CompleteAttachmentUpload', { status: 500 })
    const faulted = await errorOf(completeChatUpload(token, started.AttachmentId ?? '', 'lost'))
    expect(faulted?.$metadata?.httpStatusCode).toBe(500)
    expect(t.emu.attachments()).toEqual([
      expect.objectContaining({
        status: 'PENDING_UPLOAD',
        completes: 1,
        completeTokens: ['early'],
      }),
    ])
  })

  it('lists an attached file with its Start token and Complete count, and keeps it once deleted', async () => {
    const kase = t.emu.createCase()
    const ids = { InstanceId: kase.instanceId, AssociatedResourceArn: kase.associatedResourceArn }
    const bytes = Buffer.from('hello case')
    const started = await t.connect.send(
      new StartAttachedFileUploadCommand({
        ...ids,
        FileName: 'invoice.pdf',
        FileSizeInBytes: bytes.length,
        FileUseCaseType: 'ATTACHMENT',
        ClientToken: 'file-start',
      }),
    )
    const fileId = started.FileId ?? ''
    expect(t.emu.attachments()).toEqual([
      expect.objectContaining({ id: fileId, status: 'PENDING_UPLOAD', stored: false }),
    ])
    await putBytes(started.UploadUrlMetadata, bytes)
    await t.connect.send(new CompleteAttachedFileUploadCommand({ ...ids, FileId: fileId }))
    const approved = {
      service: 'connect',
      id: fileId,
      associatedResourceArn: kase.associatedResourceArn,
      name: 'invoice.pdf',
      key: `cases/${kase.instanceId}/${fileId}/invoice.pdf`,
      size: bytes.length,
      status: 'APPROVED',
      stored: true,
      deleted: false,
      starts: 1,
      startTokens: ['file-start'],
      completes: 1,
      // CompleteAttachedFileUpload takes no ClientToken.
      completeTokens: [],
    }
    expect(t.emu.attachments()).toEqual([approved])
    expect(await listedOverHttp()).toEqual([approved])
    await t.connect.send(new DeleteAttachedFileCommand({ ...ids, FileId: fileId }))
    expect(t.emu.attachments()).toEqual([{ ...approved, stored: false, deleted: true }])
  })
})
