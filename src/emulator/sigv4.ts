// SigV4 with the AWS SDK's own signer: requests are checked by signing them again with the same
// inputs (credentials, x-amz-date, signed headers, body) and comparing signatures.
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
export interface SignableRequest {
  method: string
  protocol: string
  hostname: string
  port?: number
  path: string
  query: Record<string, string | string[]>
  headers: Record<string, string>
  body?: unknown
}

/** The SDK's signer for one service; S3 paths are not escaped again, as the S3 client does. */
export const signerFor = (credentials: EmulatorCredentials, region: string, service: string) =>
  new SignatureV4({
    credentials,
    region,
    service,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: service !== 's3',
    applyChecksum: false,
  })

/** Constant-time string comparison. */
export const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** Parses `20261121T155439Z`. */
export const parseAmzDate = (text: string): Date | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  return m === null ? undefined : new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`)
}

/** The query as the signer wants it, without the keys `skip` names. */
export const queryObject = (params: URLSearchParams, skip: (key: string) => boolean) => {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    if (skip(key)) continue
    const values = params.getAll(key)
    query[key] = values.length === 1 ? (values[0] ?? '') : values
  }
  return query
}

/** `127.0.0.1:4566` → hostname and port. */
export const hostParts = (host: string): { hostname: string; port?: number } => {
  const m = /^(.*?)(?::(\d+))?$/.exec(host)
  return { hostname: m?.[1] ?? host, ...(m?.[2] === undefined ? {} : { port: Number(m[2]) }) }
}

/** The values of the signed headers as received, or undefined when one is missing. */
export function signedHeaderValues(req: IncomingMessage, names: string[]) {
  const headers: Record<string, string> = {}
  for (const name of names) {
    const value = req.headers[name]
    if (value === undefined) return undefined
    headers[name] = Array.isArray(value) ? value.join(',') : value
  }
  return headers
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/

// AWS refuses requests whose x-amz-date is more than 15 minutes off.
const MAX_SKEW_MS = 15 * 60 * 1000

const invalidSignature = () =>
  fail(
    403,
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided.',
  )

/** Checks a SigV4 `Authorization` header for service `connect`; throws the 403 Connect answers. */
export async function verifySigned(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  credentials: EmulatorCredentials,
  now: number,
): Promise<void> {
  const m = AUTH.exec(String(req.headers.authorization ?? ''))
  if (m === null) {
    throw fail(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token')
  }
  const [, accessKeyId, , region = '', service, signedList = '', signature = ''] = m
  if (accessKeyId !== credentials.accessKeyId) {
    const message = 'The security token included in the request is invalid.'
    throw fail(403, 'UnrecognizedClientException', message)
  }
  const date = parseAmzDate(String(req.headers['x-amz-date'] ?? ''))
  if (date === undefined || service !== 'connect') throw invalidSignature()
  if (Math.abs(now - date.getTime()) > MAX_SKEW_MS) {
    throw fail(403, 'InvalidSignatureException', 'Signature expired')
  }
  const headers = signedHeaderValues(req, signedList.split(';'))
  if (headers === undefined) throw invalidSignature()
  const claimed = headers['x-amz-content-sha256']
  if (claimed !== undefined && claimed !== createHash('sha256').update(body).digest('hex')) {
    throw invalidSignature()
  }
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
