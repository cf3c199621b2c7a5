import type { RemoteFile } from '../core/types.js'
import { invalidResponse } from '../core/errors.js'
import { toOutput, toRemoteFile, type Output } from './attached-file-mapping.js'
import { toAttachmentError } from './cases-error.js'
import type { AttachedFilesOperation, SendAttachedFiles } from './cases-adapter.js'

/** One operation through `send`: its output object, or its failure as an `AttachmentError`. */
export type AttachedFilesCall = (
  operation: AttachedFilesOperation,
  input: Record<string, unknown>,
  signal?: AbortSignal,
) => Promise<Output>

/**
 * Wraps `send` so every failure comes out as an `AttachmentError` with the original as cause,
 * and an output that is not an object as `invalid-response`.
 */
export function createAttachedFilesCall(send: SendAttachedFiles): AttachedFilesCall {
  return async (operation, input, signal) => {
    let output: unknown
    try {
      output = await send(operation, input, { signal })
    } catch (error) {
      throw toAttachmentError(operation, error, signal)
    }
    return toOutput(operation, output)
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

/**
 * BatchGetAttachedFileMetadata over any number of ids, 100 per request, in parallel; `call`
 * adds the instance and associated resource.
 */
export async function getFilesInBatches(
  call: AttachedFilesCall,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<{ files: RemoteFile[]; errors: AttachedFileError[] }> {
  const chunks: (readonly string[])[] = []
  for (let i = 0; i < ids.length; i += BATCH_SIZE) chunks.push(ids.slice(i, i + BATCH_SIZE))
  const outputs = await Promise.all(chunks.map((FileIds) => call(BATCH, { FileIds }, signal)))
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
