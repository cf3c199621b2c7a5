import type { RemoteFile } from '../core/types.js'
import { expectField, invalidResponse, isRecord } from '../core/errors.js'
import { resolveOptions, type UploadManagerOptions } from '../core/upload-manager-options.js'
import { withRetry } from '../core/with-retry.js'
import { toRemoteFile, type Output } from './attached-file-mapping.js'
import { toAttachmentError } from './cases-error.js'
import type { AttachedFilesOperation, SendAttachedFiles } from './cases-adapter.js'

/** One operation through `send`: its output object, or its failure as an `AttachmentError`. */
export type AttachedFilesCall = (
  operation: AttachedFilesOperation,
  input: Record<string, unknown>,
  signal?: AbortSignal,
) => Promise<Output>

/**
 * Wraps `send` so every input starts with the fields of `base` (the ids every call of a kind
 * names), every failure comes out as an `AttachmentError` with the original as cause, and an
 * output that is not an object as `invalid-response`.
 */
export function createAttachedFilesCall(send: SendAttachedFiles, base: object): AttachedFilesCall {
  return async (operation, input, signal) => {
    let output: unknown
    try {
      output = await send(operation, { ...base, ...input }, { signal })
    } catch (error) {
      throw toAttachmentError(operation, error, signal)
    }
    // `send` may resolve with anything.
    return expectField(operation, 'output object', output, isRecord)
  }
}

/** A file error from BatchGetAttachedFileMetadata. */
export interface AttachedFileError {
  id: string
  errorCode: string
  message: string
}

const BATCH = 'BatchGetAttachedFileMetadata'

/** `output[field]` as a list of objects; absent reads as empty. */
function entries(output: Output, field: string): Output[] {
  const list = output[field] ?? []
  if (Array.isArray(list) && list.every((e) => typeof e === 'object' && e !== null)) return list
  throw invalidResponse(BATCH, field)
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

// BatchGetAttachedFileMetadata accepts at most 100 FileIds.
const BATCH_SIZE = 100

// Batches in flight at once. Connect documents no request rate for this operation, so four is a
// judgement, not a measurement: it overlaps round trips, where 10,000 ids sent together made
// 100 simultaneous requests that only earn ThrottlingExceptions.
const BATCH_CONCURRENCY = 4

/**
 * BatchGetAttachedFileMetadata over any number of ids, 100 per request, four requests at a time,
 * each retried as the engine retries Start and Complete (a throttled one retried without failing
 * the others); once one fails for good, no other starts. `call` adds the instance and associated
 * resource.
 */
export async function getFilesInBatches(
  call: AttachedFilesCall,
  ids: readonly string[],
  signal = new AbortController().signal,
): Promise<{ files: RemoteFile[]; errors: AttachedFileError[] }> {
  // The engine's own defaults: its retry policy, clock, randomness and connectivity.
  const options = resolveOptions({} as UploadManagerOptions)
  // One output per batch, in order.
  const outputs: Output[] = []
  let next = 0
  let failed = false
  const worker = async (): Promise<void> => {
    while (next < ids.length && !failed) {
      const start = next
      next += BATCH_SIZE
      const FileIds = ids.slice(start, next)
      const request = () => call(BATCH, { FileIds }, signal)
      // No backoff events to report: nothing shows a listing's progress.
      outputs[start / BATCH_SIZE] = await withRetry(request, options, signal, () => {}).catch(
        (error) => {
          failed = true
          throw error
        },
      )
    }
  }
  // A worker without a batch left ends at once.
  await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, worker))
  return {
    // A listed file without its id could not be matched to anything the caller asked for.
    files: outputs.flatMap((out) => entries(out, 'Files').map((f) => toRemoteFile('', f, BATCH))),
    errors: outputs.flatMap((out) =>
      entries(out, 'Errors').map((e) => ({
        id: text(e.FileId),
        errorCode: text(e.ErrorCode),
        message: text(e.ErrorMessage),
      })),
    ),
  }
}
