import type { AttachmentErrorCode } from '../core/errors.js'
import { fileExtension } from '../core/file-types.js'
import type { UploadRules } from '../core/types.js'
import type { FileRejection, FileValidationCode, FileLike } from '../core/validate-files.js'
import type { Formatters } from './format.js'
import { formatMessage } from './messages.js'
import type { FileKind, KnownErrorCode, Messages, ValidationValues } from './messages.js'

/** What turning codes and numbers into text needs: the messages and the locale's formatters. */
export interface MessageContext {
  messages: Messages
  format: Formatters
}

const kindsByExtension: Readonly<Record<string, FileKind>> = {
  '.pdf': 'pdf',
  '.doc': 'word',
  '.docx': 'word',
  '.rtf': 'word',
  '.xls': 'spreadsheet',
  '.xlsx': 'spreadsheet',
  '.csv': 'spreadsheet',
  '.ppt': 'presentation',
  '.pptx': 'presentation',
  '.txt': 'text',
  '.heic': 'image',
  '.jfif': 'image',
  '.jpeg': 'image',
  '.jpg': 'image',
  '.png': 'image',
  '.mov': 'video',
  '.mp4': 'video',
  '.wav': 'audio',
}

/** The kind of file a name is, for icons and the limits text; `undefined` for other extensions. */
export function fileKindOf(name: string): FileKind | undefined {
  return kindsByExtension[fileExtension(name)] ?? kindsByExtension[name.toLowerCase()]
}

// The order the limits text names kinds in: the files people attach most, first.
const kindOrder: readonly FileKind[] = [
  'pdf',
  'word',
  'image',
  'spreadsheet',
  'presentation',
  'text',
  'video',
  'audio',
]

/** The names of the kinds of file the extensions allow, each once, known kinds first. */
export function allowedKindsText(extensions: readonly string[], context: MessageContext): string {
  const { messages, format } = context
  const kinds = new Set(extensions.map(fileKindOf))
  const names = kindOrder
    .filter((kind) => kinds.has(kind))
    .map((kind) => formatMessage(messages.fileKinds[kind], {}, format))
  for (const extension of extensions) {
    if (fileKindOf(extension) === undefined) {
      names.push(formatMessage(messages.otherFileKind, { extension }, format))
    }
  }
  return format.list(names)
}

/** The rules in force as one line: `PDF, Word and images; up to 20 MB each, 35 files`. */
export function limitsText(rules: UploadRules, context: MessageContext): string {
  return formatMessage(
    context.messages.limits,
    {
      kinds: allowedKindsText(rules.allowedExtensions, context),
      maxSize: context.format.bytes(rules.maxFileSize),
      maxFiles: rules.maxFiles,
    },
    context.format,
  )
}

const validationCodes = new Set<string>([
  'file-too-large',
  'file-empty',
  'file-type-not-allowed',
  'too-many-files',
  'file-name-invalid',
])

const isValidationCode = (code: string): code is FileValidationCode => validationCodes.has(code)

/**
 * The localized text of an error code about the file `name`; validation codes say the limit
 * from `rules`. An unknown code (an adapter's own) reads as `unexpected`.
 */
export function errorText(
  code: AttachmentErrorCode,
  name: string,
  rules: UploadRules,
  context: MessageContext,
): string {
  const { messages, format } = context
  if (isValidationCode(code)) {
    const values: ValidationValues[FileValidationCode] = {
      name,
      maxSize: format.bytes(rules.maxFileSize),
      allowed: rules.allowedExtensions.join(' '),
      maxFiles: rules.maxFiles,
      maxNameLength: rules.maxNameLength,
    }
    return formatMessage(messages.errors[code] as typeof messages.errors.unexpected, values, format)
  }
  const known = code in messages.errors ? (code as KnownErrorCode) : 'unexpected'
  return formatMessage(
    messages.errors[known] as typeof messages.errors.unexpected,
    { name },
    format,
  )
}

/** A rejected file with its reasons in the provider's language. */
export interface LocalizedRejection<F extends FileLike = File> extends FileRejection<F> {
  /** One text per reason, in the order of `errors`. */
  reasons: string[]
}

/** Adds localized `reasons` to a rejection. */
export function localizeRejection<F extends FileLike>(
  rejection: FileRejection<F>,
  rules: UploadRules,
  context: MessageContext,
): LocalizedRejection<F> {
  const reasons = rejection.errors.map(({ code }) =>
    errorText(code, rejection.file.name, rules, context),
  )
  return { ...rejection, reasons }
}

/** One upload's progress as text: `45%, 3.2 of 7 MB`. */
export function progressText(loaded: number, total: number, context: MessageContext): string {
  const { format } = context
  const range = format.byteRange(loaded, total)
  const percent = format.percent(total === 0 ? 0 : loaded / total)
  return formatMessage(context.messages.progress, { percent, ...range }, format)
}
