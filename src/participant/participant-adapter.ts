import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import { isHeaders, isIsoTime, isRetryable, isSize, isText, optional } from '../core/errors.js'
import type { AttachmentError } from '../core/errors.js'
import type { AttachmentAdapter, RemoteFile, RemoteFileStatus, UploadRules } from '../core/types.js'
import { participantCaller } from './participant-client.js'
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
  /**
   * The conversation this adapter speaks for, e.g. the contact id (never a token): uploads and
   * links are kept per key, so give it when a page holds more than one chat, and to keep a list
   * across a refreshed `connectionToken`. @default with a fixed `connectionToken`, the endpoint
   * and a short fingerprint of the token (two chats never share a list; a new token is a new
   * list); with `getConnectionToken`, `participant:${endpoint}`
   */
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

/** A fixed token's FNV-1a hash, 32 bits, base 36: tells tokens apart without giving one away. */
const fingerprint = (token: string): string =>
  (
    token
      .split('')
      .reduce((hash, c) => Math.imul(hash ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5) >>> 0
  ).toString(36)

/**
 * Creates the chat attachment adapter: StartAttachmentUpload, CompleteAttachmentUpload and
 * GetAttachment over `fetch`, with the connection token read afresh for every call.
 */
export function createParticipantAdapter(options: ParticipantAdapterOptions): ParticipantAdapter {
  const { connectionToken, region = 'us-east-1', urlExpirySeconds = 300 } = options
  const endpoint = (
    options.endpoint ?? `https://participant.connect.${region}.amazonaws.com`
  ).replace(/\/+$/, '')
  const call = participantCaller(endpoint, options)
  // At most a chat's attachments (35): no eviction needed.
  const statuses = new Map<string, ChatAttachment>()
  return {
    key:
      options.key ??
      `participant:${endpoint}${connectionToken === undefined ? '' : `#${fingerprint(connectionToken)}`}`,
    // CHAT_LIMITS, by core's name: a widget that does not import the alias ships no copy of it.
    limits: { ...CONNECT_DEFAULT_LIMITS, ...options.limits },
    downloadUrlLifetimeMs: urlExpirySeconds * 1000,
    async startUpload(file, { clientToken, signal }) {
      const input = {
        AttachmentName: file.name,
        AttachmentSizeInBytes: file.size,
        ContentType: file.type,
        ClientToken: clientToken,
      }
      // The answer as an upload target (connect-apis.md §3.1).
      const read = await call('StartAttachmentUpload', input, signal)
      return {
        id: read('AttachmentId', isText),
        url: read('UploadMetadata.Url', isText),
        expiresAt: Date.parse(read('UploadMetadata.UrlExpiry', isIsoTime)),
        headers: { ...read('UploadMetadata.HeadersToInclude', optional(isHeaders)) },
      }
    },
    async completeUpload(target, { clientToken, signal }) {
      const input = { AttachmentIds: [target.id], ClientToken: clientToken }
      await call('CompleteAttachmentUpload', input, signal)
    },
    /**
     * The status the host knows first (a file not approved costs no request), then GetAttachment
     * for its URL; for a file the host knows nothing of that GetAttachment refuses, the status in
     * the newest transcript page.
     */
    async getFile(id, { signal } = {}) {
      let { status, name } = statuses.get(id) ?? { status: options.statusOf?.(id) }
      const approved = async (): Promise<RemoteFile> => {
        const input = { AttachmentId: id, UrlExpiryInSeconds: urlExpirySeconds }
        const read = await call('GetAttachment', input, signal)
        return {
          id,
          status: 'approved',
          download: {
            url: read('Url', isText),
            expiresAt: Date.parse(read('UrlExpiry', isIsoTime)),
          },
          size: read('AttachmentSizeInBytes', optional(isSize)),
        }
      }
      if (!status || status === 'approved') {
        try {
          return await approved()
        } catch (error) {
          // What GetAttachment answers for a file that is not APPROVED is not documented (the
          // emulator's ValidationException naming the status is its own), so any 4xx refusal
          // a retry cannot change counts; throttling, server errors and aborts do not. Every
          // failure of `call` is an AttachmentError.
          const { status: answered = 0 } = error as AttachmentError
          const refused = answered >= 400 && answered < 500 && !isRetryable(error)
          if (status || !refused) throw error
          // The newest page of the transcript (100 items, newest first): one page per poll, so a
          // long chat costs no more than a short one; a file whose item is older than that is
          // reported as the GetAttachment error. The transcript only explains the refusal: its
          // own failure would hide the real one.
          const found = await call(
            'GetTranscript',
            { MaxResults: 100, SortOrder: 'DESCENDING' },
            signal,
          )
            .then((read) =>
              read('Transcript', Array.isArray)
                .flatMap(parseAttachments)
                .find((a) => a.id === id),
            )
            .catch(() => undefined)
          if (!found) throw error
          // The scan's verdict came between the two reads: approved now, so GetAttachment
          // gives the URL (once; its refusal now is the answer).
          if (found.status === 'approved') return await approved()
          ;({ status, name } = found)
        }
      }
      return { id, status, name: name || undefined }
    },
    recordTranscriptItem(item) {
      for (const attachment of parseAttachments(item)) {
        // Statuses move forward only: an older in-progress item recorded late keeps the verdict.
        if (
          attachment.status !== 'processing' ||
          (statuses.get(attachment.id)?.status ?? 'processing') === 'processing'
        ) {
          statuses.set(attachment.id, attachment)
        }
      }
    },
  }
}
