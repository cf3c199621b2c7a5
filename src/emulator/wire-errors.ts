// Errors in each service's own wire format, so the real SDK clients and chatjs raise their usual
// typed exceptions: restJson1 (`x-amzn-errortype` + JSON `Message`) for the Participant Service
// and Connect, and S3's XML `<Error>` body.
import { randomUUID } from 'node:crypto'

/** Which wire format an operation speaks. */
export type ServiceKind = 'participant' | 'connect' | 's3'

/** An error raised by a handler and written by the router in the service's format. */
export class WireError extends Error {
  override readonly name = 'WireError'
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    /** Extra body members, e.g. Connect's `Reason`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

// Type names by status, per service, from the SDK models (connect-apis.md §0.8).
const TYPES: Record<ServiceKind, Record<number, string>> = {
  participant: {
    400: 'ValidationException',
    402: 'ServiceQuotaExceededException',
    403: 'AccessDeniedException',
    404: 'ResourceNotFoundException',
    409: 'ConflictException',
    429: 'ThrottlingException',
    500: 'InternalServerException',
  },
  connect: {
    400: 'InvalidRequestException',
    402: 'ServiceQuotaExceededException',
    403: 'AccessDeniedException',
    404: 'ResourceNotFoundException',
    409: 'ResourceConflictException',
    429: 'ThrottlingException',
    500: 'InternalServiceException',
  },
  s3: {
    400: 'InvalidRequest',
    403: 'AccessDenied',
    404: 'NoSuchKey',
    409: 'OperationAborted',
    411: 'MissingContentLength',
    500: 'InternalError',
    503: 'SlowDown',
  },
}

/** The error type a service uses for a status; 5xx fall back to the service's server error. */
export function errorTypeFor(service: ServiceKind, status: number): string {
  const types = TYPES[service]
  return (
    types[status] ?? (status >= 500 ? (types[500] ?? 'InternalError') : (types[400] ?? 'Error'))
  )
}

/** The Reason member of a Connect error, keyed the way the SDK's union expects. */
export function connectReason(errorType: string, reason: string): Record<string, unknown> {
  const key =
    errorType === 'ServiceQuotaExceededException'
      ? 'AttachedFileServiceQuotaExceededExceptionReason'
      : 'AttachedFileInvalidRequestExceptionReason'
  return { Reason: { [key]: reason } }
}

/** Headers and body of an error response. */
export interface ErrorResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

const xmlEscape = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** Renders an error in the service's wire format. */
export function renderError(service: ServiceKind, error: WireError): ErrorResponse {
  const requestId = randomUUID()
  if (service === 's3') {
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${xmlEscape(error.errorType)}</Code><Message>${xmlEscape(error.message)}</Message>` +
      `<RequestId>${requestId}</RequestId><HostId>emulator</HostId></Error>`
    return {
      status: error.status,
      headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
      body: Buffer.from(body),
    }
  }
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': error.errorType,
      'x-amzn-requestid': requestId,
    },
    body: Buffer.from(JSON.stringify({ Message: error.message, ...error.extra })),
  }
}

/** Shorthand for handlers: `throw fail(400, 'ValidationException', '…')`. */
export function fail(
  status: number,
  errorType: string,
  message: string,
  extra?: Record<string, unknown>,
): WireError {
  return new WireError(status, errorType, message, extra)
}
