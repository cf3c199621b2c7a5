import { describe, expect, it } from 'vitest'
import {
  downloadUrlOf,
  isSafeDownloadUrl,
  createFileReport,
  nextCheckMs,
  reportStaleInMs,
  retryCheckMs,
  viewOfFile,
} from './download-url.js'
import type { RemoteFile } from './types.js'

const thrownBy = (run: () => unknown): unknown => {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}
// The timing useAttachedFile uses when none is given.
const timing = { marginMs: 60_000, pollBaseMs: 1_000, pollMaxMs: 16_000 }
const codeOf = (run: () => unknown) => (thrownBy(run) as { code?: string } | undefined)?.code

describe('isSafeDownloadUrl', () => {
  it.each([
    'https://bucket.s3.amazonaws.com/a.pdf?X-Amz-Signature=abc',
    'http://127.0.0.1:4566/bucket/a.pdf',
    'http://127.4.5.6/a',
    'http://127.1/a',
    'http://localhost:4566/a',
    'http://[::1]:4566/a',
  ])('accepts %s', (url) => {
    expect(isSafeDownloadUrl(url)).toBe(true)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://example.com/0b6e1c1a-0000-0000-0000-000000000000',
    'http://example.com/a.pdf',
    'http://127.0.0.1.example.com/a',
    'http://127.0.0.1@example.com/a',
    'http://[::2]/a',
    'ftp://127.0.0.1/a',
    '/bucket/a.pdf',
    '//example.com/a.pdf',
    'https://',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeDownloadUrl(url)).toBe(false)
  })

  it('refuses what is not a string', () => {
    expect(isSafeDownloadUrl(undefined)).toBe(false)
    expect(isSafeDownloadUrl({ href: 'https://example.com' })).toBe(false)
  })
})

describe('createFileReport checks the answer', () => {
  const approved = (url: string, expiresAt = 1_000): RemoteFile => ({
    id: 'f',
    status: 'approved',
    download: { url, expiresAt },
  })
  const check = (file: RemoteFile) => createFileReport(file, undefined, 0).file

  it('passes an approved file with a safe URL and files that carry none', () => {
    const file = approved('https://example.com/a')
    expect(check(file)).toBe(file)
    expect(check({ id: 'f', status: 'processing' }).status).toBe('processing')
  })

  it('turns an unsafe or missing URL into invalid-url without repeating it', () => {
    for (const file of [
      approved('javascript:alert(1)'),
      { id: 'f', status: 'approved' as const },
    ]) {
      const error = thrownBy(() => check(file))
      expect(error).toMatchObject({ name: 'AttachmentError', code: 'invalid-url' })
      expect((error as Error).message).not.toContain('javascript')
    }
  })

  it('turns an expiry that is not a number into invalid-response', () => {
    expect(codeOf(() => check(approved('https://example.com/a', NaN)))).toBe('invalid-response')
  })
})

describe('downloadUrlOf', () => {
  it('gives an approved file its URL and says why other files have none', () => {
    const download = { url: 'https://example.com/a', expiresAt: 1 }
    expect(downloadUrlOf({ id: 'f', status: 'approved', download })).toBe(download.url)
    expect(codeOf(() => downloadUrlOf({ id: 'f', status: 'rejected' }))).toBe('rejected')
    expect(codeOf(() => downloadUrlOf({ id: 'f', status: 'processing' }))).toBe('invalid-request')
    expect(codeOf(() => downloadUrlOf({ id: 'f', status: 'failed' }))).toBe('invalid-request')
  })
})

describe('how long a URL counts as fresh (reportStaleInMs)', () => {
  // How long a URL that lives `lifetimeMs` from its arrival stays fresh with this margin.
  const freshForMs = (lifetimeMs: number, marginMs: number) =>
    reportStaleInMs(
      {
        file: {
          id: 'f',
          status: 'approved',
          download: { url: 'https://x.test/a', expiresAt: lifetimeMs },
        },
        fetchedAt: 0,
        polls: 0,
      },
      0,
      marginMs,
    )

  it('keeps a URL fresh until the margin before it expires', () => {
    expect(freshForMs(300_000, 60_000)).toBe(240_000)
  })

  it('keeps a URL shorter-lived than twice the margin fresh for half its life', () => {
    expect(freshForMs(5_000, 60_000)).toBe(2_500)
    expect(freshForMs(100_000, 60_000)).toBe(50_000)
  })

  it('counts a URL that arrived expired as stale at once', () => {
    expect(freshForMs(0, 60_000)).toBe(0)
    expect(freshForMs(-30_000, 60_000)).toBe(0)
  })
})

describe('the waits between polls of a file being scanned (nextCheckMs)', () => {
  const pollDelayMs = (polls: number, polling: { pollBaseMs: number; pollMaxMs: number }) =>
    nextCheckMs(
      { file: { id: 'f', status: 'processing' }, fetchedAt: 0, polls },
      polling.pollBaseMs,
      polling.pollMaxMs,
    )

  it('doubles from the base and stops growing at the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5, 9].map((poll) => pollDelayMs(poll, timing))
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 16_000, 16_000])
  })

  it('follows the given base and cap', () => {
    expect(pollDelayMs(0, { pollBaseMs: 250, pollMaxMs: 600 })).toBe(250)
    expect(pollDelayMs(2, { pollBaseMs: 250, pollMaxMs: 600 })).toBe(600)
  })
})

