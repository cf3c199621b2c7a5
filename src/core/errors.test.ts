import { describe, expect, it } from 'vitest'
import { AttachmentError, isRetryable, toAttachmentError } from './errors.js'

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
