import { describe, expect, it } from 'vitest'
import { CONNECT_DEFAULT_LIMITS } from './connect-limits.js'
import { validateFiles } from './validate-files.js'
import type { FileLike } from './validate-files.js'

const file = (name: string, type = '', size = 1000): FileLike => ({ name, type, size })
const codesOf = (candidate: FileLike, existingCount = 0) =>
  validateFiles([candidate], CONNECT_DEFAULT_LIMITS, { existingCount }).rejections.flatMap(
    (rejection) => rejection.errors.map((error) => error.code),
  )

describe('CONNECT_DEFAULT_LIMITS', () => {
  it('holds the documented Amazon Connect defaults', () => {
    expect(CONNECT_DEFAULT_LIMITS.maxFileSize).toBe(20 * 1024 * 1024)
    expect(CONNECT_DEFAULT_LIMITS.maxFiles).toBe(35)
    expect(CONNECT_DEFAULT_LIMITS.maxNameLength).toBe(256)
    expect(CONNECT_DEFAULT_LIMITS.allowedExtensions).toHaveLength(18)
    // The Admin Guide's list, spelled out: the limits derive it from the MIME table's keys.
    expect(CONNECT_DEFAULT_LIMITS.allowedExtensions).toEqual(
      '.csv .doc .docx .heic .jfif .jpeg .jpg .mov .mp4 .pdf .png .ppt .pptx .rtf .txt .wav .xls .xlsx'.split(
        ' ',
      ),
    )
  })
})

describe('validateFiles', () => {
  it('accepts an allowed file and keeps its declared type', () => {
    const result = validateFiles([file('report.pdf', 'application/pdf')])
    expect(result.rejections).toEqual([])
    expect(result.accepted).toEqual([
      { file: file('report.pdf', 'application/pdf'), type: 'application/pdf' },
    ])
  })

  it.each([
    ['data.csv', '', 'text/csv'],
    ['letter.DOCX', '', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['data.csv', 'application/vnd.ms-excel', 'text/csv'],
    ['clip.wav', 'audio/x-wav', 'audio/wav'],
    [
      'sheet.xlsx',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['notes.txt', 'text/plain; charset=utf-8', 'text/plain'],
  ])('resolves %s declared as "%s" to %s', (name, declared, resolved) => {
    const result = validateFiles([file(name, declared)])
    expect(result.accepted[0]?.type).toBe(resolved)
  })

  it('rejects a MIME type that contradicts the extension', () => {
    expect(codesOf(file('invoice.pdf', 'image/png'))).toEqual(['file-type-not-allowed'])
  })

  it.each(['tool.exe', 'archive.zip', 'noextension', '.pdf'])(
    'rejects %s as a type not allowed',
    (name) => {
      expect(codesOf(file(name))).toEqual(['file-type-not-allowed'])
    },
  )

  it('rejects an empty file', () => {
    expect(codesOf(file('empty.pdf', 'application/pdf', 0))).toEqual(['file-empty'])
  })

  it('rejects a file over the size limit and accepts one at it', () => {
    expect(codesOf(file('big.pdf', 'application/pdf', 20 * 1024 * 1024 + 1))).toEqual([
      'file-too-large',
    ])
    expect(codesOf(file('max.pdf', 'application/pdf', 20 * 1024 * 1024))).toEqual([])
  })

  it('rejects names over the length limit or with control characters', () => {
    expect(codesOf(file(`${'a'.repeat(253)}.pdf`))).toEqual(['file-name-invalid'])
    expect(codesOf(file(`${'a'.repeat(252)}.pdf`))).toEqual([])
    expect(codesOf(file('bad\u0007name.pdf'))).toEqual(['file-name-invalid'])
    expect(codesOf(file('gpj.\u202Eexe.pdf'))).toEqual(['file-name-invalid'])
  })

  it('reports every reason a file fails', () => {
    expect(codesOf(file('bad\nname.exe', '', 0))).toEqual([
      'file-name-invalid',
      'file-empty',
      'file-type-not-allowed',
    ])
  })

  it('rejects files past the count limit, counting those already added', () => {
    const files = [file('a.pdf'), file('bad.exe'), file('b.pdf'), file('c.pdf')]
    const result = validateFiles(files, CONNECT_DEFAULT_LIMITS, { existingCount: 33 })
    expect(result.accepted.map((accepted) => accepted.file.name)).toEqual(['a.pdf', 'b.pdf'])
    expect(
      result.rejections.map((rejection) => [rejection.file.name, rejection.errors[0]?.code]),
    ).toEqual([
      ['bad.exe', 'file-type-not-allowed'],
      ['c.pdf', 'too-many-files'],
    ])
  })

  it('gives every rejection a plain English message', () => {
    const result = validateFiles([file('big.pdf', 'application/pdf', 30 * 1024 * 1024)])
    expect(result.rejections[0]?.errors[0]?.message).toBe('big.pdf is larger than 20 MB.')
  })

  it('follows custom rules, extensions in any case', () => {
    const rules = { ...CONNECT_DEFAULT_LIMITS, allowedExtensions: ['.LOG'], maxFileSize: 10 }
    const result = validateFiles([file('server.log', 'text/x-log', 5)], rules)
    expect(result.accepted[0]?.type).toBe('text/x-log')
    expect(validateFiles([file('a.pdf', 'application/pdf', 5)], rules).rejections).toHaveLength(1)
  })
})
