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
  try {
    token = await config.token()
  } catch (cause) {
    throw new AttachmentError('access-denied', `${operation}: no connection token.`, { cause })
  }
  if (!token) throw new AttachmentError('access-denied', `${operation}: no connection token.`)
  return token
}

function transportError(operation: string, cause: unknown, signal?: AbortSignal): AttachmentError {
  if (signal?.aborted) {
    return new AttachmentError('aborted', `${operation} was aborted.`, { cause })
  }
  return new AttachmentError('network', `${operation} could not reach the service.`, {
    status: 0,
    cause,
  })
}

/**
 * POSTs one JSON request to the Participant Service with the connection token as
 * `X-Amz-Bearer` (no SigV4: connect-apis.md §3.1) and returns the parsed body, or rejects with
 * an {@link AttachmentError}.
 */
export async function callParticipant<T>(
  config: ParticipantClientConfig,
  operation: string,
  path: string,
  input: object,
  signal?: AbortSignal,
): Promise<T> {
  const token = await readToken(config, operation)
  let response: Response
  let text: string
  try {
    response = await config.fetch(config.endpoint + path, {
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
    if (text) body = JSON.parse(text) as Record<string, unknown>
  } catch (cause) {
    if (response.ok) {
      throw new AttachmentError('server', `${operation}: the answer is not JSON.`, { cause })
    }
  }
  if (!response.ok) throw serviceError(operation, response, body, token)
  return body as T
}
