import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import {
  expectField,
  isAttachmentError,
  isHeaders,
  isRecord,
  isRetryable,
  isSize,
  isText,
  optional,
} from '../core/errors.js'
import type {
  AttachmentAdapter,
  RemoteFile,
  RemoteFileStatus,
  UploadRules,
  UploadTarget,
} from '../core/types.js'
import {
  callParticipant,
  isIsoTime,
  type Answer,
  type ParticipantClientConfig,
} from './participant-client.js'
import { parseAttachments, type ChatAttachment } from './parse-attachment-item.js'

/**
 * Amazon Connect's documented chat limits (Admin Guide, feature specifications): 20 MB per file
 * by default, 35 attachments per conversation, the default extension list, names up to 256
 * characters (StartAttachmentUpload's AttachmentName) — core's defaults, which are the chat's.
 */
export const CHAT_LIMITS: Readonly<UploadRules> = CONNECT_DEFAULT_LIMITS

/** Where and how the chat adapter talks to the Participant Service. */
export interface ParticipantServiceOptions {
  /** The chat's AWS region. @default 'us-east-1' */
  region?: string
  /** The Participant Service base URL. @default `https://participant.connect.${region}.amazonaws.com` */
  endpoint?: string
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Lifetime asked for download URLs, 5–300 s (GetAttachment's UrlExpiryInSeconds). @default 300 */
  urlExpirySeconds?: number
  /** Identity for query keys, e.g. the contact id; never a token. @default `participant:${endpoint}` */
  key?: string
  /** What the chat enforces. @default CHAT_LIMITS */
  limits?: Partial<UploadRules>
  /**
   * The status the host already holds for an attachment (from its transcript items and websocket
   * pushes), or `undefined`; consulted after the items given to `recordTranscriptItem`. @default undefined
   */
  statusOf?: (id: string) => RemoteFileStatus | undefined
}

/** Options of {@link createParticipantAdapter}: one token source, and the service options. */
export type ParticipantAdapterOptions = ParticipantServiceOptions &
  (
    | {
        /** A fixed connection token (CreateParticipantConnection's ConnectionToken). */
        connectionToken: string
        getConnectionToken?: never
      }
    | {
        connectionToken?: never
        /** Reads the current connection token; called before every request, as tokens are refreshed. */
        getConnectionToken: () => string | Promise<string>
      }
  )

/** The chat adapter: {@link AttachmentAdapter} over the Participant Service. */
export interface ParticipantAdapter extends AttachmentAdapter {
  readonly limits: Partial<UploadRules>
  /**
   * Remembers the status of every attachment in a transcript item or chatjs `onMessage` event,
   * so `getFile` answers a file being scanned or rejected without a request. Feed it every item
   * the chat delivers (as {@link participantAdapterFromChatSession} does) and the transcript the
   * host loads: a file recorded as in progress is reported so until a later item says otherwise.
   */
  recordTranscriptItem(item: unknown): void
}

/** StartAttachmentUpload's answer as an upload target (connect-apis.md §3.1). */
function toTarget(out: Answer): UploadTarget {
  const op = 'StartAttachmentUpload'
  const id = expectField(op, 'AttachmentId', out.AttachmentId, isText)
  const meta = expectField(op, 'UploadMetadata', out.UploadMetadata, isRecord)
  const url = expectField(op, 'UploadMetadata.Url', meta.Url, isText)
  const expiry = expectField(op, 'UploadMetadata.UrlExpiry', meta.UrlExpiry, isIsoTime)
  const headers = meta.HeadersToInclude
  const checked = expectField(op, 'UploadMetadata.HeadersToInclude', headers, optional(isHeaders))
  return { id, url, headers: { ...checked }, expiresAt: Date.parse(expiry) }
}

/** GetAttachment's answer as an approved file with its download. */
function toApprovedFile(id: string, out: Answer): RemoteFile {
  const op = 'GetAttachment'
  const url = expectField(op, 'Url', out.Url, isText)
  const expiry = expectField(op, 'UrlExpiry', out.UrlExpiry, isIsoTime)
  const size = expectField(op, 'AttachmentSizeInBytes', out.AttachmentSizeInBytes, optional(isSize))
  return { id, status: 'approved', size, download: { url, expiresAt: Date.parse(expiry) } }
}

function resolveOptions(options: ParticipantAdapterOptions): ParticipantClientConfig {
  const { connectionToken, getConnectionToken } = options as {
    connectionToken?: string
    getConnectionToken?: () => string | Promise<string>
  }
  const region = options.region ?? 'us-east-1'
  const endpoint = options.endpoint ?? `https://participant.connect.${region}.amazonaws.com`
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    token: getConnectionToken ?? (() => connectionToken as string),
    // Called through a closure so a `fetch` swapped in later (or a bound window.fetch) is used.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  }
}

/**
 * The newest page of the transcript (100 items, newest first): where a file the host told us
 * nothing about shows its status. One page per poll, so a long chat costs no more than a short
 * one; a file whose item is older than that is reported as the GetAttachment error.
 */
async function statusInTranscript(
  config: ParticipantClientConfig,
  id: string,
  signal?: AbortSignal,
): Promise<ChatAttachment | undefined> {
  const input = { MaxResults: 100, SortOrder: 'DESCENDING' }
  const out = await callParticipant(config, 'GetTranscript', input, signal)
  const items = expectField('GetTranscript', 'Transcript', out.Transcript, Array.isArray)
  return items.flatMap(parseAttachments).find((a) => a.id === id)
}

/**
 * What GetAttachment may answer for a file that is not APPROVED. AWS does not document it (the
 * emulator's ValidationException naming the status is its own), so any refusal a retry cannot
 * change counts; throttling, server errors and aborts do not.
 */
const isRefusal = (error: unknown): boolean =>
  isAttachmentError(error) &&
  (error.status ?? 0) >= 400 &&
  (error.status ?? 0) < 500 &&
  !isRetryable(error)

/**
 * A chat file: the status the host knows first (a file not approved costs no request), then
 * GetAttachment for its URL; for a file the host knows nothing of that GetAttachment refuses,
 * the status in the newest transcript page.
 */
async function getChatFile(
  config: ParticipantClientConfig,
  id: string,
  known: { status?: RemoteFileStatus; name?: string },
  urlExpirySeconds: number,
  signal?: AbortSignal,
): Promise<RemoteFile> {
  const name = known.name ? { name: known.name } : {}
  if (known.status && known.status !== 'approved') return { id, status: known.status, ...name }
  try {
    const input = { AttachmentId: id, UrlExpiryInSeconds: urlExpirySeconds }
    return toApprovedFile(id, await callParticipant(config, 'GetAttachment', input, signal))
  } catch (error) {
    if (known.status || !isRefusal(error)) throw error
    // The transcript only explains the refusal; its own failure would hide the real one.
    const found = await statusInTranscript(config, id, signal).catch(() => undefined)
    if (!found || found.status === 'approved') throw error
    return { id, status: found.status, name: found.name }
  }
}

/** Statuses move forward only: an older in-progress item recorded late keeps the verdict. */
function recordStatuses(statuses: Map<string, ChatAttachment>, item: unknown): void {
  for (const attachment of parseAttachments(item)) {
    const previous = statuses.get(attachment.id)?.status
    if (attachment.status === 'processing' && previous && previous !== 'processing') continue
    statuses.set(attachment.id, attachment)
  }
}

/**
 * Creates the chat attachment adapter: StartAttachmentUpload, CompleteAttachmentUpload and
 * GetAttachment over `fetch`, with the connection token read afresh for every call.
 */
export function createParticipantAdapter(options: ParticipantAdapterOptions): ParticipantAdapter {
  const config = resolveOptions(options)
  // At most a chat's attachments (35): no eviction needed.
  const statuses = new Map<string, ChatAttachment>()
  return {
    key: options.key ?? `participant:${config.endpoint}`,
    limits: { ...CHAT_LIMITS, ...options.limits },
    async startUpload(file, { clientToken, signal }): Promise<UploadTarget> {
      const input = {
        AttachmentName: file.name,
        AttachmentSizeInBytes: file.size,
        ContentType: file.type,
        ClientToken: clientToken,
      }
      return toTarget(await callParticipant(config, 'StartAttachmentUpload', input, signal))
    },
    async completeUpload(target, { clientToken, signal }): Promise<void> {
      const input = { AttachmentIds: [target.id], ClientToken: clientToken }
      await callParticipant(config, 'CompleteAttachmentUpload', input, signal)
    },
    getFile(id, init = {}) {
      const recorded = statuses.get(id)
      const known = recorded ?? { status: options.statusOf?.(id) }
      return getChatFile(config, id, known, options.urlExpirySeconds ?? 300, init.signal)
    },
    recordTranscriptItem: (item) => recordStatuses(statuses, item),
  }
}
