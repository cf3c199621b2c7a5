import type { RemoteFileStatus } from '../core/types.js'

/** An attachment from a chat transcript or websocket item, ready to render. */
export interface ChatAttachment {
  /** The AttachmentId, for `getFile`. */
  id: string
  name: string
  contentType: string
  status: RemoteFileStatus
}

/** The AWS shape of one `Attachments[]` entry (connect-apis.md §1.4). */
export interface AttachmentItemWire {
  AttachmentId?: string
  AttachmentName?: string
  ContentType?: string
  Status?: string
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Every attachment of a transcript item or chatjs `onMessage` event (`{ data: item }`) whose
 * `Type` is `ATTACHMENT`; none for anything else.
 */
export function parseAttachments(item: unknown): ChatAttachment[] {
  // A chatjs onMessage event wraps the item in `data`; a transcript item has no `data`.
  const record = ((item as { data?: unknown } | null)?.data ?? item) as Record<string, unknown>
  if (record?.Type !== 'ATTACHMENT' || !Array.isArray(record.Attachments)) return []
  // Items come from the host's event handlers: an entry of the wrong shape is left out rather
  // than thrown into the chat widget's websocket callback.
  return (record.Attachments as AttachmentItemWire[])
    .filter((a) => textOf(a?.AttachmentId))
    .map(({ AttachmentId, AttachmentName, ContentType, Status = 'APPROVED' }) => ({
      id: AttachmentId!,
      name: textOf(AttachmentName),
      contentType: textOf(ContentType),
      // Chat's `ArtifactStatus` as ours. No status means the instance does not scan, so the file
      // is as available as it will ever be; a status we do not know yet (or of the wrong type)
      // is kept out of reach.
      status: ['APPROVED', 'REJECTED', 'FAILED'].includes(Status)
        ? (Status.toLowerCase() as RemoteFileStatus)
        : 'processing',
    }))
}

/**
 * Reads the attachment out of a transcript item or a chatjs `onMessage` event
 * (`{ data: item }`) whose `Type` is `ATTACHMENT`; anything else gives `null`.
 * `Type` is the discriminator: attachment items carry no item-level ContentType (§1.4).
 */
export function parseAttachmentItem(item: unknown): ChatAttachment | null {
  return parseAttachments(item)[0] ?? null
}
