import { GetAttachedFileCommand } from '@aws-sdk/client-connect'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { EICAR, startEmulator, type Emulator } from '../src/emulator/index.js'
import {
  createCasesAdapter,
  sendViaConnectClient,
  type CasesAdapter,
  type CasesAdapterOptions,
  type SendAttachedFiles,
} from '../src/cases/index.js'
import { download, putToTarget, signal, textBytes } from './adapter-helpers.js'
import { connectClient } from './emulator-helpers.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ port: 0, maxFileSizeBytes: 5 * 1024 * 1024 })
})
afterAll(() => emu.close())
afterEach(() => emu.faults.clear())

function caseAdapter(options: Partial<CasesAdapterOptions> = {}): CasesAdapter {
  return createCasesAdapter({
    ...emu.createCase(),
    send: sendViaConnectClient(connectClient(emu)),
    ...options,
  })
}

const init = () => ({ clientToken: crypto.randomUUID(), signal: signal() })

async function upload(adapter: CasesAdapter, text: string, name = 'notes.txt') {
  const bytes = textBytes(text)
  const target = await adapter.startUpload({ name, size: bytes.length, type: 'text/plain' }, init())
  await putToTarget(target, bytes)
  await adapter.completeUpload(target, init())
  return target
}

const settled = (adapter: CasesAdapter, id: string) =>
  vi.waitFor(async () => {
    const file = await adapter.getFile(id)
    if (file.status === 'processing') throw new Error('still processing')
    return file
  })

