import { describe, expect, it } from 'vitest'
import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import type { AttachmentErrorCode } from '../core/errors.js'
import type { RemoteFileStatus } from '../core/types.js'
import type { UploadStatus } from '../core/upload-machine.js'
import { validateFiles } from '../core/validate-files.js'
import type { FileValidationCode } from '../core/validate-files.js'
import { getFormatters } from './format.js'
import {
  errorText,
  fileKindOf,
  limitsText,
  localizeRejection,
  progressText,
} from './message-text.js'
import { defaultMessages, formatMessage, mergeMessages } from './messages.js'
import type { KnownErrorCode, Messages } from './messages.js'
import { messagesDe } from './messages-de.js'

// Each list is checked against its type both ways: a code added to the type and not here fails
// to compile (`satisfies Record<…>`), and the runtime list is what the catalogs are checked by.
const everyErrorCode = {
  'quota-exceeded': true,
  'invalid-request': true,
  'access-denied': true,
  conflict: true,
  'not-found': true,
  throttled: true,
  server: true,
  network: true,
  timeout: true,
  'url-expired': true,
  'signature-mismatch': true,
  rejected: true,
  aborted: true,
  'invalid-response': true,
  'invalid-url': true,
  unexpected: true,
  'file-too-large': true,
  'file-empty': true,
  'file-type-not-allowed': true,
  'too-many-files': true,
  'file-name-invalid': true,
} satisfies Record<KnownErrorCode, true>
const everyValidationCode = {
  'file-too-large': true,
  'file-empty': true,
  'file-type-not-allowed': true,
  'too-many-files': true,
  'file-name-invalid': true,
} satisfies Record<FileValidationCode, true>
const everyUploadStatus = {
  queued: true,
  starting: true,
  uploading: true,
  completing: true,
  succeeded: true,
  failed: true,
  canceled: true,
} satisfies Record<UploadStatus, true>
const everyRemoteStatus = {
  processing: true,
  approved: true,
  rejected: true,
  failed: true,
} satisfies Record<RemoteFileStatus, true>

/** Every known error code, in the order of the English catalog. */
const knownErrorCodes = Object.keys(defaultMessages.errors) as KnownErrorCode[]
// A known code is not the open `string & {}` part of the union.
const _known: AttachmentErrorCode[] = Object.keys(everyErrorCode) as KnownErrorCode[]

const en = { messages: defaultMessages, format: getFormatters('en-US') }
const de = { messages: messagesDe, format: getFormatters('de-DE') }
const catalogs = [
  ['English', en],
  ['German', de],
] as const
const rules = CONNECT_DEFAULT_LIMITS

describe('defaultMessages and messagesDe', () => {
  it('lists every known error code once', () => {
    expect([...knownErrorCodes].sort()).toEqual(Object.keys(everyErrorCode).sort())
    expect(_known).toHaveLength(21)
  })

  it.each(catalogs)('has a %s message for every error and validation code', (_, context) => {
    for (const code of [...Object.keys(everyErrorCode), ...Object.keys(everyValidationCode)]) {
      const text = errorText(code, 'report.pdf', rules, context)
      expect(text, code).toMatch(/\S/)
      expect(text, code).not.toMatch(/[{}]/)
    }
  })

  it.each(catalogs)('has a %s message for every upload and file status', (_, context) => {
    for (const status of Object.keys(everyUploadStatus) as UploadStatus[]) {
      expect(formatMessage(context.messages.uploadStatus[status], {}, context.format)).toMatch(/\S/)
    }
    for (const status of [...Object.keys(everyRemoteStatus), 'loading', 'error'] as const) {
      expect(context.messages.fileStatus[status as RemoteFileStatus]).toMatch(/\S/)
    }
  })

  it('differs between the catalogs for every message', () => {
    const texts = (messages: Messages) =>
      knownErrorCodes.map((code) => errorText(code, 'a.pdf', rules, { ...en, messages }))
    const english = texts(defaultMessages)
    texts(messagesDe).forEach((german, index) => expect(german).not.toBe(english[index]))
  })

  it('tells the limit in a validation message, in the locale', () => {
    const { rejections } = validateFiles([{ name: 'big.pdf', size: 30 * 1024 ** 2, type: '' }])
    const rejection = rejections[0]!
    expect(localizeRejection(rejection, rules, en).reasons).toEqual([
      'big.pdf is larger than 20 MB.',
    ])
    expect(localizeRejection(rejection, rules, de).reasons).toEqual([
      'big.pdf ist größer als 20 MB.',
    ])
    expect(errorText('too-many-files', 'x.pdf', { ...rules, maxFiles: 1 }, de)).toBe(
      'Es können höchstens 1 Datei angehängt werden.',
    )
    expect(errorText('too-many-files', 'x.pdf', rules, de)).toBe(
      'Es können höchstens 35 Dateien angehängt werden.',
    )
  })

  it('reads an adapter code it does not know as unexpected', () => {
    expect(errorText('adapter-own-code', 'a.pdf', rules, en)).toBe('Something went wrong.')
  })
})

