// The checks Connect applies to StartAttachedFileUpload, and the AttachedFile shape it returns.
import type { AttachedFileRecord } from './cases.js'
import type { EmulatorContext, ResolvedOptions } from './context.js'
import { DEFAULT_FILE_TYPES, extensionOf } from './file-types.js'
import { optionalInteger } from './validate.js'
import { connectReason, fail } from './wire-errors.js'

const I = 'InvalidRequestException'

/** StartAttachedFileUpload's input after checking. */
export interface StartInput {
  name: string
  size: number
  clientToken?: string
  urlExpiryInSeconds?: number
  createdBy?: Record<string, unknown>
  tags?: Record<string, string>
}

const invalid = (reason: string, message: string) => fail(400, I, message, connectReason(I, reason))

/** Checks the body; throws InvalidRequestException with the Reason Connect gives. */
export function checkStartInput(body: Record<string, unknown>, maxBytes: number): StartInput {
  const {
    FileName: name,
    FileSizeInBytes: size,
    ClientToken: clientToken,
    CreatedBy: createdBy,
    Tags: tags,
  } = body
  // FileName: 1-256 characters, pattern ^\P{C}*$ (no control or other "C" characters).
  if (typeof name !== 'string' || name.length < 1 || name.length > 256 || /\p{C}/u.test(name)) {
    throw invalid('INVALID_FILE_NAME', 'The file name is not valid.')
  }
  if (!(extensionOf(name) in DEFAULT_FILE_TYPES)) {
    throw invalid('INVALID_FILE_TYPE', `Files of type .${extensionOf(name)} are not allowed.`)
  }
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > maxBytes) {
    throw invalid('INVALID_FILE_SIZE', `The file size must be between 1 and ${maxBytes} bytes.`)
  }
  if (body.FileUseCaseType !== 'ATTACHMENT')
    throw fail(400, I, 'FileUseCaseType must be ATTACHMENT.')
  if (clientToken !== undefined && (typeof clientToken !== 'string' || clientToken.length > 500)) {
    throw fail(400, I, 'ClientToken must be a string of at most 500 characters.')
  }
  const urlExpiryInSeconds = optionalInteger(body, 'UrlExpiryInSeconds', 5, 300, I)
  return {
    name,
    size,
    ...(typeof clientToken === 'string' ? { clientToken } : {}),
    ...(urlExpiryInSeconds === undefined ? {} : { urlExpiryInSeconds }),
    ...(isObject(createdBy) ? { createdBy } : {}),
    ...(isObject(tags) ? { tags: tags as Record<string, string> } : {}),
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Throws ServiceQuotaExceededException when one more file of `size` would pass a case limit. */
export function checkQuota(
  files: AttachedFileRecord[],
  size: number,
  options: ResolvedOptions,
): void {
  const quota = (reason: string, message: string) =>
    fail(
      402,
      'ServiceQuotaExceededException',
      message,
      connectReason('ServiceQuotaExceededException', reason),
    )
  if (files.length >= options.maxFilesPerCase) {
    throw quota(
      'TOTAL_FILE_COUNT_EXCEEDED',
      `A resource can have at most ${options.maxFilesPerCase} attached files.`,
    )
  }
  const total = files.reduce((sum, file) => sum + file.size, 0)
  if (total + size > options.maxBytesPerCase) {
    throw quota(
      'TOTAL_FILE_SIZE_EXCEEDED',
      `The attached files of a resource can total at most ${options.maxBytesPerCase} bytes.`,
    )
  }
}

/** The AttachedFile shape of GetAttachedFile and BatchGetAttachedFileMetadata. */
export function attachedFileView(file: AttachedFileRecord): Record<string, unknown> {
  return {
    CreationTime: file.creationTime,
    FileArn: file.fileArn,
    FileId: file.fileId,
    FileName: file.name,
    FileSizeInBytes: file.size,
    FileStatus: file.status,
    FileUseCaseType: 'ATTACHMENT',
    AssociatedResourceArn: file.associatedResourceArn,
    ...(file.createdBy === undefined ? {} : { CreatedBy: file.createdBy }),
    ...(file.tags === undefined ? {} : { Tags: file.tags }),
  }
}

const SCOPES = ['EMAIL', 'CHAT', 'CASE', 'TASK']
// Email attachments are capped at 20 MB (SES); the others follow the instance limit.
const EMAIL_MAX_BYTES = 20 * 1024 * 1024

/** DescribeAttachedFilesConfiguration's answer: the defaults, as Connect returns when nothing is customized. */
export function describeConfiguration(
  ctx: EmulatorContext,
  instanceId: string,
  scope: string,
): object {
  if (!SCOPES.includes(scope))
    throw fail(400, I, `AttachmentScope must be one of ${SCOPES.join(', ')}.`)
  return {
    AttachedFilesConfiguration: {
      InstanceId: instanceId,
      AttachmentScope: scope,
      MaximumSizeLimitInBytes:
        scope === 'EMAIL'
          ? Math.min(EMAIL_MAX_BYTES, ctx.options.maxFileSizeBytes)
          : ctx.options.maxFileSizeBytes,
      ExtensionConfiguration: {
        AllowedExtensions: Object.keys(DEFAULT_FILE_TYPES).map((Extension) => ({ Extension })),
      },
    },
  }
}
