// Participant Service attachment operations: StartAttachmentUpload, CompleteAttachmentUpload,
// GetAttachment (POST /participant/..., X-Amz-Bearer: ConnectionToken).
import { randomUUID } from 'node:crypto'
import { isoTime, keySafeName, type EmulatorContext } from './context.js'
import { itemBase, type Chat, type ChatAttachment, type Chats, type Seat } from './chats.js'
import type { Exchange, Route } from './router.js'
import { countCall } from './upload-ledger.js'
import { contentDisposition, optionalInteger, requiredInteger, requiredString } from './validate.js'
import { fail } from './wire-errors.js'

const V = 'ValidationException'
// GetAttachment's default URL lifetime is not documented; the allowed maximum is used.
const DEFAULT_DOWNLOAD_TTL_SECONDS = 300

/** The Participant Service's answer to a missing, unknown or expired token. */
export const accessDenied = () =>
  fail(403, 'AccessDeniedException', 'You do not have sufficient access to perform this action.')

/** The seat of the request's ConnectionToken; AccessDeniedException (403) otherwise. */
function authorize(ctx: EmulatorContext, chats: Chats, ex: Exchange): Seat {
  const bearer = ex.req.headers['x-amz-bearer']
  const seat = typeof bearer === 'string' ? chats.byConnectionToken(bearer, ctx.now()) : undefined
  if (seat === undefined || seat.participant.disconnected) throw accessDenied()
  return seat
}

/** What a call with a valid ConnectionToken does: its seat and JSON body in, the answer out. */
export type SeatHandler = (
  seat: Seat,
  body: Record<string, unknown>,
  ex: Exchange,
) => object | Promise<object>

/** Makes the Participant Service's POST routes, each checking the request's ConnectionToken. */
export function authorizedPost(ctx: EmulatorContext, chats: Chats) {
  return (pattern: string, operation: Route['operation'], handle: SeatHandler): Route => ({
    method: 'POST',
    pattern,
    service: 'participant',
    operation,
    handle: async (ex) => {
      const seat = authorize(ctx, chats, ex)
      return { body: await handle(seat, await ex.json(), ex) }
    },
  })
}

/** The attachment routes. */
export function participantAttachmentRoutes(ctx: EmulatorContext, chats: Chats): Route[] {
  const post = authorizedPost(ctx, chats)
  return [
    post('/participant/start-attachment-upload', 'StartAttachmentUpload', (seat, body, ex) =>
      start(ctx, seat, body, ex),
    ),
    post(
      '/participant/complete-attachment-upload',
      'CompleteAttachmentUpload',
      async (seat, body) => complete(ctx, chats, seat, body),
    ),
    post('/participant/attachment', 'GetAttachment', (seat, body, ex) =>
      getAttachment(ctx, seat.chat, body, ex),
    ),
  ]
}

async function start(
  ctx: EmulatorContext,
  seat: Seat,
  body: Record<string, unknown>,
  ex: Exchange,
): Promise<object> {
  const contentType = requiredString(body, 'ContentType', 255, V)
  const size = requiredInteger(body, 'AttachmentSizeInBytes', 1, V)
  const name = requiredString(body, 'AttachmentName', 256, V)
  const clientToken = requiredString(body, 'ClientToken', 500, V)
  const { chat } = seat
  const max = ctx.options.maxFileSizeBytes
  if (size > max) throw fail(400, V, `Attachment size ${size} exceeds the maximum of ${max} bytes.`)
  const existing = chat.attachments.get(chat.clientTokens.get(clientToken) ?? '')
  if (existing === undefined && chat.attachments.size >= ctx.options.maxAttachmentsPerChat) {
    throw fail(
      402,
      'ServiceQuotaExceededException',
      'The number of attachments per contact exceeds the quota.',
    )
  }
  const attachment = existing ?? newAttachment(ctx, seat, { name, contentType, size })
  chat.clientTokens.set(clientToken, attachment.attachmentId)
  countCall(attachment.calls, 'start', clientToken)
  const headers = {
    'Content-Type': attachment.contentType,
    'Content-Length': String(attachment.size),
    'Content-Disposition': contentDisposition(attachment.name),
    'x-amz-acl': 'bucket-owner-full-control',
    'x-amz-meta-contact_id': chat.contactId,
  }
  ctx.uploads.set(attachment.key, { size: attachment.size })
  const ttl = ex.fault?.urlTtlSeconds ?? ctx.options.uploadUrlTtlSeconds
  const { url, expiresAt } = await ctx.presign(ex.host, 'PUT', attachment.key, headers, ttl)
  return {
    AttachmentId: attachment.attachmentId,
    UploadMetadata: { Url: url, UrlExpiry: isoTime(expiresAt), HeadersToInclude: headers },
  }
}

