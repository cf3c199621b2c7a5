// Expiry timestamps in the format the API reference gives them (yyyy-MM-ddThh:mm:ss.SSSZ, e.g.
// 2019-11-08T02:41:28.172Z): UrlExpiry in the four answers that carry one, naming the instant the
// presigned URL beside it stops working, and CreateParticipantConnection's Expiry and
// ConnectionExpiry.
import { GetAttachedFileCommand } from '@aws-sdk/client-connect'
import {
  CreateParticipantConnectionCommand,
  GetAttachmentCommand,
} from '@aws-sdk/client-connectparticipant'
import { describe, expect, it } from 'vitest'
import {
  connectionTokenFor,
  emulatorPerTest,
  uploadAttachedFile,
  uploadChatAttachment,
} from './emulator-helpers.js'

const t = emulatorPerTest()

const bytes = Buffer.from('expiry')

const WITH_MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Checks the format, and that the value is the URL's X-Amz-Date plus X-Amz-Expires. */
function expectUrlExpiry(urlExpiry: string | undefined, url: string | undefined): void {
  expect(urlExpiry).toMatch(WITH_MILLISECONDS)
  const query = new URL(url ?? '').searchParams
  const signed = (query.get('X-Amz-Date') ?? '').replace(
    /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
    '$1-$2-$3T$4:$5:$6Z',
  )
  expect(Date.parse(urlExpiry ?? '')).toBe(
    Date.parse(signed) + Number(query.get('X-Amz-Expires')) * 1000,
  )
}

describe('startEmulator: expiry timestamps', () => {
  it('have milliseconds in StartAttachmentUpload and GetAttachment answers', async () => {
    const token = await connectionTokenFor(t.chat, t.emu.createChat().participantToken)
    const started = await uploadChatAttachment(t.chat, token, bytes)
    expectUrlExpiry(started.UploadMetadata?.UrlExpiry, started.UploadMetadata?.Url)
    const got = await t.chat.send(
      new GetAttachmentCommand({ ConnectionToken: token, AttachmentId: started.AttachmentId }),
    )
    expectUrlExpiry(got.UrlExpiry, got.Url)
  })

  it('have milliseconds in StartAttachedFileUpload and GetAttachedFile answers', async () => {
    const kase = t.emu.createCase()
    const started = await uploadAttachedFile(t.connect, kase, bytes)
    expectUrlExpiry(started.UploadUrlMetadata?.UrlExpiry, started.UploadUrlMetadata?.Url)
    const got = await t.connect.send(
      new GetAttachedFileCommand({
        InstanceId: kase.instanceId,
        AssociatedResourceArn: kase.associatedResourceArn,
        FileId: started.FileId,
      }),
    )
    expectUrlExpiry(got.DownloadUrlMetadata?.UrlExpiry, got.DownloadUrlMetadata?.Url)
  })

  it('have milliseconds in CreateParticipantConnection answers', async () => {
    const out = await t.chat.send(
      new CreateParticipantConnectionCommand({
        ParticipantToken: t.emu.createChat().participantToken,
        Type: ['CONNECTION_CREDENTIALS', 'WEBSOCKET'],
      }),
    )
    expect(out.ConnectionCredentials?.Expiry).toMatch(WITH_MILLISECONDS)
    expect(out.Websocket?.ConnectionExpiry).toMatch(WITH_MILLISECONDS)
  })
})
