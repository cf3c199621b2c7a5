import { AttachmentError, codeFromStatus } from './errors.js'

/** The `<Code>` and `<Message>` of an S3 XML error body; empty when the body is not one. */
export interface S3ErrorBody {
  code?: string
  message?: string
}

// S3 error bodies are small, flat and machine-written
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html), so two element
// look-ups do; DOMParser is not there in Node or in workers.
const element = (xml: string, name: string): string | undefined =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.trim()

/** Reads the code and message out of an S3 `<Error>` document. */
export function parseS3Error(body: string): S3ErrorBody {
  if (!body.includes('<Error')) return {}
  const result: S3ErrorBody = {}
  const code = element(body, 'Code')
  const message = element(body, 'Message')
  if (code) result.code = code
  if (message) result.message = message
  return result
}

// Codes S3 answers a presigned URL that has outlived its X-Amz-Expires or its credentials.
const expiredCodes = new Set(['ExpiredToken', 'RequestExpired', 'TokenRefreshRequired'])

/**
 * The error for a non-2xx answer from S3: an expired URL becomes `url-expired` (the engine then
 * asks for a fresh one), S3's `400 RequestTimeout` becomes a retryable `timeout`, a signed header
 * that was not sent as signed becomes `signature-mismatch`, anything else gets the code of its
 * status. The URL itself never goes into the message.
 */
export function s3ResponseError(status: number, body: string): AttachmentError {
  const { code, message } = parseS3Error(body)
  const detail = code ? `${code}${message ? `: ${message}` : ''}` : `HTTP ${status}`
  const cause = { status, code, message }
  if (
    (code === 'AccessDenied' && /request has expired/i.test(message ?? '')) ||
    (code !== undefined && expiredCodes.has(code))
  ) {
    return new AttachmentError('url-expired', `The upload URL has expired (${detail}).`, {
      status,
      cause,
    })
  }
  // S3 gave up waiting for the body's next bytes; the AWS SDKs retry it as transient
  // (@smithy/service-error-classification TRANSIENT_ERROR_CODES), and so does the engine.
  if (code === 'RequestTimeout') {
    const text = `The storage service timed out reading the upload (${detail}).`
    return new AttachmentError('timeout', text, { status, cause })
  }
  if (code === 'SignatureDoesNotMatch') {
    return new AttachmentError(
      'signature-mismatch',
      `The storage service refused the upload's signature; a signed header is missing or changed (${detail}).`,
      { status, cause },
    )
  }
  return new AttachmentError(codeFromStatus(status), `The upload failed (${detail}).`, {
    status,
    cause,
  })
}
