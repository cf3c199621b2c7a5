import { AttachmentError } from '../core/errors.js'
import type { AttachmentAdapter, RemoteFile, UploadRules, UploadTarget } from '../core/types.js'
import { CHAT_LIMITS } from './chat-limits.js'
import {
  callParticipant,
  expectField,
  isIsoTime,
  isObject,
  isText,
  optional,
  type Answer,
  type ParticipantClientConfig,
} from './participant-client.js'
import { findAttachmentStatus } from './transcript-status.js'

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
}

const isHeaders = (v: unknown): v is Record<string, string> =>
  isObject(v) && Object.values(v).every((value) => typeof value === 'string')
const isSize = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0

/** StartAttachmentUpload's answer as an upload target (connect-apis.md §3.1). */
function toTarget(out: Answer): UploadTarget {
  const op = 'StartAttachmentUpload'
  const id = expectField(op, 'AttachmentId', out.AttachmentId, isText)
  const meta = expectField(op, 'UploadMetadata', out.UploadMetadata, isObject)
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
 * GetAttachment, and for a file it refuses because the file is not APPROVED (a
 * ValidationException naming the status), the status the transcript shows for it.
 */
async function getChatFile(
  config: ParticipantClientConfig,
  id: string,
  urlExpirySeconds: number,
  signal?: AbortSignal,
): Promise<RemoteFile> {
  try {
    const input = { AttachmentId: id, UrlExpiryInSeconds: urlExpirySeconds }
    return toApprovedFile(id, await callParticipant(config, 'GetAttachment', input, signal))
  } catch (error) {
    if (!(error instanceof AttachmentError) || error.code !== 'invalid-request') throw error
    const found = await findAttachmentStatus(config, id, signal)
    if (!found || found.status === 'approved') throw error
    return { id, status: found.status, name: found.name }
  }
}

/**
 * Creates the chat attachment adapter: StartAttachmentUpload, CompleteAttachmentUpload and
 * GetAttachment over `fetch`, with the connection token read afresh for every call.
 */
export function createParticipantAdapter(options: ParticipantAdapterOptions): ParticipantAdapter {
  const config = resolveOptions(options)
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
    getFile: (id, init = {}) =>
      getChatFile(config, id, options.urlExpirySeconds ?? 300, init.signal),
  }
}
