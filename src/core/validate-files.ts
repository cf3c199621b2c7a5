import { CONNECT_DEFAULT_LIMITS } from './connect-limits.js'
import { fileExtension, resolveFileType } from './file-types.js'
import type { UploadRules } from './types.js'

/** What validation needs of a file; a `File` is one. */
export interface FileLike {
  readonly name: string
  readonly size: number
  readonly type: string
}

/** Why a file was turned away before any request. */
export type FileValidationCode =
  'file-too-large' | 'file-empty' | 'file-type-not-allowed' | 'too-many-files' | 'file-name-invalid'

/** One reason a file was rejected, with a plain English default message. */
export interface FileValidationError {
  code: FileValidationCode
  message: string
}

/** A file that will not be uploaded, and every reason why. */
export interface FileRejection<F extends FileLike = File> {
  file: F
  errors: FileValidationError[]
}

/** A file that passed, with the MIME type to send for it (see `resolveFileType`). */
export interface AcceptedFile<F extends FileLike = File> {
  file: F
  type: string
}

/** The outcome of {@link validateFiles}: rejections are data, never thrown. */
export interface FileValidationResult<F extends FileLike = File> {
  accepted: AcceptedFile<F>[]
  rejections: FileRejection<F>[]
}

/** Options for {@link validateFiles}. */
export interface ValidateFilesOptions {
  /** Files already added to the conversation or case, counted against `maxFiles`. @default 0 */
  existingCount?: number
}

// Connect's name pattern is `^\P{C}*$`: no control, format, private-use or unassigned
// characters. Rejecting them here also stops right-to-left overrides that disguise extensions.
const invalidNameCharacter = /\p{C}/u

const megabytes = (bytes: number): string => `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`

/**
 * Checks files against the rules before any request: name, emptiness, size, type (by
 * extension **and** MIME type) and count. Files past the count limit are rejected with
 * `too-many-files` in the order given, after the files that fail other checks are set aside,
 * so one bad file does not cost a good one its place.
 */
export function validateFiles<F extends FileLike>(
  files: Iterable<F> | ArrayLike<F>,
  rules: UploadRules = CONNECT_DEFAULT_LIMITS,
  options: ValidateFilesOptions = {},
): FileValidationResult<F> {
  const result: FileValidationResult<F> = { accepted: [], rejections: [] }
  const allowed = rules.allowedExtensions.map((extension) => extension.toLowerCase())
  let room = rules.maxFiles - (options.existingCount ?? 0)
  for (const file of Array.from(files)) {
    const { name, size } = file
    const type = resolveFileType(name, file.type)
    const errors: FileValidationError[] = []
    const reject = (code: FileValidationCode, message: string) => errors.push({ code, message })
    // No name, or one longer than allowed in code points (not UTF-16 units).
    if (!name || [...name].length > rules.maxNameLength || invalidNameCharacter.test(name)) {
      // Not the name itself: it may hold the control characters it is refused for.
      reject('file-name-invalid', 'The file name is invalid.')
    }
    if (size === 0) reject('file-empty', `${name} is empty.`)
    else if (size > rules.maxFileSize) {
      reject('file-too-large', `${name} is larger than ${megabytes(rules.maxFileSize)}.`)
    }
    if (!allowed.includes(fileExtension(name)) || !type) {
      reject('file-type-not-allowed', `${name} is not an allowed type.`)
    }
    if (errors.length === 0 && room <= 0) {
      reject('too-many-files', `More than ${rules.maxFiles} files.`)
    }
    if (errors.length > 0) {
      result.rejections.push({ file, errors })
    } else {
      room -= 1
      result.accepted.push({ file, type: type! })
    }
  }
  return result
}
