import {
  BatchGetAttachedFileMetadataCommand,
  CompleteAttachedFileUploadCommand,
  type ConnectClient,
  DeleteAttachedFileCommand,
  DescribeAttachedFilesConfigurationCommand,
  GetAttachedFileCommand,
  StartAttachedFileUploadCommand,
  type StartAttachedFileUploadCommandInput,
} from '@aws-sdk/client-connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EICAR, startEmulator, type CreatedCase, type Emulator } from '../src/emulator/index.js'
import { connectClient, errorOf, putObject, send } from './emulator-helpers.js'

let emu: Emulator
let client: ConnectClient
let kase: CreatedCase

beforeEach(async () => {
  emu = await startEmulator()
  client = connectClient(emu)
  kase = emu.createCase()
})
afterEach(async () => {
  client.destroy()
  await emu.close()
})

const startInput = (
  change: Partial<StartAttachedFileUploadCommandInput> = {},
): StartAttachedFileUploadCommandInput => ({
  InstanceId: kase.instanceId,
  AssociatedResourceArn: kase.associatedResourceArn,
  FileName: 'invoice.pdf',
  FileSizeInBytes: 11,
  FileUseCaseType: 'ATTACHMENT',
  ...change,
})

const ids = (fileId: string) => ({
  InstanceId: kase.instanceId,
  AssociatedResourceArn: kase.associatedResourceArn,
  FileId: fileId,
})

const uploadFile = async (bytes: Buffer, name = 'invoice.pdf') => {
  const started = await client.send(
    new StartAttachedFileUploadCommand(
      startInput({ FileName: name, FileSizeInBytes: bytes.length }),
    ),
  )
  const put = await putObject(
    started.UploadUrlMetadata?.Url ?? '',
    started.UploadUrlMetadata?.HeadersToInclude ?? {},
    bytes,
  )
  expect(put.status).toBe(200)
  await client.send(new CompleteAttachedFileUploadCommand(ids(started.FileId ?? '')))
  return started.FileId ?? ''
}

