// Connect attached files (Cases, Email, Tasks): Start/Complete/Get/BatchGet/Delete under
// /attached-files/{InstanceId}, plus DescribeAttachedFilesConfiguration; every call SigV4-signed.
import { randomUUID } from 'node:crypto'
import type { AttachedFileRecord, Cases } from './cases.js'
import { ACCOUNT_ID, isoTime, keySafeName, type EmulatorContext } from './context.js'
import {
  attachedFileView,
  checkQuota,
  checkStartInput,
  describeConfiguration,
  type StartInput,
} from './attached-files-rules.js'
import { extensionOf, DEFAULT_FILE_TYPES } from './file-types.js'
import { parseJsonObject } from './exchange.js'
import type { Exchange, Route } from './router.js'
import { verifySigned } from './sigv4.js'
import { countCall } from './upload-ledger.js'
import { contentDisposition, optionalInteger } from './validate.js'
import { fail } from './wire-errors.js'

const I = 'InvalidRequestException'

type Handler = (ex: Exchange, arn: string, body: Buffer) => Promise<object> | object
const FILES = '/attached-files/{InstanceId}'
const FILE = '/attached-files/{InstanceId}/{FileId}'

/** The Connect routes. */
export function attachedFileRoutes(ctx: EmulatorContext, cases: Cases): Route[] {
  const route = (
    method: string,
    pattern: string,
    operation: Route['operation'],
    handle: Handler,
  ): Route => ({
    method,
    pattern,
    service: 'connect',
    operation,
    handle: async (ex) => {
      const body = await signedBody(ctx, cases, ex)
      return { body: await handle(ex, associatedResourceArn(ex), body) }
    },
  })
  const fileOf = (ex: Exchange, arn: string) => findFile(cases, ex.params.FileId ?? '', arn)
  return [
    route('PUT', FILES, 'StartAttachedFileUpload', (ex, arn, body) =>
      start(ctx, cases, ex, arn, parse(body)),
    ),
    route('POST', FILE, 'CompleteAttachedFileUpload', (ex, arn) => complete(ctx, fileOf(ex, arn))),
    route('GET', FILE, 'GetAttachedFile', (ex, arn) => getFile(ctx, ex, fileOf(ex, arn))),
    route('POST', FILES, 'BatchGetAttachedFileMetadata', (_, arn, body) =>
      batchGet(cases, arn, parse(body)),
    ),
    route('DELETE', FILE, 'DeleteAttachedFile', (ex, arn) =>
      deleteFile(ctx, cases, fileOf(ex, arn)),
    ),
    {
      method: 'GET',
      pattern: '/attached-files-configurations/{InstanceId}/{AttachmentScope}',
      service: 'connect',
      operation: 'DescribeAttachedFilesConfiguration',
      handle: async (ex) => {
        await signedBody(ctx, cases, ex)
        return {
          body: describeConfiguration(ctx, cases.instanceId, ex.params.AttachmentScope ?? ''),
        }
      },
    },
  ]
}

/** The body of a request whose SigV4 signature holds, for the emulator's instance. */
async function signedBody(ctx: EmulatorContext, cases: Cases, ex: Exchange): Promise<Buffer> {
  const body = await ex.body()
  await verifySigned(ex.req, ex.url, body, ctx.options.credentials, ctx.now())
  if (ex.params.InstanceId !== cases.instanceId) {
    throw fail(
      404,
      'ResourceNotFoundException',
      `Instance ${ex.params.InstanceId ?? ''} not found.`,
    )
  }
  return body
}

const associatedResourceArn = (ex: Exchange): string => {
  const arn = ex.url.searchParams.get('associatedResourceArn') ?? ''
  if (!arn.startsWith('arn:')) {
    throw fail(400, I, 'associatedResourceArn must be the ARN of a case, email or task.')
  }
  return arn
}

const findFile = (cases: Cases, fileId: string, arn: string): AttachedFileRecord => {
  const file = cases.files.get(fileId)
  if (file === undefined || file.associatedResourceArn !== arn) {
    throw fail(404, 'ResourceNotFoundException', `File ${fileId} not found.`)
  }
  return file
}

// "Deletes an attached file along with the underlying S3 Object" (DeleteAttachedFile docs).
const deleteFile = (ctx: EmulatorContext, cases: Cases, file: AttachedFileRecord): object => {
  file.deleted = true
  cases.files.delete(file.fileId)
  ctx.storage.delete(file.key)
  return {}
}

const parse = (body: Buffer): Record<string, unknown> => parseJsonObject(body, 'connect')

