import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { GetAttachedFileCommand } from '@aws-sdk/client-connect'
import { startEmulator, type Emulator } from '../src/emulator/index.js'
import {
  createAttachedFilesHandler,
  createCasesAdapter,
  sendViaHttpBackend,
  type AttachedFilesHandlerOptions,
  type ConnectClientLike,
} from '../src/cases/index.js'
import { download, putToTarget, signal, textBytes } from './adapter-helpers.js'
import { connectClient } from './emulator-helpers.js'

// A host app's backend: Node's http server in front of the Fetch API handler.
async function serve(handler: (request: Request) => Promise<Response>): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
      })
      const response = await handler(request)
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

let emu: Emulator
let server: Server
let backendUrl: string
let sent: string[]
let options: Partial<AttachedFilesHandlerOptions>
let instanceId: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  instanceId = emu.createCase().instanceId
  const client = connectClient(emu)
  // Counts what reaches Connect, to show a refused call never does.
  const counting: ConnectClientLike = {
    send(command, sendOptions) {
      sent.push(command.constructor.name)
      return client.send(command as never, sendOptions)
    },
  }
  server = await serve((request) =>
    createAttachedFilesHandler({
      client: counting,
      instanceId,
      authorize: ({ request: r }) => r.headers.get('authorization') === 'Bearer agent',
      ...options,
    })(request),
  )
  backendUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/attachments`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await emu.close()
})
afterEach(() => {
  sent = []
  options = {}
  emu.faults.clear()
})
sent = []
options = {}

const agentSend = () =>
  sendViaHttpBackend(backendUrl, { headers: () => ({ authorization: 'Bearer agent' }) })
const post = (body: string, authorization = 'Bearer agent') =>
  fetch(backendUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body,
  })
const init = () => ({ clientToken: crypto.randomUUID(), signal: signal() })

describe('createAttachedFilesHandler', () => {
  it('relays every file operation from sendViaHttpBackend to Connect', async () => {
    const adapter = createCasesAdapter({ ...emu.createCase(), send: agentSend() })
    const bytes = textBytes('via backend')
    const target = await adapter.startUpload(
      { name: 'b.txt', size: bytes.length, type: 'text/plain' },
      init(),
    )
    await putToTarget(target, bytes)
    await adapter.completeUpload(target, init())
    const file = await vi.waitFor(async () => {
      const f = await adapter.getFile(target.id)
      if (f.status !== 'approved') throw new Error(f.status)
      return f
    })
    expect(new TextDecoder().decode(await download(file.download!.url))).toBe('via backend')
    expect((await adapter.getFiles([target.id])).files).toHaveLength(1)
    await adapter.deleteFile(target.id)
    expect(sent.slice(0, 2)).toEqual([
      'StartAttachedFileUploadCommand',
      'CompleteAttachedFileUploadCommand',
    ])
    expect(new Set(sent.slice(2, -2))).toEqual(new Set(['GetAttachedFileCommand']))
    expect(sent.slice(-2)).toEqual([
      'BatchGetAttachedFileMetadataCommand',
      'DeleteAttachedFileCommand',
    ])
  })

  it('answers the output without $metadata', async () => {
    const { instanceId, associatedResourceArn } = emu.createCase()
    const input = {
      InstanceId: instanceId,
      AssociatedResourceArn: associatedResourceArn,
      FileIds: ['x'],
    }
    const response = await post(
      JSON.stringify({ operation: 'BatchGetAttachedFileMetadata', input }),
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).not.toHaveProperty('$metadata')
    expect(body).toHaveProperty('Errors')
  })

  it('refuses with 403 when authorize says no, and nothing reaches Connect', async () => {
    const before = emu.objects().length
    const adapter = createCasesAdapter({
      ...emu.createCase(),
      send: sendViaHttpBackend(backendUrl, { headers: { authorization: 'Bearer stranger' } }),
    })
    const file = { name: 'b.txt', size: 3, type: 'text/plain' }
    await expect(adapter.startUpload(file, init())).rejects.toMatchObject({
      code: 'access-denied',
      status: 403,
    })
    expect(sent).toEqual([])
    expect(emu.objects()).toHaveLength(before)
  })

  it('hands authorize the operation, the validated input and the request', async () => {
    const authorize = vi.fn(() => false)
    options = { authorize }
    const { instanceId, associatedResourceArn } = emu.createCase()
    const input = {
      InstanceId: instanceId,
      AssociatedResourceArn: associatedResourceArn,
      FileId: 'f',
    }
    await post(JSON.stringify({ operation: 'GetAttachedFile', input }))
    expect(authorize).toHaveBeenCalledWith({
      operation: 'GetAttachedFile',
      input,
      request: expect.any(Request),
    })
  })

  it('answers a generic 500 when authorize throws, and tells onError', async () => {
    const onError = vi.fn()
    options = {
      authorize: () => {
        throw new Error('session store down: redis://secret@10.0.0.1')
      },
      onError,
    }
    const response = await post(
      JSON.stringify({
        operation: 'GetAttachedFile',
        input: { InstanceId: instanceId, AssociatedResourceArn: 'a', FileId: 'f' },
      }),
    )
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('redis')
    expect(onError).toHaveBeenCalledOnce()
    expect(sent).toEqual([])
  })

  it.each([
    ['an unknown operation', JSON.stringify({ operation: 'DeleteInstance', input: {} })],
    ['bad JSON', '{"operation":'],
    ['a body that is not an object', '"GetAttachedFile"'],
    [
      'a missing field',
      JSON.stringify({ operation: 'GetAttachedFile', input: { InstanceId: 'i' } }),
    ],
    [
      'an unknown field',
      JSON.stringify({
        operation: 'DeleteAttachedFile',
        input: { InstanceId: 'i', AssociatedResourceArn: 'a', FileId: 'f', Force: true },
      }),
    ],
    [
      'a size below one byte',
      JSON.stringify({
        operation: 'StartAttachedFileUpload',
        input: {
          InstanceId: 'i',
          AssociatedResourceArn: 'a',
          FileName: 'a.txt',
          FileSizeInBytes: 0,
          FileUseCaseType: 'ATTACHMENT',
        },
      }),
    ],
    [
      'DescribeAttachedFilesConfiguration when not allowed',
      JSON.stringify({
        operation: 'DescribeAttachedFilesConfiguration',
        input: { InstanceId: 'i', AttachmentScope: 'CASE' },
      }),
    ],
  ])('answers 400 to %s without calling authorize or Connect', async (_, body) => {
    const authorize = vi.fn(() => true)
    options = { authorize }
    const response = await post(body)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ name: 'InvalidRequestException' })
    expect(authorize).not.toHaveBeenCalled()
    expect(sent).toEqual([])
  })

  it('answers 405 to anything but POST', async () => {
    const response = await fetch(backendUrl)
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })

  it("relays an AWS error's name, message, reason and status, and nothing else", async () => {
    const { instanceId, associatedResourceArn } = emu.createCase()
    const input = {
      InstanceId: instanceId,
      AssociatedResourceArn: associatedResourceArn,
      FileName: 'run.exe',
      FileSizeInBytes: 3,
      FileUseCaseType: 'ATTACHMENT',
    }
    const response = await post(JSON.stringify({ operation: 'StartAttachedFileUpload', input }))
    expect(response.status).toBe(400)
    const body = (await response.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['message', 'name', 'reason'])
    expect(body).toMatchObject({ name: 'InvalidRequestException', reason: 'INVALID_FILE_TYPE' })
  })

  const startInput = () => {
    const { instanceId, associatedResourceArn } = emu.createCase()
    return {
      InstanceId: instanceId,
      AssociatedResourceArn: associatedResourceArn,
      FileName: 'a.txt',
      FileSizeInBytes: 3,
      FileUseCaseType: 'ATTACHMENT',
    }
  }
  const roleMessage =
    'User: arn:aws:sts::123456789012:assumed-role/MyServerRole/i-0abc is not authorized to ' +
    'perform: connect:StartAttachedFileUpload on resource: arn:aws:connect:us-east-1:123456789012:instance/i'

  it.each([
    [403, 'AccessDeniedException', 'access-denied'],
    [401, 'UnauthorizedException', 'access-denied'],
    [403, 'ExpiredTokenException', 'access-denied'],
    [500, 'InternalServiceException', 'server'],
    [503, 'ServiceUnavailableException', 'server'],
  ])(
    "keeps the service's message of a %i %s from the page, and tells onError",
    async (status, errorType, code) => {
      const onError = vi.fn()
      options = { onError }
      emu.faults.set('StartAttachedFileUpload', { status, errorType, message: roleMessage })
      const response = await post(
        JSON.stringify({ operation: 'StartAttachedFileUpload', input: startInput() }),
      )
      expect(response.status).toBe(status)
      const text = await response.text()
      expect(text).not.toContain('123456789012')
      expect(text).not.toContain('MyServerRole')
      expect(JSON.parse(text)).toEqual({ name: errorType, message: expect.any(String) })
      expect(onError).toHaveBeenCalledOnce()
      expect(onError.mock.calls[0]![0]).toMatchObject({ name: errorType, message: roleMessage })
      // The page still maps it as it would the SDK's own error.
      emu.faults.set('StartAttachedFileUpload', { status, errorType, message: roleMessage })
      const adapter = createCasesAdapter({ ...emu.createCase(), send: agentSend() })
      const file = { name: 'a.txt', size: 3, type: 'text/plain' }
      await expect(adapter.startUpload(file, init())).rejects.toMatchObject({ code, status })
    },
  )

  it("relays the message of an error about the caller's own input, without ARNs", async () => {
    const onError = vi.fn()
    options = { onError }
    const message =
      'File name a.txt is not valid for arn:aws:connect:us-east-1:123456789012:instance/i'
    emu.faults.set('StartAttachedFileUpload', {
      status: 400,
      errorType: 'InvalidRequestException',
      message,
    })
    const response = await post(
      JSON.stringify({ operation: 'StartAttachedFileUpload', input: startInput() }),
    )
    expect(response.status).toBe(400)
    const body = (await response.json()) as { message: string }
    expect(body.message).toContain('File name a.txt is not valid')
    expect(body.message).not.toContain('123456789012')
    expect(onError).not.toHaveBeenCalled()
  })

  it('lets the adapter map relayed errors like SDK ones', async () => {
    const adapter = createCasesAdapter({ ...emu.createCase(), send: agentSend() })
    const file = { name: 'run.exe', size: 3, type: 'application/octet-stream' }
    const invalid = await adapter.startUpload(file, init()).catch((e: unknown) => e)
    expect(invalid).toMatchObject({
      code: 'invalid-request',
      status: 400,
      reason: 'INVALID_FILE_TYPE',
    })
    expect((invalid as Error).cause).toMatchObject({ name: 'InvalidRequestException' })
    emu.faults.set('GetAttachedFile', { status: 429 })
    await expect(adapter.getFile('x')).rejects.toMatchObject({ code: 'throttled', status: 429 })
    emu.faults.set('StartAttachedFileUpload', {
      status: 402,
      errorType: 'ServiceQuotaExceededException',
      reason: 'TOTAL_FILE_COUNT_EXCEEDED',
    })
    await expect(adapter.startUpload({ ...file, name: 'a.txt' }, init())).rejects.toMatchObject({
      code: 'quota-exceeded',
      reason: 'TOTAL_FILE_COUNT_EXCEEDED',
    })
  })

  it('relays DescribeAttachedFilesConfiguration when allowed, for loadLimits', async () => {
    options = { allowDescribeConfiguration: true }
    const adapter = createCasesAdapter({ ...emu.createCase(), send: agentSend() })
    const limits = await adapter.loadLimits()
    expect(limits.maxFileSize).toBe(20 * 1024 * 1024)
    expect(sent).toEqual(['DescribeAttachedFilesConfigurationCommand'])
  })

  it('answers a generic 502 when Connect cannot be reached, and tells onError', async () => {
    const gone = await startEmulator({ port: 0 })
    await gone.close()
    const onError = vi.fn()
    const handler = createAttachedFilesHandler({
      client: connectClient(gone),
      instanceId: 'i',
      authorize: () => true,
      onError,
    })
    const body = JSON.stringify({
      operation: 'GetAttachedFile',
      input: { InstanceId: 'i', AssociatedResourceArn: 'a', FileId: 'f' },
    })
    const response = await handler(new Request('http://127.0.0.1/x', { method: 'POST', body }))
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({
      name: 'InternalServiceException',
      message: 'Amazon Connect did not answer.',
    })
    expect(onError).toHaveBeenCalledOnce()
  })
})

describe('createAttachedFilesHandler scope', () => {
  const getFile = (InstanceId: string, AssociatedResourceArn: string) =>
    JSON.stringify({
      operation: 'GetAttachedFile',
      input: { InstanceId, AssociatedResourceArn, FileId: 'f' },
    })

  it('refuses a call naming another instance with 403, before authorize and Connect', async () => {
    const authorize = vi.fn(() => true)
    options = { authorize, allowDescribeConfiguration: true }
    const { associatedResourceArn } = emu.createCase()
    const describeConfig = JSON.stringify({
      operation: 'DescribeAttachedFilesConfiguration',
      input: { InstanceId: 'another-instance', AttachmentScope: 'CASE' },
    })
    for (const body of [getFile('another-instance', associatedResourceArn), describeConfig]) {
      const response = await post(body)
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ name: 'AccessDeniedException' })
    }
    expect(authorize).not.toHaveBeenCalled()
    expect(sent).toEqual([])
  })

  it('refuses a file call naming another resource than the one the request resolves to', async () => {
    const mine = emu.createCase()
    const other = emu.createCase()
    // The host's session says which case this agent has open.
    options = { associatedResourceArn: (request) => request.headers.get('x-case') ?? '' }
    const adapterFor = (arn: string) =>
      createCasesAdapter({
        ...other,
        send: sendViaHttpBackend(backendUrl, {
          headers: { authorization: 'Bearer agent', 'x-case': arn },
        }),
      })
    const file = { name: 'b.txt', size: 3, type: 'text/plain' }
    await expect(
      adapterFor(mine.associatedResourceArn).startUpload(file, init()),
    ).rejects.toMatchObject({ code: 'access-denied', status: 403 })
    expect(sent).toEqual([])
    await expect(
      adapterFor(other.associatedResourceArn).startUpload(file, init()),
    ).resolves.toMatchObject({
      id: expect.any(String),
    })
    expect(sent).toEqual(['StartAttachedFileUploadCommand'])
  })

  it('resolves the instance per request when given a function', async () => {
    const { associatedResourceArn } = emu.createCase()
    options = { instanceId: async (request) => request.headers.get('x-instance') ?? '' }
    const asInstance = (value: string) =>
      fetch(backendUrl, {
        method: 'POST',
        headers: { authorization: 'Bearer agent', 'x-instance': value },
        body: getFile(instanceId, associatedResourceArn),
      })
    expect((await asInstance('another-instance')).status).toBe(403)
    expect(sent).toEqual([])
    expect((await asInstance(instanceId)).status).toBe(404)
    expect(sent).toEqual(['GetAttachedFileCommand'])
  })

  it('answers a generic 500 when resolving the scope throws, and tells onError', async () => {
    const onError = vi.fn()
    options = {
      associatedResourceArn: () => {
        throw new Error('session store down')
      },
      onError,
    }
    const response = await post(getFile(instanceId, 'a'))
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('session store')
    expect(onError).toHaveBeenCalledOnce()
    expect(sent).toEqual([])
  })
})

describe('createAttachedFilesHandler uploader and tags', () => {
  const userArn = (agent: string) =>
    `arn:aws:connect:us-east-1:123456789012:instance/${instanceId}/agent/${agent}`
  const startBody = (
    {
      instanceId: InstanceId,
      associatedResourceArn,
    }: { instanceId: string; associatedResourceArn: string },
    extra: Record<string, unknown> = {},
  ) =>
    JSON.stringify({
      operation: 'StartAttachedFileUpload',
      input: {
        InstanceId,
        AssociatedResourceArn: associatedResourceArn,
        FileName: 'b.txt',
        FileSizeInBytes: 3,
        FileUseCaseType: 'ATTACHMENT',
        ...extra,
      },
    })
  /** The file as Connect recorded it. */
  const recorded = (
    created: { instanceId: string; associatedResourceArn: string },
    FileId: string,
  ) =>
    connectClient(emu).send(
      new GetAttachedFileCommand({
        InstanceId: created.instanceId,
        AssociatedResourceArn: created.associatedResourceArn,
        FileId,
      }),
    )

  it.each([
    [
      'CreatedBy',
      { CreatedBy: { ConnectUserArn: 'arn:aws:connect:us-east-1:1:instance/i/agent/other' } },
    ],
    ['Tags', { Tags: { approved: 'yes' } }],
  ])('refuses a %s the page chose with 400, before authorize and Connect', async (_, extra) => {
    const authorize = vi.fn(() => true)
    options = { authorize }
    const response = await post(startBody(emu.createCase(), extra))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ name: 'InvalidRequestException' })
    expect(authorize).not.toHaveBeenCalled()
    expect(sent).toEqual([])
  })

  it("refuses the adapter's createdBy through sendViaHttpBackend as invalid-request", async () => {
    const adapter = createCasesAdapter({
      ...emu.createCase(),
      send: agentSend(),
      createdBy: { connectUserArn: userArn('other') },
    })
    const file = { name: 'b.txt', size: 3, type: 'text/plain' }
    await expect(adapter.startUpload(file, init())).rejects.toMatchObject({
      code: 'invalid-request',
      status: 400,
    })
    expect(sent).toEqual([])
  })

  it('records the uploader and tags the server sets from the authorized request', async () => {
    const created = emu.createCase()
    const createdBy = vi.fn(({ request }: { request: Request }) => ({
      connectUserArn: userArn(request.headers.get('x-agent') ?? ''),
    }))
    options = {
      createdBy,
      tags: async ({ input }) => ({ case: String(input.AssociatedResourceArn).slice(-8) }),
    }
    const adapter = createCasesAdapter({
      ...created,
      send: sendViaHttpBackend(backendUrl, {
        headers: { authorization: 'Bearer agent', 'x-agent': 'a1' },
      }),
    })
    const target = await adapter.startUpload({ name: 'b.txt', size: 3, type: 'text/plain' }, init())
    const file = await recorded(created, target.id)
    expect(file.CreatedBy).toEqual({ ConnectUserArn: userArn('a1') })
    expect(file.Tags).toEqual({ case: created.associatedResourceArn.slice(-8) })
    expect(createdBy).toHaveBeenCalledWith({
      operation: 'StartAttachedFileUpload',
      input: expect.objectContaining({ FileName: 'b.txt' }),
      request: expect.any(Request),
    })
  })

  it('asks for the uploader only for an upload the caller is allowed to make', async () => {
    const createdBy = vi.fn(() => ({ awsIdentityArn: 'arn:aws:iam::123456789012:user/x' }))
    options = { createdBy, authorize: () => false }
    expect((await post(startBody(emu.createCase()))).status).toBe(403)
    options = { createdBy }
    const created = emu.createCase()
    await post(
      JSON.stringify({
        operation: 'GetAttachedFile',
        input: {
          InstanceId: created.instanceId,
          AssociatedResourceArn: created.associatedResourceArn,
          FileId: 'f',
        },
      }),
    )
    expect(createdBy).not.toHaveBeenCalled()
  })

  it('answers a generic 500 when createdBy throws, and tells onError', async () => {
    const onError = vi.fn()
    options = {
      createdBy: () => {
        throw new Error('directory down: ldap://secret@10.0.0.2')
      },
      onError,
    }
    const response = await post(startBody(emu.createCase()))
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('ldap')
    expect(onError).toHaveBeenCalledOnce()
    expect(sent).toEqual([])
  })
})
