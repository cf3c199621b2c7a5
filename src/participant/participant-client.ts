import { AttachmentError } from '../core/errors.js'
import { serviceError } from './service-error.js'

/** What every Participant Service call needs: where to go, the token source and `fetch`. */
export interface ParticipantClientConfig {
  endpoint: string
  /** Read before every call: chat connection tokens are refreshed while a chat lasts. */
  token: () => string | Promise<string>
  fetch: typeof fetch
}

async function readToken(config: ParticipantClientConfig, operation: string): Promise<string> {
  let token: string | undefined
  let cause: unknown
  try {
    token = await config.token()
  } catch (error) {
    cause = error
  }
  if (token) return token
  throw new AttachmentError('access-denied', `${operation}: no connection token`, { cause })
}

function transportError(operation: string, cause: unknown, signal?: AbortSignal): AttachmentError {
  const aborted = signal?.aborted
  return new AttachmentError(
    aborted ? 'aborted' : 'network',
    `${operation} ${aborted ? 'aborted' : 'failed: no response'}`,
    { status: aborted ? undefined : 0, cause },
  )
}

/**
 * The operation's path under `/participant/`: StartAttachmentUpload → start-attachment-upload,
 * GetAttachment → attachment, GetTranscript → transcript (the service's REST bindings).
 */
function pathOf(operation: string): string {
  return operation
    .replace(/^Get/, '')
    .replace(/\B[A-Z]/g, (c) => `-${c}`)
    .toLowerCase()
}

/**
 * POSTs one JSON request to the Participant Service with the connection token as
 * `X-Amz-Bearer` (no SigV4: connect-apis.md §3.1) and returns the parsed body, or rejects with
 * an {@link AttachmentError}.
 */
export async function callParticipant<T>(
  config: ParticipantClientConfig,
  operation: string,
  input: object,
  signal?: AbortSignal,
): Promise<T> {
  const token = await readToken(config, operation)
  let response: Response
  let text: string
  try {
    response = await config.fetch(`${config.endpoint}/participant/${pathOf(operation)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-bearer': token },
      body: JSON.stringify(input),
      signal,
    })
    text = await response.text()
  } catch (cause) {
    throw transportError(operation, cause, signal)
  }
  let body: Record<string, unknown> = {}
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    // An empty or non-JSON body: the status alone tells what happened.
  }
  if (!response.ok) throw serviceError(operation, response, body, token)
  return body as T
}