describe('createCasesAdapter', () => {
  it('uploads a file and hands out a download URL once it is approved', async () => {
    const adapter = caseAdapter()
    const target = await upload(adapter, 'case notes')
    expect(target.arn).toMatch(/^arn:aws:connect:/)
    expect(target.expiresAt).toBeGreaterThan(Date.now())
    const file = await settled(adapter, target.id)
    expect(file).toMatchObject({ id: target.id, status: 'approved', name: 'notes.txt', size: 10 })
    expect(file.download!.expiresAt).toBeGreaterThan(Date.now())
    expect(new TextDecoder().decode(await download(file.download!.url))).toBe('case notes')
  })

  it('reports a file still being scanned as processing, without a URL', async () => {
    const slow = await startEmulator({ port: 0, scanDelayMs: 60_000 })
    try {
      const adapter = createCasesAdapter({
        ...slow.createCase(),
        send: sendViaConnectClient(connectClient(slow)),
      })
      const before = Date.now()
      const target = await upload(adapter, 'wait')
      const file = await adapter.getFile(target.id)
      expect(file).toEqual({
        id: target.id,
        status: 'processing',
        name: 'notes.txt',
        size: 4,
        createdAt: expect.any(Number),
      })
      // CreationTime, through the real SDK: when Start ran, to the millisecond.
      expect(file.createdAt).toBeGreaterThanOrEqual(before)
      expect(file.createdAt).toBeLessThanOrEqual(Date.now())
    } finally {
      await slow.close()
    }
  })

  it('reports a file the scanner rejected as rejected, without a URL', async () => {
    const adapter = caseAdapter()
    const target = await upload(adapter, EICAR)
    const file = await settled(adapter, target.id)
    expect(file.status).toBe('rejected')
    expect(file.download).toBeUndefined()
  })

  it('passes the clientToken through, so a retried start returns the same file', async () => {
    const adapter = caseAdapter()
    const same = init()
    const file = { name: 'a.txt', size: 3, type: 'text/plain' }
    const first = await adapter.startUpload(file, same)
    expect((await adapter.startUpload(file, same)).id).toBe(first.id)
    expect((await adapter.startUpload(file, init())).id).not.toBe(first.id)
  })

  it('records createdBy and tags on the file', async () => {
    const created = emu.createCase()
    const client = connectClient(emu)
    const userArn = `arn:aws:connect:us-east-1:123456789012:instance/${created.instanceId}/agent/a1`
    const adapter = createCasesAdapter({
      ...created,
      send: sendViaConnectClient(client),
      createdBy: { connectUserArn: userArn },
      tags: { team: 'billing' },
    })
    const target = await upload(adapter, 'tagged')
    const raw = await client.send(
      new GetAttachedFileCommand({
        InstanceId: created.instanceId,
        FileId: target.id,
        AssociatedResourceArn: created.associatedResourceArn,
      }),
    )
    expect(raw.CreatedBy).toEqual({ ConnectUserArn: userArn })
    expect(raw.Tags).toEqual({ team: 'billing' })
  })

  it('deletes a file', async () => {
    const adapter = caseAdapter()
    const target = await upload(adapter, 'bye')
    await adapter.deleteFile(target.id)
    await expect(adapter.getFile(target.id)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('lists many files in one call with getFiles, and reports the unknown ones', async () => {
    const adapter = caseAdapter()
    const a = await upload(adapter, 'one', 'one.txt')
    const b = await upload(adapter, 'two', 'two.txt')
    await settled(adapter, a.id)
    await settled(adapter, b.id)
    const { files, errors } = await adapter.getFiles([a.id, b.id, 'missing'])
    expect(files.map((f) => [f.name, f.status]).sort()).toEqual([
      ['one.txt', 'approved'],
      ['two.txt', 'approved'],
    ])
    expect(files.every((f) => f.download === undefined)).toBe(true)
    expect(errors).toEqual([
      { id: 'missing', errorCode: expect.any(String), message: expect.any(String) },
    ])
  })

  it('splits getFiles into requests of at most 100 ids', async () => {
    const operations: string[] = []
    const real = sendViaConnectClient(connectClient(emu))
    const counting: SendAttachedFiles = (operation, input, options) => {
      operations.push(`${operation}:${(input.FileIds as string[]).length}`)
      return real(operation, input, options)
    }
    const adapter = caseAdapter({ send: counting })
    const ids = Array.from({ length: 150 }, (_, i) => `file-${i}`)
    const { errors } = await adapter.getFiles(ids)
    expect(operations).toEqual([
      'BatchGetAttachedFileMetadata:100',
      'BatchGetAttachedFileMetadata:50',
    ])
    expect(errors).toHaveLength(150)
  })

  it('lists 1,000 ids four batches at a time, retrying a throttled batch', async () => {
    emu.faults.set('BatchGetAttachedFileMetadata', { status: 429 })
    const real = sendViaConnectClient(connectClient(emu))
    let inFlight = 0
    let maxInFlight = 0
    const counting: SendAttachedFiles = async (operation, input, options) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      try {
        return await real(operation, input, options)
      } finally {
        inFlight -= 1
      }
    }
    const ids = Array.from({ length: 1000 }, (_, i) => `file-${i}`)
    const { errors } = await caseAdapter({ send: counting }).getFiles(ids)
    expect(errors.map((e) => e.id)).toEqual(ids)
    expect(emu.faults.count('BatchGetAttachedFileMetadata')).toBe(1)
    expect(maxInFlight).toBe(4)
  })

  it("reflects the instance's configured limits after loadLimits", async () => {
    const adapter = caseAdapter()
    expect(adapter.limits.maxFileSize).toBe(20 * 1024 * 1024)
    const limits = await adapter.loadLimits()
    expect(limits.maxFileSize).toBe(5 * 1024 * 1024)
    expect(adapter.limits.maxFileSize).toBe(5 * 1024 * 1024)
    expect(adapter.limits.allowedExtensions).toContain('.pdf')
    expect(adapter.limits.allowedExtensions!.every((e) => e.startsWith('.'))).toBe(true)
  })

  it('loads the limits on creation with describeLimits, host limits still winning', async () => {
    const adapter = caseAdapter({ describeLimits: true, limits: { maxNameLength: 100 } })
    await vi.waitFor(() => expect(adapter.limits.maxFileSize).toBe(5 * 1024 * 1024))
    expect(adapter.limits.maxNameLength).toBe(100)
  })
})
