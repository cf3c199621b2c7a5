import { invalidResponse } from '../core/errors.js'
import { readAnswer } from '../core/read-answer.js'
import type { SendAttachedFiles } from './cases-adapter.js'

/** Options of {@link sendViaHttpBackend}. */
export interface HttpBackendInit {
  /** Headers for every request, e.g. the app's own auth; a function is called per request. @default {} */
  headers?:
    Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>)
  /** Whether cookies go along. @default 'same-origin' */
  credentials?: RequestCredentials
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: typeof fetch
}

/** The error body {@link createAttachedFilesHandler} answers with. */
interface ErrorBody {
  name?: unknown
  message?: unknown
  reason?: unknown
}

/**
 * A `send` that POSTs `{ operation, input }` as JSON to the host app's backend (for agent panes
 * that hold no AWS credentials), typically served by {@link createAttachedFilesHandler}.
 */
export function sendViaHttpBackend(url: string, init: HttpBackendInit = {}): SendAttachedFiles {
  const doFetch = init.fetch ?? ((input, requestInit) => fetch(input, requestInit))
  return async (operation, input, { signal } = {}) => {
    const headers = typeof init.headers === 'function' ? await init.headers() : init.headers
    const response = await doFetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      credentials: init.credentials ?? 'same-origin',
      body: JSON.stringify({ operation, input }),
      signal,
    })
    const text = await readAnswer(response, operation)
    let body: unknown = {}
    try {
      body = text ? JSON.parse(text) : {}
    } catch (cause) {
      // A proxy's or login page's 200 is no answer from Connect; retrying gets the same page.
      if (response.ok) throw invalidResponse(operation, 'JSON body', cause)
    }
    if (response.ok) return body
    // A relayed error, rebuilt into the shape SDK exceptions have, so one mapping serves both.
    const { status } = response
    const { name, message, reason } = (body ?? {}) as ErrorBody
    throw Object.assign(new Error(typeof message === 'string' ? message : ''), {
      name: typeof name === 'string' ? name : `HTTP${status}`,
      $metadata: { httpStatusCode: status },
      ...(typeof reason === 'string' && { Reason: reason }),
    })
  }
}