describe('startEmulator: Connect attached files', () => {
  it('round-trips start, PUT, complete, get, batch get and delete', async () => {
    const bytes = Buffer.from('hello cases')
    const started = await client.send(new StartAttachedFileUploadCommand(startInput()))
    expect(started.FileStatus).toBe('PROCESSING')
    expect(started.FileArn).toBe(
      `arn:aws:connect:us-east-1:123456789012:instance/${kase.instanceId}/file/${started.FileId}`,
    )
    expect(started.UploadUrlMetadata?.HeadersToInclude).toEqual({
      'Content-Type': 'application/pdf',
      'Content-Length': '11',
    })
    await putObject(
      started.UploadUrlMetadata?.Url ?? '',
      started.UploadUrlMetadata?.HeadersToInclude ?? {},
      bytes,
    )
    const fileId = started.FileId ?? ''
    await client.send(new CompleteAttachedFileUploadCommand(ids(fileId)))
    const got = await client.send(
      new GetAttachedFileCommand({ ...ids(fileId), UrlExpiryInSeconds: 30 }),
    )
    expect(got).toMatchObject({
      FileStatus: 'APPROVED',
      FileName: 'invoice.pdf',
      FileSizeInBytes: 11,
      AssociatedResourceArn: kase.associatedResourceArn,
    })
    expect((await send('GET', got.DownloadUrlMetadata?.Url ?? '')).body.equals(bytes)).toBe(true)
    const batch = await client.send(
      new BatchGetAttachedFileMetadataCommand({
        InstanceId: kase.instanceId,
        AssociatedResourceArn: kase.associatedResourceArn,
        FileIds: [fileId, 'missing'],
      }),
    )
    expect(batch.Files?.map((f) => [f.FileId, f.FileStatus])).toEqual([[fileId, 'APPROVED']])
    expect(batch.Errors?.map((e) => e.FileId)).toEqual(['missing'])
    await client.send(new DeleteAttachedFileCommand(ids(fileId)))
    expect(emu.objects()).toEqual([])
    expect((await errorOf(client.send(new GetAttachedFileCommand(ids(fileId)))))?.name).toBe(
      'ResourceNotFoundException',
    )
  })

  it('answers 403 for a wrong secret, and for a request signed for another body', async () => {
    const wrong = connectClient(emu, 'not-the-secret')
    const error = await errorOf(wrong.send(new StartAttachedFileUploadCommand(startInput())))
    wrong.destroy()
    expect(error?.$metadata?.httpStatusCode).toBe(403)
    expect(error?.name).toBe('InvalidSignatureException')
    const unsigned = await send(
      'PUT',
      `${emu.url}/attached-files/${kase.instanceId}?associatedResourceArn=x`,
      {},
      Buffer.from('{}'),
    )
    expect(unsigned.status).toBe(403)
  })

  it.each([
    ['INVALID_FILE_NAME', { FileName: 'bad\u0007name.pdf' }],
    ['INVALID_FILE_NAME', { FileName: `${'n'.repeat(253)}.pdf` }],
    ['INVALID_FILE_TYPE', { FileName: 'tool.exe' }],
    ['INVALID_FILE_SIZE', { FileSizeInBytes: 0 }],
    ['INVALID_FILE_SIZE', { FileSizeInBytes: 20 * 1024 * 1024 + 1 }],
  ])('answers InvalidRequestException with Reason %s', async (reason, change) => {
    const error = await errorOf(client.send(new StartAttachedFileUploadCommand(startInput(change))))
    expect(error?.name).toBe('InvalidRequestException')
    expect(error?.$metadata?.httpStatusCode).toBe(400)
    expect(error?.Reason).toEqual({ AttachedFileInvalidRequestExceptionReason: reason })
  })

  it('answers ServiceQuotaExceededException with its Reason past the per-case limits', async () => {
    await emu.close()
    emu = await startEmulator({ maxFilesPerCase: 2, maxBytesPerCase: 25 })
    client.destroy()
    client = connectClient(emu)
    kase = emu.createCase()
    await client.send(new StartAttachedFileUploadCommand(startInput({ FileSizeInBytes: 10 })))
    const size = await errorOf(
      client.send(new StartAttachedFileUploadCommand(startInput({ FileSizeInBytes: 16 }))),
    )
    expect(size?.name).toBe('ServiceQuotaExceededException')
    expect(size?.Reason).toEqual({
      AttachedFileServiceQuotaExceededExceptionReason: 'TOTAL_FILE_SIZE_EXCEEDED',
    })
    await client.send(new StartAttachedFileUploadCommand(startInput({ FileSizeInBytes: 10 })))
    const count = await errorOf(
      client.send(new StartAttachedFileUploadCommand(startInput({ FileSizeInBytes: 1 }))),
    )
    expect(count?.$metadata?.httpStatusCode).toBe(402)
    expect(count?.Reason).toEqual({
      AttachedFileServiceQuotaExceededExceptionReason: 'TOTAL_FILE_COUNT_EXCEEDED',
    })
  })

  it('keeps one file per ClientToken and answers ResourceConflictException when its input changes', async () => {
    const first = await client.send(
      new StartAttachedFileUploadCommand(startInput({ ClientToken: 'same' })),
    )
    const again = await client.send(
      new StartAttachedFileUploadCommand(startInput({ ClientToken: 'same' })),
    )
    expect(again.FileId).toBe(first.FileId)
    const error = await errorOf(
      client.send(
        new StartAttachedFileUploadCommand(
          startInput({ ClientToken: 'same', FileSizeInBytes: 12 }),
        ),
      ),
    )
    expect(error?.name).toBe('ResourceConflictException')
    expect(error?.$metadata?.httpStatusCode).toBe(409)
  })

  it('answers ResourceNotFoundException for an unknown file, instance or case, and on completing an unknown file', async () => {
    expect((await errorOf(client.send(new GetAttachedFileCommand(ids('nope')))))?.name).toBe(
      'ResourceNotFoundException',
    )
    const started = await client.send(new StartAttachedFileUploadCommand(startInput()))
    const otherCase = emu.createCase().associatedResourceArn
    const wrongCase = await errorOf(
      client.send(
        new GetAttachedFileCommand({
          ...ids(started.FileId ?? ''),
          AssociatedResourceArn: otherCase,
        }),
      ),
    )
    expect(wrongCase?.name).toBe('ResourceNotFoundException')
    const wrongInstance = await errorOf(
      client.send(
        new GetAttachedFileCommand({ ...ids(started.FileId ?? ''), InstanceId: 'other' }),
      ),
    )
    expect(wrongInstance?.$metadata?.httpStatusCode).toBe(404)
    expect(
      (await errorOf(client.send(new CompleteAttachedFileUploadCommand(ids('nope')))))?.name,
    ).toBe('ResourceNotFoundException')
  })

  it('answers ResourceConflictException when completing a file whose bytes were not PUT', async () => {
    const started = await client.send(new StartAttachedFileUploadCommand(startInput()))
    const error = await errorOf(
      client.send(new CompleteAttachedFileUploadCommand(ids(started.FileId ?? ''))),
    )
    expect(error?.name).toBe('ResourceConflictException')
  })

  it('gives a download URL only when APPROVED, and checks urlExpiryInSeconds', async () => {
    const rejected = await uploadFile(Buffer.from(EICAR), 'eicar.txt')
    const got = await client.send(new GetAttachedFileCommand(ids(rejected)))
    expect(got.FileStatus).toBe('REJECTED')
    expect(got.DownloadUrlMetadata).toBeUndefined()
    const clean = await uploadFile(Buffer.from('clean'), 'clean.txt')
    for (const seconds of [4, 301]) {
      const error = await errorOf(
        client.send(new GetAttachedFileCommand({ ...ids(clean), UrlExpiryInSeconds: seconds })),
      )
      expect(error?.name).toBe('InvalidRequestException')
    }
    const approved = await client.send(
      new GetAttachedFileCommand({ ...ids(clean), UrlExpiryInSeconds: 5 }),
    )
    expect(
      Date.parse(approved.DownloadUrlMetadata?.UrlExpiry ?? '') - Date.now(),
    ).toBeLessThanOrEqual(5000)
  })

  it('stays PROCESSING for scanDelayMs after Complete', async () => {
    await emu.close()
    emu = await startEmulator({ scanDelayMs: 100 })
    client.destroy()
    client = connectClient(emu)
    kase = emu.createCase()
    const fileId = await uploadFile(Buffer.from('clean'), 'clean.txt')
    expect((await client.send(new GetAttachedFileCommand(ids(fileId)))).FileStatus).toBe(
      'PROCESSING',
    )
    await expect
      .poll(async () => (await client.send(new GetAttachedFileCommand(ids(fileId)))).FileStatus, {
        timeout: 2000,
      })
      .toBe('APPROVED')
  })

  it('describes the default attached-files configuration', async () => {
    const out = await client.send(
      new DescribeAttachedFilesConfigurationCommand({
        InstanceId: kase.instanceId,
        AttachmentScope: 'CASE',
      }),
    )
    expect(out.AttachedFilesConfiguration).toMatchObject({
      InstanceId: kase.instanceId,
      AttachmentScope: 'CASE',
      MaximumSizeLimitInBytes: 20 * 1024 * 1024,
    })
    expect(
      out.AttachedFilesConfiguration?.ExtensionConfiguration?.AllowedExtensions?.map(
        (e) => e.Extension,
      ),
    ).toContain('pdf')
  })
})
