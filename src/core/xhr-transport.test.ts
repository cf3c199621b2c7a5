import { describe, expect, it } from 'vitest'
import { isRetryable } from './errors.js'
import { parseS3Error, s3ResponseError } from './xhr-transport.js'

const xml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><X-Amz-Expires>300</X-Amz-Expires><RequestId>R</RequestId></Error>`

describe('parseS3Error', () => {
  it('reads the code and message of an S3 error document', () => {
    expect(parseS3Error(xml('AccessDenied', 'Request has expired'))).toEqual({
      code: 'AccessDenied',
      message: 'Request has expired',
    })
  })

  it('returns nothing for a body that is not an S3 error', () => {
    expect(parseS3Error('')).toEqual({})
    expect(parseS3Error('{"message":"nope"}')).toEqual({})
  })
})

describe('s3ResponseError', () => {
  it.each([
    [403, xml('AccessDenied', 'Request has expired'), 'url-expired'],
    [400, xml('ExpiredToken', 'The provided token has expired.'), 'url-expired'],
    [
      403,
      xml('SignatureDoesNotMatch', 'The request signature we calculated does not match'),
      'signature-mismatch',
    ],
    [403, xml('AccessDenied', 'Access Denied'), 'access-denied'],
    [500, xml('InternalError', 'We encountered an internal error.'), 'server'],
    [503, '', 'server'],
    [408, '', 'timeout'],
    [
      400,
      xml(
        'RequestTimeout',
        'Your socket connection to the server was not read from or written to within the timeout period.',
      ),
      'timeout',
    ],
    [
      400,
      xml('EntityTooSmall', 'Your proposed upload is smaller than the minimum'),
      'invalid-request',
    ],
    // A 2xx carrying an error document.
    [200, xml('InternalError', 'We encountered an internal error.'), 'server'],
    [200, xml('AccessDenied', 'Request has expired'), 'url-expired'],
  ])('maps HTTP %i with its body to {%s}', (status, body, code) => {
    expect(s3ResponseError(status, body)).toMatchObject({ code, status })
  })

  it("makes S3's 400 RequestTimeout retryable, as the AWS SDKs do", () => {
    const error = s3ResponseError(400, xml('RequestTimeout', 'Your socket connection timed out'))
    expect(isRetryable(error)).toBe(true)
    expect(error.message).toContain('RequestTimeout')
  })
})
