import { AttachmentError } from '../core/errors.js'
import {
  createParticipantAdapter,
  type ParticipantAdapter,
  type ParticipantServiceOptions,
} from './participant-adapter.js'

/** What Streams' `getConnectionToken` resolves to (chatjs `connectionDetailsProvider`). */
interface ChatTokenResponse {
  chatTokenTransport?: { participantToken?: string }
}

/** The chatjs 5 internals read for the token after a refresh and the endpoint; each is checked. */
interface ChatJsController {
  connectionDetailsProvider?: {
    getFetchedConnectionToken?: () => string | null | undefined
    getConnectionToken?: (() => Promise<ChatTokenResponse>) | null
  } | null
  chatClient?: { invokeUrl?: string } | null
}

/**
 * The parts of an amazon-connect-chatjs session (CUSTOMER, or the AGENT session Streams hands a
 * custom CCP) this adapter reads. Typed structurally so chatjs is never imported: it sets
 * globals and throws on import in Node. chatjs 5's `CustomerChatSession` and `AgentChatSession`
 * fit it as they are typed; `controller` is `object` because the fields read from it (where the
 * token is after a refresh) are internals its types leave out.
 */
export interface ChatSessionLike {
  getChatDetails(): {
    contactId?: string
    connectionDetails?: { connectionToken?: string | null } | null
  }
  /** chatjs's subscription to every item the chat's websocket delivers. */
  onMessage?(handler: (event: unknown) => void): unknown
  controller?: object
}

const controllerOf = (session: ChatSessionLike) =>
  session.controller as ChatJsController | undefined

/** Options of {@link participantAdapterFromChatSession}; all default from the session. */
export type ChatSessionAdapterOptions = ParticipantServiceOptions

/**
 * The current connection token. chatjs refreshes it about a minute before expiry into its
 * connection details provider, while `getChatDetails().connectionDetails` keeps the first one
 * (connect-apis.md §1.2), so the provider comes first. An AGENT session not connected yet falls
 * back to Streams' `getConnectionToken`, which fetches one through the CCP.
 */
async function currentToken(session: ChatSessionLike): Promise<string> {
  const provider = controllerOf(session)?.connectionDetailsProvider
  const fresh = provider?.getFetchedConnectionToken?.()
  if (fresh) return fresh
  const first = session.getChatDetails().connectionDetails?.connectionToken
  if (first) return first
  if (provider?.getConnectionToken) {
    // Streams rejects with a bare Error that drops the cause: a CCP request that failed, most
    // likely a passing one, so the engine may try again (a few times, then the upload fails).
    const answer = await provider.getConnectionToken().catch((cause: unknown) => {
      throw new AttachmentError('network', 'token', { cause })
    })
    const agent = answer.chatTokenTransport?.participantToken
    if (agent) return agent
  }
  throw new AttachmentError('access-denied', 'No connection token: call session.connect() first')
}

/**
 * Creates the chat adapter from a chatjs session: its current connection token for every call,
 * its endpoint (what `setGlobalConfig({ endpoint })` or the region chose) and its contact id as
 * the key. Every item the session receives is recorded, so a file being scanned or rejected is
 * answered from its pushed status; pass the transcript the host loads to `recordTranscriptItem`.
 */
export function participantAdapterFromChatSession(
  session: ChatSessionLike,
  options: ChatSessionAdapterOptions = {},
): ParticipantAdapter {
  const contactId = session.getChatDetails().contactId
  const endpoint = options.endpoint ?? controllerOf(session)?.chatClient?.invokeUrl ?? undefined
  const adapter = createParticipantAdapter({
    ...options,
    endpoint,
    key: options.key ?? (contactId ? `participant:${contactId}` : undefined),
    getConnectionToken: () => currentToken(session),
  })
  session.onMessage?.((event) => adapter.recordTranscriptItem(event))
  return adapter
}
