import type { AttachmentErrorCode } from '../core/errors.js'
import type { RemoteFileStatus } from '../core/types.js'
import type { UploadStatus } from '../core/upload-machine.js'
import type { FileValidationCode } from '../core/validate-files.js'
import type { Formatters } from './format.js'

/**
 * A message: a string with `{value}` placeholders, or a function of typed values (and the
 * locale's formatters) for what a template cannot say, such as plurals.
 */
export type Message<V extends object = Record<string, never>> =
  string | ((values: V, format: Formatters) => string)

/** Every error code the library itself produces (the open `string & {}` part left out). */
export type KnownErrorCode = AttachmentErrorCode extends infer C
  ? C extends string
    ? string extends C
      ? never
      : C
    : never
  : never

/** Values of a service or transport error's message. */
export interface ErrorValues {
  /** The file's name; empty when the error is not about one file. */
  name: string
}

/** Values of each validation code's message; sizes come formatted (`20 MB`). */
export interface ValidationValues {
  'file-too-large': { name: string; maxSize: string }
  'file-empty': { name: string }
  'file-type-not-allowed': { name: string; allowed: string }
  'too-many-files': { name: string; maxFiles: number }
  'file-name-invalid': { name: string; maxNameLength: number }
}

/** The messages of every error code. */
type ErrorMessages = {
  [C in KnownErrorCode]: C extends FileValidationCode
    ? Message<ValidationValues[C]>
    : Message<ErrorValues>
}

/** The kinds of file the limits text names, from the allowed extensions. */
export type FileKind =
  'pdf' | 'word' | 'spreadsheet' | 'presentation' | 'text' | 'image' | 'video' | 'audio'

/** A status a stored file's link or card shows (`useAttachedFile`). */
type AttachedFileStatus = 'loading' | RemoteFileStatus | 'error'

/** Every string the React layer and the components show; override any subset. */
export interface Messages {
  /**
   * The locale the catalog is written in (a BCP 47 tag, `de`), which its figures are formatted
   * in too: sizes, percentages, counts, dates, plurals.
   */
  locale: string
  errors: ErrorMessages
  /** An upload's status as a word or two. */
  uploadStatus: Record<UploadStatus, Message>
  /** A working upload waiting to try a step again, `seconds` until it does (formatted). */
  uploadRetrying: Message<{ seconds: string }>
  /** An upload not yet over while the browser is offline: it goes on once the network is back. */
  uploadOffline: Message
  /** A stored file's status. */
  fileStatus: Record<AttachedFileStatus, Message>
  /** Names of the kinds of file in the limits text. */
  fileKinds: Record<FileKind, Message>
  /** What an allowed extension outside the known kinds is called (`.xyz`). */
  otherFileKind: Message<{ extension: string }>
  /** One file's progress: `45%, 3.2 of 7 MB`. */
  progress: Message<{ percent: string; loaded: string; total: string }>
  /** One file whose whole body has left the page while storage has not answered yet. */
  progressFinishing: Message<{ total: string }>
  /** The accessible name of the list of uploads. */
  uploadListLabel: Message
  /** Shown by the list while it has focus and no file, once the last one was removed. */
  uploadListEmpty: Message
  /** Files done of all files counted in the totals. */
  totalsFiles: Message<{ done: number; count: number }>
  /** Failed files in the totals; shown only when there are some. */
  totalsFailed: Message<{ count: number }>
  /** Uploads past the rows `UploadList` shows, summed up below them. */
  uploadsMore: Message<{ count: number }>
  /** The button that shows the next rows of a long `UploadList`. */
  showMoreUploads: Message
  /**
   * The rules in force: `PDF, Word and images; up to 20 MB each, 35 files`. `maxFiles` is
   * `Infinity` where there is no limit (Cases): say no count then.
   */
  limits: Message<{ kinds: string; maxSize: string; maxFiles: number }>
  /** The dropzone's accessible name. */
  dropzoneLabel: Message
  /** The dropzone's visible prompt. */
  dropzoneHint: Message
  /** The dropzone's prompt while files are dragged over it. */
  dropzoneActive: Message
  /** The attach button's accessible name. */
  attachButton: Message
  cancelUpload: Message<{ name: string }>
  retryUpload: Message<{ name: string }>
  /** The button of a canceled upload that adds its file again. */
  addUploadAgain: Message<{ name: string }>
  removeUpload: Message<{ name: string }>
  downloadFile: Message<{ name: string }>
  deleteFile: Message<{ name: string }>
  /** The question before a stored file is deleted. */
  deleteConfirm: Message<{ name: string }>
  deleteConfirmYes: Message
  deleteConfirmNo: Message
  /** The visible text of a stored file's download link in a card (its name is in the card). */
  downloadAction: Message
  /** The visible text of a stored file's delete button (its accessible name is `deleteFile`). */
  deleteAction: Message
  /** The visible text of the button that asks again for a stored file whose request failed or hangs. */
  retryAction: Message
  /** That button's accessible name, which starts with its visible text. */
  retryFile: Message<{ name: string }>
  /** What a stored file is called when neither the host nor the service gave its name. */
  unnamedFile: Message
  /** Said where a stored file was, once it is deleted. */
  fileDeleted: Message<{ name: string }>
  /** Who added a stored file. */
  createdBy: Message<{ name: string }>
  /** A file's size and type, in a row or card: `3.2 MB, PDF`. */
  fileDetails: Message<{ size: string; kind: string }>
  /** Heading of the list of files that were not added. */
  rejectionsTitle: Message<{ count: number }>
  /** The rest of a long list of rejections, not shown one by one. */
  rejectionsMore: Message<{ count: number }>
  /** After a reason that several files were refused for: how many. */
  rejectionsShared: Message<{ count: number }>
  dismissRejections: Message
  /** Live announcements: milestones only, never each percent. */
  announceAdded: Message<{ count: number; name: string }>
  announceFinished: Message<{ name: string }>
  announceFailed: Message<{ name: string; reason: string }>
  announceRetrying: Message<{ name: string; seconds: string }>
  announceCanceled: Message<{ name: string }>
}

