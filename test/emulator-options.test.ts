import { ConnectClient, StartAttachedFileUploadCommand } from '@aws-sdk/client-connect'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import { putObject, send } from './emulator-helpers.js'

const startFile = (
  emu: Emulator,
  credentials: { accessKeyId: string; secretAccessKey: string },
  size = 5,
) => {
  const kase = emu.createCase()
  const client = new ConnectClient({
    region: 'eu-west-2',
    endpoint: emu.url,
    credentials,
    maxAttempts: 1,
  })
  return client
    .send(
      new StartAttachedFileUploadCommand({
        InstanceId: kase.instanceId,
        AssociatedResourceArn: kase.associatedResourceArn,
        FileName: 'a.txt',
        FileSizeInBytes: size,
        FileUseCaseType: 'ATTACHMENT',
      }),
    )
    .finally(() => client.destroy())
}

describe('startEmulator options', () => {
  it('accepts only the configured credentials and uses the configured region and instance id', async () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI' }
    const emu = await startEmulator({ credentials, region: 'eu-west-2', instanceId: 'my-instance' })
    const started = await startFile(emu, credentials)
    expect(started.FileArn).toMatch(
      /^arn:aws:connect:eu-west-2:\d{12}:instance\/my-instance\/file\//,
    )
    const denied = await startFile(emu, { accessKeyId: 'test', secretAccessKey: 'test' }).catch(
      (error: Error) => error,
    )
    expect(denied).toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: { httpStatusCode: 403 },
    })
    await emu.close()
  })

  it('keeps uploaded bytes under storageDir and gives upload URLs the configured lifetime', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-storage-'))
    const emu = await startEmulator({ storageDir: dir, uploadUrlTtlSeconds: 60 })
    const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
    const started = await startFile(emu, credentials)
    const meta = started.UploadUrlMetadata
    expect(Date.parse(meta?.UrlExpiry ?? '') - Date.now()).toBeLessThanOrEqual(60_000)
    expect(Date.parse(meta?.UrlExpiry ?? '') - Date.now()).toBeGreaterThan(55_000)
    expect(
      (await putObject(meta?.Url ?? '', meta?.HeadersToInclude ?? {}, Buffer.from('hello'))).status,
    ).toBe(200)
    expect(readdirSync(dir)).toHaveLength(1)
    expect(emu.objects()).toEqual([expect.objectContaining({ size: 5, contentType: 'text/plain' })])
    await emu.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers 404 with a JSON message for a path it does not serve', async () => {
    const emu = await startEmulator()
    const res = await send('GET', `${emu.url}/nothing/here`)
    expect(res.status).toBe(404)
    expect(JSON.parse(res.text)).toEqual({ Message: 'No route for GET /nothing/here' })
    await emu.close()
  })
})
