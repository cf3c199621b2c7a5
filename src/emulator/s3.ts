// S3 as the presigned URLs see it: PUT and GET of /s3/{Bucket}/{Key}, path-style, with the
// signature, expiry, signed headers and body length checked the way S3 checks them.
import { createHash } from 'node:crypto'
import { BUCKET, type EmulatorContext } from './context.js'
import type { Exchange, Route } from './router.js'
import { verifyPresigned } from './presigned-url.js'
import { fail } from './wire-errors.js'

/** The S3 routes. */
export function s3Routes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'PUT',
      pattern: '/s3/{Bucket}/{Key+}',
      service: 's3',
      operation: 'PutObject',
      handle: (ex) => putObject(ctx, ex),
    },
    {
      method: 'GET',
      pattern: '/s3/{Bucket}/{Key+}',
      service: 's3',
      operation: 'GetObject',
      handle: (ex) => getObject(ctx, ex),
    },
  ]
}

const keyOf = (ex: Exchange): string => {
  if (ex.params.Bucket !== BUCKET)
    throw fail(404, 'NoSuchBucket', 'The specified bucket does not exist')
  return ex.params.Key ?? ''
}

async function putObject(ctx: EmulatorContext, ex: Exchange) {
  const key = keyOf(ex)
  const expected = ctx.uploads.get(key)
  await verifyPresigned(ex.req, ex.url, ctx.options.credentials, ctx.now(), () => {
    const length = ex.req.headers['content-length']
    if (length === undefined)
      throw fail(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.')
    if (expected !== undefined && Number(length) !== expected.size)
      throw lengthError(Number(length), expected.size)
  })
  const bytes = await ex.body()
  if (expected !== undefined && bytes.length !== expected.size)
    throw lengthError(bytes.length, expected.size)
  const contentDisposition = ex.req.headers['content-disposition']
  ctx.storage.put(key, bytes, {
    contentType: ex.req.headers['content-type'] ?? 'binary/octet-stream',
    ...(contentDisposition === undefined ? {} : { contentDisposition }),
  })
  return { headers: { etag: `"${createHash('md5').update(bytes).digest('hex')}"` } }
}

const lengthError = (got: number, declared: number) =>
  got < declared
    ? fail(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      )
    : fail(
        400,
        'EntityTooLarge',
        'Your proposed upload exceeds the size declared when the upload URL was created.',
      )

async function getObject(ctx: EmulatorContext, ex: Exchange) {
  const key = keyOf(ex)
  await verifyPresigned(ex.req, ex.url, ctx.options.credentials, ctx.now())
  const object = ctx.storage.get(key)
  if (object === undefined) throw fail(404, 'NoSuchKey', 'The specified key does not exist.')
  // As S3 does for a signed GET: `response-content-disposition` in the URL (signed with it)
  // replaces the Content-Disposition the object was stored with.
  const disposition =
    ex.url.searchParams.get('response-content-disposition') ?? object.contentDisposition
  return {
    headers: {
      'content-type': object.contentType,
      etag: `"${createHash('md5').update(object.bytes).digest('hex')}"`,
      ...(disposition === undefined ? {} : { 'content-disposition': disposition }),
    },
    body: object.bytes,
  }
}
