// SigV4 with the AWS SDK's own signer, both ways: presigning the S3 URLs handed out, and checking
// signatures by signing the received request again with the same inputs and comparing.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import { fail } from './wire-errors.js'

/** Access key pair the emulator accepts. */
export interface EmulatorCredentials {
  accessKeyId: string
  secretAccessKey: string
}

/** The request shape the signer takes (structurally `@smithy/types` HttpRequest). */
interface SignableRequest {
  method: string
  protocol: string
  hostname: string
  port?: number
  path: string
  query: Record<string, string | string[]>
  headers: Record<string, string>
  body?: unknown
}

const sha256 = Hash.bind(null, 'sha256')
// S3 presigned URLs sign no payload (the bytes are unknown when the URL is made).
const UNSIGNED = { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }

const signerFor = (
  credentials: EmulatorCredentials,
  region: string,
  service: string,
): SignatureV4 =>
  new SignatureV4({
    credentials,
    region,
    service,
    sha256,
    uriEscapePath: service !== 's3',
    applyChecksum: false,
  })

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

const parseAmzDate = (text: string): Date | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  return m === null ? undefined : new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`)
}

const queryObject = (
  params: URLSearchParams,
  skip: (key: string) => boolean,
): Record<string, string | string[]> => {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    if (skip(key)) continue
    const values = params.getAll(key)
    query[key] = values.length === 1 ? (values[0] ?? '') : values
  }
  return query
}

const hostParts = (host: string): { hostname: string; port?: number } => {
  const m = /^(.*?)(?::(\d+))?$/.exec(host)
  return { hostname: m?.[1] ?? host, ...(m?.[2] === undefined ? {} : { port: Number(m[2]) }) }
}

/** Presigns an S3 URL for `method` on `path` at `host`, signing every header in `headers`. */
export async function presignS3(input: {
  credentials: EmulatorCredentials
  region: string
  method: 'PUT' | 'GET'
  host: string
  path: string
  headers: Record<string, string>
  signingDate: Date
  expiresInSeconds: number
}): Promise<string> {
  const headers = { host: input.host, ...lower(input.headers) }
  const request: SignableRequest = {
    method: input.method,
    protocol: 'http:',
    ...hostParts(input.host),
    path: input.path,
    query: {},
    headers: { ...headers, ...UNSIGNED },
  }
  const signed = await signerFor(input.credentials, input.region, 's3').presign(request, {
    signingDate: input.signingDate,
    expiresIn: input.expiresInSeconds,
    unhoistableHeaders: new Set(Object.keys(request.headers)),
    unsignableHeaders: new Set(Object.keys(UNSIGNED)),
  })
  const query = new URLSearchParams(signed.query as Record<string, string>).toString()
  return `http://${input.host}${input.path}?${query}`
}

const lower = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))

const headerValue = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/** Checks a presigned S3 request; throws the S3 error (403) S3 would answer. */
export async function verifyPresigned(
  req: IncomingMessage,
  url: URL,
  credentials: EmulatorCredentials,
  now: number,
  /** Checks S3 makes after expiry and before the signature (the body length). */
  afterExpiry: () => void = () => {},
): Promise<void> {
  const q = url.searchParams
  const [accessKeyId, , region, service] = (q.get('X-Amz-Credential') ?? '').split('/')
  const date = parseAmzDate(q.get('X-Amz-Date') ?? '')
  const expires = Number(q.get('X-Amz-Expires'))
  const signature = q.get('X-Amz-Signature') ?? ''
  const signedNames = (q.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean)
  if (
    date === undefined ||
    !Number.isFinite(expires) ||
    signature === '' ||
    region === undefined ||
    service !== 's3'
  ) {
    throw fail(
      403,
      'AccessDenied',
      'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters',
    )
  }
  if (accessKeyId !== credentials.accessKeyId) {
    throw fail(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    )
  }
  if (now > date.getTime() + expires * 1000) throw fail(403, 'AccessDenied', 'Request has expired')
  afterExpiry()
  const headers: Record<string, string> = {}
  for (const name of signedNames) {
    const value = headerValue(req, name)
    if (value === undefined) throw signatureMismatch()
    headers[name] = value
  }
  const request: SignableRequest = {
    method: req.method ?? 'GET',
    protocol: 'http:',
    ...hostParts(headers.host ?? ''),
    path: url.pathname,
    query: queryObject(q, (key) => key.startsWith('X-Amz-')),
    headers: { ...headers, ...UNSIGNED },
  }
  const again = await signerFor(credentials, region, 's3').presign(request, {
    signingDate: date,
    expiresIn: expires,
    unhoistableHeaders: new Set(Object.keys(request.headers)),
    unsignableHeaders: new Set(Object.keys(UNSIGNED)),
  })
  if (!same(String(again.query?.['X-Amz-Signature']), signature)) throw signatureMismatch()
}

const signatureMismatch = () =>
  fail(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  )

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/

// AWS refuses requests whose x-amz-date is more than 15 minutes off.
const MAX_SKEW_MS = 15 * 60 * 1000

/** Checks a SigV4 `Authorization` header for service `connect`; throws the 403 Connect answers. */
export async function verifySigned(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  credentials: EmulatorCredentials,
  now: number,
): Promise<void> {
  const m = AUTH.exec(headerValue(req, 'authorization') ?? '')
  if (m === null)
    throw fail(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token')
  const [, accessKeyId, , region = '', service, signedList = '', signature = ''] = m
  if (accessKeyId !== credentials.accessKeyId) {
    throw fail(
      403,
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    )
  }
  const date = parseAmzDate(headerValue(req, 'x-amz-date') ?? '')
  if (date === undefined || service !== 'connect') throw invalidSignature()
  if (Math.abs(now - date.getTime()) > MAX_SKEW_MS)
    throw fail(403, 'InvalidSignatureException', 'Signature expired')
  const headers: Record<string, string> = {}
  for (const name of signedList.split(';')) {
    const value = headerValue(req, name)
    if (value === undefined) throw invalidSignature()
    headers[name] = value
  }
  const claimed = headers['x-amz-content-sha256']
  if (claimed !== undefined && claimed !== createHash('sha256').update(body).digest('hex'))
    throw invalidSignature()
  const request: SignableRequest = {
    method: req.method ?? 'GET',
    protocol: 'http:',
    ...hostParts(headers.host ?? ''),
    path: url.pathname,
    query: queryObject(url.searchParams, () => false),
    headers,
    body,
  }
  const again = await signerFor(credentials, region, 'connect').sign(request, {
    signingDate: date,
    signableHeaders: new Set(Object.keys(headers)),
  })
  const got = /Signature=([0-9a-f]+)/.exec(String(again.headers.authorization))?.[1] ?? ''
  if (!same(got, signature)) throw invalidSignature()
}

const invalidSignature = () =>
  fail(
    403,
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided.',
  )
