// The error an engine or adapter call failed with, for tests that look at its code, status and
// cause. Runs in Node and in the browser alike (no Node imports).
import { isAttachmentError, type AttachmentError } from '../src/core/errors.js'

/**
 * Awaits `promise` and returns the AttachmentError it rejected with; throws if it resolved or
 * rejected with anything else, so a test cannot pass on the wrong failure.
 */
export async function attachmentErrorOf(promise: Promise<unknown>): Promise<AttachmentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isAttachmentError(error))
    throw new Error(`expected an AttachmentError, got ${String(error)}`)
  return error
}
