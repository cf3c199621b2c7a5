import { describe, expect, it } from 'vitest'
import { AttachmentError, isIsoTime, isRetryable, toAttachmentError } from './errors.js'

describe('toAttachmentError', () => {
  it('keeps an AttachmentError and wraps anything else as unexpected', () => {
    const known = new AttachmentError('throttled', 'slow down')
    expect(toAttachmentError(known)).toBe(known)
    const cause = new TypeError('boom')
    expect(toAttachmentError(cause)).toMatchObject({ code: 'unexpected', cause })
    expect(isRetryable(toAttachmentError(new Error('bug')))).toBe(false)
  })

  it("takes only fetch's own connection failures for network errors, which are retried", () => {
    for (const message of [
      'Failed to fetch',
      'NetworkError when attempting to fetch resource.',
      'Load failed',
      'fetch failed',
    ]) {
      const error = toAttachmentError(new TypeError(message))
      expect(error.code, message).toBe('network')
      expect(isRetryable(error)).toBe(true)
    }
  })

  it("leaves Chromium's failed import, whose message starts like fetch's, unexpected", () => {
    const chunk = new TypeError('Failed to fetch dynamically imported module: https://x/a.js')
    expect(toAttachmentError(chunk).code).toBe('unexpected')
  })

  it('calls an abort aborted', () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError')
    expect(toAttachmentError(abort)).toMatchObject({ code: 'aborted', cause: abort })
  })
})

describe('isIsoTime', () => {
  it.each([
    '2019-11-08T02:41:28.172Z',
    '2019-11-08T02:41:28Z',
    '2019-11-08T02:41Z',
    '2019-11-08T02:41:28.123456Z',
    '2019-11-08T03:41:28.172+01:00',
    '2019-11-08T02:41:28.172+0000',
    '2019-11-08t02:41:28.172z',
  ])('accepts the ISO 8601 date-time %s', (value) => {
    expect(isIsoTime(value)).toBe(true)
  })

  it.each([
    ['a bare number', '1'],
    ['a year', '2019'],
    ['a date alone', '2019-11-08'],
    ['a time without a zone', '2019-11-08T02:41:28.172'],
    ['a space for the T', '2019-11-08 02:41:28Z'],
    ['an English date', 'Fri, 08 Nov 2019 02:41:28 GMT'],
    ['a month that does not exist', '2019-13-08T02:41:28Z'],
    ['words', 'soon'],
    ['epoch seconds as a number', 1_573_180_888],
    ['a Date', new Date(0)],
  ])('refuses %s', (_, value) => {
    expect(isIsoTime(value)).toBe(false)
  })
})