/** A subset of {@link Messages}; the groups (`errors`, `uploadStatus`, …) merge key by key. */
export type MessagesOverrides = { [K in keyof Messages]?: Partial<Messages[K]> }

/** `1 file`, `3 files`: English says the singular of 1 alone, in every English locale. */
const files = (format: Formatters, count: number): string =>
  `${format.number(count)} ${count === 1 ? 'file' : 'files'}`

/** The English messages, used for every string a `messages` prop does not override. */
export const defaultMessages: Messages = {
  locale: 'en',
  errors: {
    'quota-exceeded': 'No more files can be attached here.',
    'invalid-request': 'The service did not accept {name}.',
    'access-denied': 'You are not allowed to do this. The session may have ended.',
    conflict: 'The file changed meanwhile. Try again.',
    'not-found': 'The file no longer exists.',
    throttled: 'The service is busy. Try again soon.',
    server: 'The service had a problem. Try again.',
    network: 'The connection was lost.',
    timeout: 'The connection stopped responding.',
    'url-expired': 'The upload link expired. Try again.',
    'signature-mismatch': 'The storage service refused the upload.',
    rejected: 'The virus scan blocked {name}.',
    aborted: 'Canceled.',
    'invalid-response': 'The service sent an unreadable answer.',
    'invalid-url': 'The download link is not safe to open.',
    unexpected: 'Something went wrong.',
    'file-too-large': '{name} is larger than {maxSize}.',
    'file-empty': '{name} is empty.',
    'file-type-not-allowed': '{name} is not a file type that can be attached ({allowed}).',
    'too-many-files': ({ maxFiles }, format) =>
      `No more than ${files(format, maxFiles)} can be attached.`,
    'file-name-invalid':
      'The name of {name} must be 1 to {maxNameLength} characters, with no control characters.',
  },
  uploadStatus: {
    queued: 'Waiting',
    starting: 'Starting',
    uploading: 'Uploading',
    completing: 'Finishing',
    succeeded: 'Uploaded',
    failed: 'Failed',
    canceled: 'Canceled',
  },
  uploadRetrying: 'Retrying in {seconds}',
  uploadOffline: 'Waiting for the network',
  fileStatus: {
    loading: 'Loading…',
    processing: 'Checking for viruses…',
    approved: 'Ready',
    rejected: 'Blocked by the virus scan',
    failed: 'Could not be checked',
    error: 'Not available',
  },
  fileKinds: {
    pdf: 'PDF',
    word: 'Word',
    spreadsheet: 'spreadsheets',
    presentation: 'presentations',
    text: 'text',
    image: 'images',
    video: 'videos',
    audio: 'audio',
  },
  otherFileKind: '{extension}',
  progress: '{percent}, {loaded} of {total}',
  progressFinishing: '{total} sent, finishing',
  uploadListLabel: 'Files being attached',
  uploadListEmpty: 'No files being attached',
  totalsFiles: ({ done, count }, format) =>
    `${format.number(done)} of ${files(format, count)} uploaded`,
  totalsFailed: '{count} failed',
  uploadsMore: ({ count }, format) =>
    `${format.number(count)} more ${count === 1 ? 'file' : 'files'}`,
  showMoreUploads: 'Show more',
  // No count where there is no limit (Cases and Email files have none).
  limits: ({ kinds, maxSize, maxFiles }, format) =>
    `${kinds}; up to ${maxSize} each${Number.isFinite(maxFiles) ? `, ${files(format, maxFiles)}` : ''}`,
  dropzoneLabel: 'Attach files',
  dropzoneHint: 'Drop files here, or click to choose',
  dropzoneActive: 'Drop to attach',
  attachButton: 'Attach a file',
  cancelUpload: 'Cancel upload of {name}',
  retryUpload: 'Retry upload of {name}',
  addUploadAgain: 'Add {name} again',
  removeUpload: 'Remove {name}',
  downloadFile: 'Download {name}',
  deleteFile: 'Delete {name}',
  deleteConfirm: 'Delete {name}? This cannot be undone.',
  deleteConfirmYes: 'Delete',
  deleteConfirmNo: 'Keep',
  downloadAction: 'Download',
  deleteAction: 'Delete',
  retryAction: 'Try again',
  retryFile: 'Try again to get {name}',
  unnamedFile: 'Attachment',
  fileDeleted: '{name} deleted',
  createdBy: 'Added by {name}',
  fileDetails: '{size}, {kind}',
  rejectionsTitle: ({ count }, format) => `${files(format, count)} could not be attached`,
  rejectionsMore: ({ count }, format) => `and ${format.number(count)} more`,
  rejectionsShared: ({ count }, format) => `(${files(format, count)})`,
  dismissRejections: 'Dismiss',
  announceAdded: ({ count, name }, format) => `${count === 1 ? name : files(format, count)} added`,
  announceFinished: '{name} uploaded',
  announceFailed: '{name} failed: {reason}',
  announceRetrying: 'Retrying {name} in {seconds}',
  announceCanceled: 'Upload of {name} canceled',
}

