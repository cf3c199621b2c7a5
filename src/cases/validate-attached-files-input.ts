import type { AttachedFilesOperation } from './cases-adapter.js'

type Check = (value: unknown) => boolean

const text =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v)
const record = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const id = text(1, 256)
const arn = text(1, 2048)

const fileIds: Check = (v) => Array.isArray(v) && v.length >= 1 && v.length <= 100 && v.every(id)

// Who uploads and the file's tags are the server's to say (the handler's `createdBy` and `tags`):
// a page that chose them could record a file as another agent's. Refused by name, not dropped,
// so a page that sets them learns at once that they do not take effect.
const SERVER_FIELDS = ['CreatedBy', 'Tags']

// Field rules from the Connect API model (connect-apis.md §3.2); `?` marks optional fields.
const fileRef = { InstanceId: id, AssociatedResourceArn: arn }
const schemas: Record<AttachedFilesOperation, Record<string, Check>> = {
  StartAttachedFileUpload: {
    ...fileRef,
    FileName: text(1, 256),
    FileSizeInBytes: int(1, Number.MAX_SAFE_INTEGER),
    FileUseCaseType: oneOf('ATTACHMENT'),
    'ClientToken?': text(1, 500),
    'UrlExpiryInSeconds?': int(5, 300),
  },
  CompleteAttachedFileUpload: { ...fileRef, FileId: id },
  GetAttachedFile: { ...fileRef, FileId: id, 'UrlExpiryInSeconds?': int(5, 300) },
  DeleteAttachedFile: { ...fileRef, FileId: id },
  BatchGetAttachedFileMetadata: { ...fileRef, FileIds: fileIds },
  DescribeAttachedFilesConfiguration: {
    InstanceId: id,
    AttachmentScope: oneOf('EMAIL', 'CHAT', 'CASE', 'TASK'),
  },
}

/**
 * Checks an operation's input against the API's field rules and refuses unknown fields and the
 * fields only the server sets, so the handler forwards nothing Connect was not meant to get from
 * a page. Returns the first problem, or null.
 */
export function validateAttachedFilesInput(
  operation: AttachedFilesOperation,
  input: unknown,
): string | null {
  if (!record(input)) return 'input must be an object'
  const serverField = SERVER_FIELDS.find((k) => k in input)
  if (serverField) return `${serverField} is set by the server`
  const schema = schemas[operation]
  const known = new Set(Object.keys(schema).map((k) => k.replace(/\?$/, '')))
  const unknown = Object.keys(input).find((k) => !known.has(k))
  if (unknown) return `unknown field ${unknown.slice(0, 64)}`
  for (const [key, check] of Object.entries(schema)) {
    const name = key.replace(/\?$/, '')
    const optional = key.endsWith('?')
    if (input[name] === undefined ? !optional : !check(input[name])) return `invalid ${name}`
  }
  return null
}