describe('mergeMessages', () => {
  it('changes only the overridden strings', () => {
    const merged = mergeMessages(defaultMessages, {
      attachButton: 'Add a file',
      errors: { network: 'Offline.' },
    })
    expect(merged.attachButton).toBe('Add a file')
    expect(merged.errors.network).toBe('Offline.')
    const changed = Object.entries(merged).filter(
      ([key, value]) =>
        JSON.stringify(value) !== JSON.stringify(defaultMessages[key as keyof Messages]),
    )
    expect(changed.map(([key]) => key)).toEqual(['errors', 'attachButton'])
    const changedErrors = knownErrorCodes.filter(
      (code) => merged.errors[code] !== defaultMessages.errors[code],
    )
    expect(changedErrors).toEqual(['network'])
  })
})

describe('formatting', () => {
  it('shows sizes and progress the locale’s way', () => {
    expect(getFormatters('de-DE').bytes(3.2 * 1024 ** 2)).toBe('3,2 MB')
    expect(getFormatters('en-US').bytes(3.2 * 1024 ** 2)).toBe('3.2 MB')
    expect(progressText(3.2 * 1024 ** 2, 7 * 1024 ** 2, en)).toBe('45%, 3.2 of 7 MB')
    expect(progressText(3.2 * 1024 ** 2, 7 * 1024 ** 2, de)).toBe('45\u00a0%, 3,2 von 7 MB')
  })

  it('spells out bytes, in the plural where the count asks for it', () => {
    const en = getFormatters('en-US')
    expect([en.bytes(1), en.bytes(22), en.bytes(1000), en.bytes(2048)]).toEqual([
      '1 byte',
      '22 bytes',
      '1,000 bytes',
      '2 kB',
    ])
    expect(getFormatters('fr').bytes(22)).toMatch(/^22\soctets$/)
  })

  it('says file or files the English way, whatever locale formats the count', () => {
    // A host's partial catalog in French keeps the English sentences it does not override;
    // French calls 0 singular, English does not.
    const say = (locale: string, count: number) =>
      formatMessage(defaultMessages.rejectionsTitle, { count }, getFormatters(locale))
    expect([say('en', 0), say('en', 1), say('en', 2)]).toEqual([
      '0 files could not be attached',
      '1 file could not be attached',
      '2 files could not be attached',
    ])
    expect([say('fr', 0), say('fr', 1)]).toEqual([
      '0 files could not be attached',
      '1 file could not be attached',
    ])
  })

  it('fills a template’s placeholders and leaves those with no value as they are', () => {
    const en = getFormatters('en')
    const values = { name: 'Ann', count: 1200, gone: undefined } as Record<string, unknown>
    expect(formatMessage('{name}: {count} {gone} {missing}', values, en)).toBe(
      'Ann: 1,200 {gone} {missing}',
    )
  })

  it('never shows 100% before every byte is sent', () => {
    expect(getFormatters('en-US').percent(0.996)).toBe('99%')
    expect(getFormatters('en-US').percent(1)).toBe('100%')
  })

  it('says the rules in force in one line', () => {
    expect(limitsText(rules, en)).toBe(
      'PDF, Word, images, spreadsheets, presentations, text, videos, and audio; up to 20 MB each, 35 files',
    )
    expect(
      limitsText({ ...rules, allowedExtensions: ['.pdf', '.png', '.xyz'], maxFiles: 1 }, de),
    ).toBe('PDF, Bilder und .xyz; bis 20 MB pro Datei, 1 Datei')
  })

  it('leaves the count out of the rules when there is no limit (Cases)', () => {
    const unlimited = { ...rules, allowedExtensions: ['.pdf'], maxFiles: Infinity }
    expect(limitsText(unlimited, en)).toBe('PDF; up to 20 MB each')
    expect(limitsText(unlimited, de)).toBe('PDF; bis 20 MB pro Datei')
  })

  it('builds formatters once per locale', () => {
    expect(getFormatters('de-DE')).toBe(getFormatters('de-DE'))
    expect(getFormatters('de-DE')).not.toBe(getFormatters('en-US'))
  })

  it('names the kind of a file from its extension', () => {
    expect(fileKindOf('Scan.JPG')).toBe('image')
    expect(fileKindOf('notes.docx')).toBe('word')
    expect(fileKindOf('tool.exe')).toBeUndefined()
  })
})

describe('file names in sentences', () => {
  const format = getFormatters('en-US')

  it('isolates a name with a right-to-left override, so it cannot reverse the sentence', () => {
    const name = 'invoice\u202Efdp.exe'
    expect(formatMessage(defaultMessages.deleteConfirm, { name }, format)).toBe(
      `Delete \u2068${name}\u2069? This cannot be undone.`,
    )
    // A message function gets the isolated name too.
    expect(formatMessage(defaultMessages.announceAdded, { count: 1, name }, format)).toBe(
      `\u2068${name}\u2069 added`,
    )
  })

  it('isolates right-to-left names and leaves left-to-right ones as they are', () => {
    expect(formatMessage('{name} uploaded', { name: 'تقرير.pdf' }, format)).toBe(
      '\u2068تقرير.pdf\u2069 uploaded',
    )
    expect(formatMessage('{name} uploaded', { name: 'report.pdf' }, format)).toBe(
      'report.pdf uploaded',
    )
  })
})