async function start(
  ctx: EmulatorContext,
  cases: Cases,
  ex: Exchange,
  arn: string,
  body: Record<string, unknown>,
): Promise<object> {
  const input: StartInput = checkStartInput(body, ctx.options.maxFileSizeBytes)
  const fingerprint = JSON.stringify([arn, input.name, input.size, input.urlExpiryInSeconds])
  const known =
    input.clientToken === undefined
      ? undefined
      : cases.files.get(cases.clientTokens.get(input.clientToken) ?? '')
  if (known !== undefined && known.fingerprint !== fingerprint) {
    throw fail(
      409,
      'ResourceConflictException',
      'The ClientToken was already used with different parameters.',
    )
  }
  if (known === undefined) checkQuota(cases.filesOf(arn), input.size, ctx.options)
  const file = known ?? newFile(ctx, cases.instanceId, arn, input, fingerprint)
  cases.files.set(file.fileId, file)
  if (input.clientToken !== undefined) cases.clientTokens.set(input.clientToken, file.fileId)
  countCall(file.calls, 'start', input.clientToken)
  const headers = { 'Content-Type': file.contentType, 'Content-Length': String(file.size) }
  ctx.uploads.set(file.key, { size: file.size })
  const ttl = ex.fault?.urlTtlSeconds ?? input.urlExpiryInSeconds ?? ctx.options.uploadUrlTtlSeconds
  const { url, expiresAt } = await ctx.presign(ex.host, 'PUT', file.key, headers, ttl)
  return {
    FileArn: file.fileArn,
    FileId: file.fileId,
    CreationTime: file.creationTime,
    FileStatus: file.status,
    ...(file.createdBy === undefined ? {} : { CreatedBy: file.createdBy }),
    UploadUrlMetadata: { Url: url, UrlExpiry: isoTime(expiresAt), HeadersToInclude: headers },
  }
}

function newFile(
  ctx: EmulatorContext,
  instanceId: string,
  arn: string,
  input: StartInput,
  fingerprint: string,
): AttachedFileRecord {
  const fileId = randomUUID()
  const key = `cases/${instanceId}/${fileId}/${keySafeName(input.name)}`
  const file: AttachedFileRecord = {
    fileId,
    fileArn: `arn:aws:connect:${ctx.options.region}:${ACCOUNT_ID}:instance/${instanceId}/file/${fileId}`,
    instanceId,
    associatedResourceArn: arn,
    name: input.name,
    size: input.size,
    contentType: DEFAULT_FILE_TYPES[extensionOf(input.name)] ?? 'application/octet-stream',
    key,
    status: 'PROCESSING',
    completed: false,
    creationTime: new Date(ctx.now()).toISOString(),
    ...(input.createdBy === undefined ? {} : { createdBy: input.createdBy }),
    ...(input.tags === undefined ? {} : { tags: input.tags }),
    fingerprint,
    deleted: false,
    calls: ctx.ledger.add(() => ({
      service: 'connect',
      id: fileId,
      associatedResourceArn: arn,
      name: input.name,
      key,
      size: input.size,
      // Connect says PROCESSING from Start on; the ledger tells a file not yet completed apart.
      status: file.completed ? file.status : 'PENDING_UPLOAD',
      deleted: file.deleted,
    })),
  }
  return file
}

function complete(ctx: EmulatorContext, file: AttachedFileRecord): object {
  // CompleteAttachedFileUpload has no ClientToken.
  countCall(file.calls, 'complete', undefined)
  if (file.completed) return {}
  const stored = ctx.storage.get(file.key)
  if (stored === undefined)
    throw fail(409, 'ResourceConflictException', 'The file has not been uploaded yet.')
  file.completed = true
  ctx.scanner.scanFile(stored.bytes, (verdict) => {
    file.status = verdict
    if (verdict === 'REJECTED') ctx.storage.delete(file.key)
  })
  return {}
}

async function getFile(
  ctx: EmulatorContext,
  ex: Exchange,
  file: AttachedFileRecord,
): Promise<object> {
  const query = Object.fromEntries(
    [...ex.url.searchParams].map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]),
  )
  const requested = optionalInteger(query, 'urlExpiryInSeconds', 5, 300, I)
  const view = attachedFileView(file)
  if (file.status !== 'APPROVED') return view
  const ttl = ex.fault?.urlTtlSeconds ?? requested ?? 300
  // The URL names the file for the browser: S3 answers a signed GET that carries
  // `response-content-disposition` with that header, so following the link saves the file under
  // its name rather than opening a tab on the bare object (the upload signed no such header).
  const { url, expiresAt } = await ctx.presign(ex.host, 'GET', file.key, {}, ttl, {
    'response-content-disposition': contentDisposition(file.name),
  })
  return { ...view, DownloadUrlMetadata: { Url: url, UrlExpiry: isoTime(expiresAt) } }
}

function batchGet(cases: Cases, arn: string, body: Record<string, unknown>): object {
  const ids = body.FileIds
  if (
    !Array.isArray(ids) ||
    ids.length < 1 ||
    ids.length > 100 ||
    !ids.every((id) => typeof id === 'string')
  ) {
    throw fail(400, I, 'FileIds must list 1 to 100 file ids.')
  }
  const files: object[] = []
  const errors: object[] = []
  for (const id of ids as string[]) {
    const file = cases.files.get(id)
    if (file !== undefined && file.associatedResourceArn === arn) files.push(attachedFileView(file))
    else
      errors.push({
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `File ${id} not found.`,
        FileId: id,
      })
  }
  return { Files: files, Errors: errors }
}