function newAttachment(
  ctx: EmulatorContext,
  { chat, participant }: Seat,
  file: { name: string; contentType: string; size: number },
): ChatAttachment {
  const attachmentId = randomUUID()
  const key = `chat/${chat.contactId}/${attachmentId}/${keySafeName(file.name)}`
  const attachment: ChatAttachment = {
    attachmentId,
    ...file,
    key,
    participantId: participant.participantId,
    status: 'PENDING_UPLOAD',
    calls: ctx.ledger.add(() => ({
      service: 'participant',
      id: attachmentId,
      contactId: chat.contactId,
      name: file.name,
      key,
      size: file.size,
      status: attachment.status,
      deleted: false,
    })),
  }
  chat.attachments.set(attachmentId, attachment)
  return attachment
}

function complete(
  ctx: EmulatorContext,
  chats: Chats,
  seat: Seat,
  body: Record<string, unknown>,
): object {
  const ids = body.AttachmentIds
  if (!Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== 'string') {
    throw fail(400, V, '1 validation error detected: AttachmentIds must hold exactly one id')
  }
  const clientToken = requiredString(body, 'ClientToken', 500, V)
  const attachment = seat.chat.attachments.get(ids[0])
  if (attachment === undefined) {
    throw fail(400, V, `Attachment ${ids[0]} does not exist in this chat.`)
  }
  countCall(attachment.calls, 'complete', clientToken)
  if (attachment.status !== 'PENDING_UPLOAD') return {}
  const stored = ctx.storage.get(attachment.key)
  if (stored === undefined) {
    throw fail(409, 'ConflictException', 'The attachment has not been uploaded yet.')
  }
  attachment.status = 'IN_PROGRESS'
  const publish = attachmentPublisher(ctx, chats, seat.chat, attachment)
  ctx.scanner.scan(stored.bytes, (verdict) => {
    attachment.status = verdict
    // Connect deletes rejected files (Admin Guide, "Set up attachment scanning").
    if (verdict === 'REJECTED') ctx.storage.delete(attachment.key)
    publish()
  })
  // With a scan delay the chat sees the item twice: IN_PROGRESS now, the verdict later.
  if (attachment.status === 'IN_PROGRESS') publish()
  return {}
}

/** Publishes (and later updates) the ATTACHMENT item of `attachment` with its current status. */
function attachmentPublisher(
  ctx: EmulatorContext,
  chats: Chats,
  chat: Chat,
  attachment: ChatAttachment,
): () => void {
  const uploader = chat.participants.get(attachment.participantId)
  if (uploader === undefined) throw new Error('The uploader is not a participant of the chat')
  const item = itemBase(
    { chat, participant: uploader },
    'ATTACHMENT',
    new Date(ctx.now()).toISOString(),
  )
  attachment.itemId = item.Id
  return () =>
    chats.publish(chat, {
      ...item,
      Attachments: [
        {
          ContentType: attachment.contentType,
          AttachmentId: attachment.attachmentId,
          AttachmentName: attachment.name,
          Status: attachment.status,
        },
      ],
    })
}

async function getAttachment(
  ctx: EmulatorContext,
  chat: Chat,
  body: Record<string, unknown>,
  ex: Exchange,
): Promise<object> {
  const id = requiredString(body, 'AttachmentId', 256, V)
  const requested = optionalInteger(body, 'UrlExpiryInSeconds', 5, 300, V)
  const attachment = chat.attachments.get(id)
  if (attachment === undefined) throw fail(400, V, `Attachment ${id} does not exist in this chat.`)
  if (attachment.status !== 'APPROVED') {
    const status = attachment.status === 'PENDING_UPLOAD' ? 'IN_PROGRESS' : attachment.status
    throw fail(400, V, `Attachment ${id} is not available for download: its status is ${status}.`)
  }
  const ttl = ex.fault?.urlTtlSeconds ?? requested ?? DEFAULT_DOWNLOAD_TTL_SECONDS
  const { url, expiresAt } = await ctx.presign(ex.host, 'GET', attachment.key, {}, ttl)
  return { Url: url, UrlExpiry: isoTime(expiresAt), AttachmentSizeInBytes: attachment.size }
}
