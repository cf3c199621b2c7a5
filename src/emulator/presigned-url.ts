// S3 presigned URLs: made with the SDK's signer, and checked the way S3 checks them (expiry, then
// every signed header, then the signature).
import type { IncomingMessage } from 'node:http'
import {
  hostParts,
  parseAmzDate,
  queryObject,
  same,
  signedHeaderValues,
  signerFor,
  type EmulatorCredentials,
  type SignableRequest,
} from './sigv4.js'
import { fail } from './wire-errors.js'

// Presigned URLs sign no payload: the bytes are unknown when the URL is made.
const UNSIGNED = { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }

/** The signature S3 expects for `request`, signed at `date` for `expiresIn` seconds. */
async function presignedQuery(
  credentials: EmulatorCredentials,
  region: string,
  request: SignableRequest,
  date: Date,
  expiresIn: number,
): Promise<Record<string, string>> {
  const withPayload = { ...request, headers: { ...request.headers, ...UNSIGNED } }
  const signed = await signerFor(credentials, region, 's3').presign(withPayload, {
    signingDate: date,
    expiresIn,
    // Signed headers stay headers (the client must send them), as in Connect's HeadersToInclude.
    unhoistableHeaders: new Set(Object.keys(withPayload.headers)),
    unsignableHeaders: new Set(Object.keys(UNSIGNED)),
  })
  return (signed.query ?? {}) as Record<string, string>
}

/** What {@link presignS3} signs. */
export interface PresignInput {
  credentials: EmulatorCredentials
  region: string
  method: 'PUT' | 'GET'
  host: string
  path: string
  headers: Record<string, string>
  /** Query parameters signed with the URL, such as S3's `response-content-disposition`. */
  query?: Record<string, string>
  signingDate: Date
  expiresInSeconds: number
}

/** Presigns an S3 URL for `method` on `path` at `host`, signing every header in `headers`. */
export async function presignS3(input: PresignInput): Promise<string> {
  const headers = Object.fromEntries(
    Object.entries({ host: input.host, ...input.headers }).map(([k, v]) => [k.toLowerCase(), v]),
  )
  const query = input.query ?? {}
  const request = { method: input.method, protocol: 'http:', path: input.path, query, headers }
  const signed = await presignedQuery(
    input.credentials,
    input.region,
    { ...request, ...hostParts(input.host) },
    input.signingDate,
    input.expiresInSeconds,
  )
  return `http://${input.host}${input.path}?${new URLSearchParams(signed).toString()}`
}

const signatureMismatch = () =>
  fail(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  )

/** The authentication parameters of a presigned URL; 403 AccessDenied when one is missing. */
function parseQuery(q: URLSearchParams) {
  const [accessKeyId, , region, service] = (q.get('X-Amz-Credential') ?? '').split('/')
  const date = parseAmzDate(q.get('X-Amz-Date') ?? '')
  const expires = Number(q.get('X-Amz-Expires'))
  const signature = q.get('X-Amz-Signature') ?? ''
  if (
    date === undefined ||
    !Number.isFinite(expires) ||
    !signature ||
    !region ||
    service !== 's3'
  ) {
    const message = 'Query-string authentication requires the Signature, Expires and Credential'
    throw fail(403, 'AccessDenied', message)
  }
  const signedNames = (q.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean)
  return { accessKeyId, region, date, expires, signature, signedNames }
}

/** Checks a presigned S3 request; throws the error S3 would answer. */
export async function verifyPresigned(
  req: IncomingMessage,
  url: URL,
  credentials: EmulatorCredentials,
  now: number,
  /** Checks S3 makes after expiry and before the signature (the body length). */
  afterExpiry: () => void = () => {},
): Promise<void> {
  const { accessKeyId, region, date, expires, signature, signedNames } = parseQuery(
    url.searchParams,
  )
  if (accessKeyId !== credentials.accessKeyId) {
    const message = 'The AWS Access Key Id you provided does not exist in our records.'
    throw fail(403, 'InvalidAccessKeyId', message)
  }
  if (now > date.getTime() + expires * 1000) throw fail(403, 'AccessDenied', 'Request has expired')
  afterExpiry()
  const headers = signedHeaderValues(req, signedNames)
  if (headers === undefined) throw signatureMismatch()
  const request: SignableRequest = {
    method: req.method ?? 'GET',
    protocol: 'http:',
    ...hostParts(headers.host ?? ''),
    path: url.pathname,
    query: queryObject(url.searchParams, (key) => key.startsWith('X-Amz-')),
    headers,
  }
  const query = await presignedQuery(credentials, region, request, date, expires)
  if (!same(String(query['X-Amz-Signature']), signature)) throw signatureMismatch()
}
