// The scan's verdicts beyond APPROVED and REJECTED: an attached file can end FAILED (Connect's
// FileStatus has it); a chat attachment cannot, as its statuses are APPROVED, REJECTED and
// IN_PROGRESS only.
import { GetAttachedFileCommand } from '@aws-sdk/client-connect'
import { GetAttachmentCommand, GetTranscriptCommand } from '@aws-sdk/client-connectparticipant'
import { describe, expect, it } from 'vitest'
import { SCAN_FAILURE_MARKER } from '../src/emulator/index.js'
import {
  connectionTokenFor,
  emulatorPerTest,
  uploadAttachedFile,
  uploadChatAttachment,
} from './emulator-helpers.js'

const t = emulatorPerTest()

const failing = Buffer.from(`%PDF-1.4 ${SCAN_FAILURE_MARKER} rest`)

describe('startEmulator: scan failures', () => {
  it('ends an attached file carrying the marker FAILED, with no download URL, and keeps its object', async () => {
    const kase = t.emu.createCase()
    const { FileId } = await uploadAttachedFile(t.connect, kase, failing, 'scan.pdf')
    const got = await t.connect.send(
      new GetAttachedFileCommand({
        InstanceId: kase.instanceId,
        AssociatedResourceArn: kase.associatedResourceArn,
        FileId,
      }),
    )
    expect(got.FileStatus).toBe('FAILED')
    expect(got.DownloadUrlMetadata).toBeUndefined()
    expect(t.emu.attachments()).toEqual([
      expect.objectContaining({ id: FileId, status: 'FAILED', stored: true }),
    ])
  })

  it('approves a chat attachment carrying the marker: chat statuses have no FAILED', async () => {
    const token = await connectionTokenFor(t.chat, t.emu.createChat().participantToken)
    const { AttachmentId } = await uploadChatAttachment(t.chat, token, failing, {
      name: 'scan.pdf',
      contentType: 'application/pdf',
    })
    const got = await t.chat.send(
      new GetAttachmentCommand({ ConnectionToken: token, AttachmentId }),
    )
    expect(got.AttachmentSizeInBytes).toBe(failing.length)
    const { Transcript } = await t.chat.send(new GetTranscriptCommand({ ConnectionToken: token }))
    expect(Transcript?.find((item) => item.Type === 'ATTACHMENT')?.Attachments?.[0]?.Status).toBe(
      'APPROVED',
    )
  })
})
