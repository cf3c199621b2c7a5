import type { AttachmentErrorCode } from '../core/errors.js'
import { fileExtension, resolveFileType } from '../core/file-types.js'
import type { UploadRules } from '../core/types.js'
import type { FileRejection, FileValidationCode, FileLike } from '../core/validate-files.js'
import type { Formatters } from './format.js'
import { formatMessage } from './messages.js'
import type {
  ErrorValues,
  FileKind,
  KnownErrorCode,
  Message,
  Messages,
  ValidationValues,
} from './messages.js'

/**
 * A name with its control characters (U+0000–U+001F, U+007F–U+009F) written as visible escapes,
 * `report\u0007.pdf`: a font draws them as nothing or as a box, and the reason a file was refused
 * must show what is wrong with its name.
 */
export const visibleName = (name: string): string =>
  name.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** What turning codes and numbers into text needs: the messages and the locale's formatters. */
export interface MessageContext {
  messages: Messages
  format: Formatters
}

// The kinds in the order the limits text names them (the files people attach most, first),
// each with what the MIME type core sends for its extensions says; spreadsheets come before
// text, as `.csv` is `text/csv`.
const kinds: readonly [FileKind, RegExp][] = [
  ['pdf', /pdf/],
  ['word', /word|rtf/],
  ['image', /^image/],
  ['spreadsheet', /csv|excel|sheet/],
  ['presentation', /powerpoint|presentation/],
  ['text', /^text/],
  ['video', /^video/],
  ['audio', /^audio/],
]

/**
 * The kind of file a name (or an extension alone) is, for icons and the limits text; `undefined`
 * for other extensions.
 */
export function fileKindOf(name: string): FileKind | undefined {
  // The prefix makes an extension alone (`.pdf`) a name with that extension; with no declared
  // type, resolveFileType always answers (the extension's type, else the generic binary one).
  const type = resolveFileType(`_${name}`, '')!
  return kinds.find(([, pattern]) => pattern.test(type))?.[0]
}

/**
 * A file's size and type as its row in the upload list and its card show them (`3.2 MB, PDF`),
 * either alone where the other is not known, `''` where neither is.
 */
export function fileDetailsText(
  name: string,
  size: number | undefined,
  { messages, format }: MessageContext,
): string {
  const kind = fileExtension(name).slice(1).toUpperCase()
  const bytes = size === undefined ? '' : format.bytes(size)
  return bytes && kind
    ? formatMessage(messages.fileDetails, { size: bytes, kind }, format)
    : bytes || kind
}

/**
 * The rules in force as one line: `PDF, Word and images; up to 20 MB each, 35 files`. The kinds
 * are the names of the kinds of file the extensions allow, each once, known kinds first.
 */
export function limitsText(
  { allowedExtensions, maxFileSize, maxFiles }: UploadRules,
  { messages, format }: MessageContext,
): string {
  // The kind of each extension, worked out once for both parts of the list.
  const found = allowedExtensions.map(fileKindOf)
  const names = [
    ...kinds
      .filter(([kind]) => found.includes(kind))
      .map(([kind]) => formatMessage(messages.fileKinds[kind], {}, format)),
    ...allowedExtensions.flatMap((extension, index) =>
      found[index] ? [] : formatMessage(messages.otherFileKind, { extension }, format),
    ),
  ]
  return formatMessage(
    messages.limits,
    { kinds: format.list(names), maxSize: format.bytes(maxFileSize), maxFiles },
    format,
  )
}

/**
 * The localized text of an error code about the file `name`; validation codes say the limit
 * from `rules`. An unknown code (an adapter's own) reads as `unexpected`.
 */
export function errorText(
  code: AttachmentErrorCode,
  name: string,
  rules: UploadRules,
  { messages, format }: MessageContext,
): string {
  // Every message gets every value: a validation message picks the limit it names.
  const values: ErrorValues & ValidationValues[FileValidationCode] = {
    name: visibleName(name),
    maxSize: format.bytes(rules.maxFileSize),
    allowed: rules.allowedExtensions.join(' '),
    maxFiles: rules.maxFiles,
    maxNameLength: rules.maxNameLength,
  }
  const message = messages.errors[code as KnownErrorCode] ?? messages.errors.unexpected
  return formatMessage(message as Message<typeof values>, values, format)
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
export function progressText(
  loaded: number,
  total: number,
  { messages, format }: MessageContext,
): string {
  const percent = format.percent(total && loaded / total)
  return formatMessage(messages.progress, { percent, ...format.byteRange(loaded, total) }, format)
}
