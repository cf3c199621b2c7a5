import { invalidResponse } from './errors.js'

/**
 * The longest service answer read, in bytes. The largest the adapters ask for is a transcript
 * page of 100 items or a metadata batch of 100 files, tens of kilobytes; a longer body is no
 * answer of theirs (a proxy's page, a body that never ends), and reading on would only fill
 * the page's memory.
 */
export const MAX_SERVICE_ANSWER_BYTES = 1024 * 1024

/**
 * A response's body as text, failing with `invalid-response` for `operation` (and no longer
 * reading) once it passes {@link MAX_SERVICE_ANSWER_BYTES}. A body that never ends is ended by
 * the call's deadline, which aborts the request.
 */
export async function readAnswer(response: Response, operation: string): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return response.text()
  const decoder = new TextDecoder()
  let text = ''
  for (let size = 0; ;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    size += value.byteLength
    if (size > MAX_SERVICE_ANSWER_BYTES) {
      void reader.cancel().catch(() => {})
      throw invalidResponse(operation, 'answer size')
    }
    text += decoder.decode(value, { stream: true })
  }
}