describe('createFileReport', () => {
  const processing: RemoteFile = { id: 'f', status: 'processing' }

  it('counts processing answers in a row and starts again after another status', () => {
    const first = createFileReport(processing, undefined, 10)
    const second = createFileReport(processing, first, 20)
    const third = createFileReport(processing, second, 30)
    expect([first.polls, second.polls, third.polls]).toEqual([0, 1, 2])
    expect(third.fetchedAt).toBe(30)
    const failed = createFileReport({ id: 'f', status: 'failed' }, third, 40)
    expect(createFileReport(processing, failed, 50).polls).toBe(0)
  })

  it('ends a URL by the page clock at its arrival plus its lifetime, when that is sooner', () => {
    // The page's clock runs 10 minutes behind the service's: read by the page, a URL of 300 s
    // would end 900 s after it arrived.
    const page = Date.UTC(2026, 0, 5, 9)
    const download = { url: 'https://x.test/a', expiresAt: page + 600_000 + 300_000 }
    const file: RemoteFile = { id: 'f', status: 'approved', download }
    const report = createFileReport(file, undefined, page, 300_000)
    expect(report.file.download).toEqual({ ...download, expiresAt: page + 300_000 })
    expect(reportStaleInMs(report, page, 60_000)).toBe(240_000)
    expect(viewOfFile(report.file).expiresAt).toBe(page + 300_000)
    // Without a lifetime the service's expiry is kept as it is.
    expect(createFileReport(file, undefined, page).file).toBe(file)
  })

  it('ends a URL that looks expired on arrival (a page clock running ahead) by its lifetime', () => {
    // The page's clock runs 20 minutes ahead: the service's expiry of a URL signed a moment
    // ago reads as 5 minutes past. Taken as it is, the URL would be stale at once, and every
    // link would ask for a new one every few seconds.
    const page = Date.UTC(2026, 0, 5, 9) + 1_200_000
    const download = { url: 'https://x.test/a', expiresAt: page - 1_200_000 + 900_000 }
    const file: RemoteFile = { id: 'f', status: 'approved', download }
    const report = createFileReport(file, undefined, page, 300_000)
    expect(report.file.download).toEqual({ ...download, expiresAt: page + 300_000 })
    expect(reportStaleInMs(report, page, 60_000)).toBe(240_000)
    // Without a lifetime there is nothing better than the service's expiry.
    expect(createFileReport(file, undefined, page).file).toBe(file)
  })

  it('checks the URL of an approved file', () => {
    const unsafe = { url: 'data:text/html,x', expiresAt: 1 }
    expect(
      codeOf(() =>
        createFileReport({ id: 'f', status: 'approved', download: unsafe }, undefined, 0),
      ),
    ).toBe('invalid-url')
  })
})

describe('reportStaleInMs and nextCheckMs', () => {
  const report = (file: Omit<RemoteFile, 'id'>, polls = 0) => ({
    file: { id: 'f', ...file },
    fetchedAt: 1_000,
    polls,
  })
  const approved = report({
    status: 'approved',
    download: { url: 'https://x.test/a', expiresAt: 301_000 },
  })

  it('keeps an approved file fresh until its URL turns stale', () => {
    expect(reportStaleInMs(approved, 1_000, timing.marginMs)).toBe(240_000)
    expect(reportStaleInMs(approved, 251_000, timing.marginMs)).toBe(-10_000)
  })

  it('never asks about an approved file by itself: its URL is asked for when one is wanted', () => {
    expect(nextCheckMs(approved, timing.pollBaseMs, timing.pollMaxMs)).toBe(false)
  })

  it('polls a processing file with backoff and counts it stale at once', () => {
    expect(reportStaleInMs(report({ status: 'processing' }), 1_000, timing.marginMs)).toBe(0)
    expect(
      [0, 1, 2].map((polls) =>
        nextCheckMs(report({ status: 'processing' }, polls), timing.pollBaseMs, timing.pollMaxMs),
      ),
    ).toEqual([1_000, 2_000, 4_000])
  })

  it('never checks a rejected or failed file again by itself', () => {
    for (const status of ['rejected', 'failed'] as const) {
      expect(reportStaleInMs(report({ status }), 1_000, timing.marginMs)).toBe(Infinity)
      expect(nextCheckMs(report({ status }), timing.pollBaseMs, timing.pollMaxMs)).toBe(false)
    }
  })
})

describe('retryCheckMs', () => {
  it('waits 10 s after the first failed check, doubling up to a minute', () => {
    const waits = [1, 2, 3, 4, 5, 10].map((failures) => retryCheckMs(failures))
    expect(waits).toEqual([10_000, 20_000, 40_000, 60_000, 60_000, 60_000])
  })
})

describe('viewOfFile', () => {
  it('shows an approved file as ready with its URL, expiry and a type from its name', () => {
    const download = { url: 'https://x.test/a', expiresAt: 5 }
    expect(
      viewOfFile({ id: 'f', status: 'approved', name: 'Report.PDF', size: 3, download }),
    ).toEqual({
      status: 'ready',
      name: 'Report.PDF',
      size: 3,
      type: 'application/pdf',
      url: download.url,
      expiresAt: 5,
    })
  })

  it('keeps the other statuses and leaves out what is unknown', () => {
    expect(viewOfFile({ id: 'f', status: 'rejected', name: 'notes.bin' })).toMatchObject({
      status: 'rejected',
      type: undefined,
      url: undefined,
    })
  })
})
