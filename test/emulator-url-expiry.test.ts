// UrlExpiry in the four answers that carry one, in the format the API reference gives
// (yyyy-MM-ddThh:mm:ss.SSSZ, e.g. 2019-11-08T02:41:28.172Z), and naming the instant the
// presigned URL beside it stops working.
import {
  CompleteAttachedFileUploadCommand,
  GetAttachedFileCommand,
  StartAttachedFileUploadCommand,
} from '@aws-sdk/client-connect'
import {
  CompleteAttachmentUploadCommand,
  GetAttachmentCommand,
  StartAttachmentUploadCommand,
} from '@aws-sdk/client-connectparticipant'
import { describe, expect, it } from 'vitest'
import { connectionTokenFor, emulatorPerTest, putObject } from './emulator-helpers.js'

const t = emulatorPerTest()

const bytes = Buffer.from('expiry')

/** Checks the format, and that the value is the URL's X-Amz-Date plus X-Amz-Expires. */
function expectUrlExpiry(urlExpiry: string | undefined, url: string | undefined): void {
  expect(urlExpiry).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  const query = new URL(url ?? '').searchParams
  const signed = (query.get('X-Amz-Date') ?? '').replace(
    /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
    '$1-$2-$3T$4:$5:$6Z',
  )
  expect(Date.parse(urlExpiry ?? '')).toBe(
    Date.parse(signed) + Number(query.get('X-Amz-Expires')) * 1000,
  )
}

describe('startEmulator: UrlExpiry', () => {
  it('has milliseconds in StartAttachmentUpload and GetAttachment answers', async () => {
    const token = await connectionTokenFor(t.chat, t.emu.createChat().participantToken)
    const started = await t.chat.send(
      new StartAttachmentUploadCommand({
        ConnectionToken: token,
        AttachmentName: 'a.txt',
        AttachmentSizeInBytes: bytes.length,
        ContentType: 'text/plain',
      }),
    )
    expectUrlExpiry(started.UploadMetadata?.UrlExpiry, started.UploadMetadata?.Url)
    const upload = started.UploadMetadata
    await putObject(upload?.Url ?? '', upload?.HeadersToInclude ?? {}, bytes)
    const AttachmentIds = [started.AttachmentId ?? '']
    await t.chat.send(
      new CompleteAttachmentUploadCommand({ ConnectionToken: token, AttachmentIds }),
    )
    const got = await t.chat.send(
      new GetAttachmentCommand({ ConnectionToken: token, AttachmentId: AttachmentIds[0] }),
    )
    expectUrlExpiry(got.UrlExpiry, got.Url)
  })

  it('has milliseconds in StartAttachedFileUpload and GetAttachedFile answers', async () => {
    const kase = t.emu.createCase()
    const ids = { InstanceId: kase.instanceId, AssociatedResourceArn: kase.associatedResourceArn }
    const started = await t.connect.send(
      new StartAttachedFileUploadCommand({
        ...ids,
        FileName: 'a.txt',
        FileSizeInBytes: bytes.length,
        FileUseCaseType: 'ATTACHMENT',
      }),
    )
    const upload = started.UploadUrlMetadata
    expectUrlExpiry(upload?.UrlExpiry, upload?.Url)
    await putObject(upload?.Url ?? '', upload?.HeadersToInclude ?? {}, bytes)
    const FileId = started.FileId ?? ''
    await t.connect.send(new CompleteAttachedFileUploadCommand({ ...ids, FileId }))
    const got = await t.connect.send(new GetAttachedFileCommand({ ...ids, FileId }))
    expectUrlExpiry(got.DownloadUrlMetadata?.UrlExpiry, got.DownloadUrlMetadata?.Url)
  })
})
