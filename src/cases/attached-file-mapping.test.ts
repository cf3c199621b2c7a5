import { describe, expect, it } from 'vitest'
import { fileStatus, toEpochMs, toRemoteFile, toUploadRules } from './attached-file-mapping.js'

describe('fileStatus', () => {
  it.each([
    ['PROCESSING', 'processing'],
    ['APPROVED', 'approved'],
    ['REJECTED', 'rejected'],
    ['FAILED', 'failed'],
    ['PENDING_UPLOAD', 'processing'],
  ])('maps %s to %s', (status, expected) => {
    expect(fileStatus(status)).toBe(expected)
  })
})

describe('toEpochMs', () => {
  it('reads ISO strings, Dates and epoch seconds or milliseconds', () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5)
    expect(toEpochMs('2026-01-02T03:04:05.000Z')).toBe(ms)
    expect(toEpochMs(new Date(ms))).toBe(ms)
    expect(toEpochMs(ms / 1000)).toBe(ms)
    expect(toEpochMs(ms)).toBe(ms)
    expect(toEpochMs(undefined)).toBeNaN()
  })

  it('reads only ISO 8601 date-times from strings', () => {
    expect(toEpochMs('2026-01-02T04:04:05+01:00')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5))
    // Date.parse reads '1' as the year 2001 and '2026' as its first midnight.
    for (const malformed of ['1', '2026', '2026-01-02', 'soon']) {
      expect(toEpochMs(malformed)).toBeNaN()
    }
    expect(toEpochMs(new Date(Number.NaN))).toBeNaN()
  })
})

describe('toRemoteFile', () => {
  it('offers a download only for an approved file', () => {
    const meta = { Url: 'https://example.test/f', UrlExpiry: '2026-01-02T03:04:05.000Z' }
    expect(
      toRemoteFile('f', { FileStatus: 'APPROVED', DownloadUrlMetadata: meta }).download,
    ).toEqual({
      url: meta.Url,
      expiresAt: Date.parse(meta.UrlExpiry),
    })
    expect(toRemoteFile('f', { FileStatus: 'REJECTED', DownloadUrlMetadata: meta })).toEqual({
      id: 'f',
      status: 'rejected',
    })
  })

  it('reads when the file was created, and refuses a CreationTime that is no time', () => {
    const at = '2026-01-02T03:04:05.000Z'
    expect(toRemoteFile('f', { FileStatus: 'PROCESSING', CreationTime: at }).createdAt).toBe(
      Date.parse(at),
    )
    expect(toRemoteFile('f', { FileStatus: 'PROCESSING' }).createdAt).toBeUndefined()
    expect(() => toRemoteFile('f', { FileStatus: 'PROCESSING', CreationTime: 'soon' })).toThrow(
      expect.objectContaining({ code: 'invalid-response' }),
    )
  })
})

describe('toUploadRules', () => {
  it('normalizes extensions to lowercase with a dot', () => {
    const rules = toUploadRules({
      AttachedFilesConfiguration: {
        MaximumSizeLimitInBytes: 1_048_576,
        ExtensionConfiguration: {
          AllowedExtensions: [{ Extension: 'PDF' }, { Extension: '.Png' }, { Extension: ' ' }, {}],
        },
      },
    })
    expect(rules).toEqual({ maxFileSize: 1_048_576, allowedExtensions: ['.pdf', '.png'] })
  })

  it('leaves out what the configuration does not say', () => {
    expect(toUploadRules({})).toEqual({})
  })
})