/** `defaults` with `overrides` laid over it, group by group. */
export function mergeMessages(defaults: Messages, overrides?: MessagesOverrides): Messages {
  if (overrides === undefined) return defaults
  const merged: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(overrides)) {
    // A group (an object) merges key by key; a message (a string or a function) replaces.
    if (value !== undefined) {
      merged[key] = typeof value === 'object' ? { ...(merged[key] as object), ...value } : value
    }
  }
  return merged as unknown as Messages
}

/**
 * The text of `message` for `values`: a function is called, a template's `{names}` filled in,
 * a number in the locale's digits; a placeholder with no value (none given, or `undefined` from
 * an untyped caller) stays as it is. Each value goes through `format.isolate`, so that a name
 * with right-to-left text or bidi controls cannot reorder the sentence around it.
 */
export function formatMessage<V extends object>(
  message: Message<V>,
  values: V,
  format: Formatters,
): string {
  const record: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    // Values that are sentences of the catalog (a list of kinds of file, an error's reason): put
    // in as they are, their own values isolated where they were written. Isolated as a whole, a
    // right-to-left sentence that starts with a left-to-right word would read left to right.
    record[key] =
      typeof value === 'string' && !/^(kinds|reason)$/.test(key) ? format.isolate(value) : value
  }
  if (typeof message === 'function') return message(record as V, format)
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = record[name] ?? placeholder
    return typeof value === 'number' ? format.number(value) : String(value)
  })
}
