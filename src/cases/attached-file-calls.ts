import type { RemoteFile } from '../core/types.js'
import { toRemoteFile, type AttachedFileWire } from './attached-file-mapping.js'
import { toAttachmentError } from './cases-error.js'
import type { AttachedFilesOperation, SendAttachedFiles } from './send.js'

/** One operation through `send`, its failure mapped to an `AttachmentError`. */
export type AttachedFilesCall = <T>(
  operation: AttachedFilesOperation,
  input: Record<string, unknown>,
  signal?: AbortSignal,
) => Promise<T>

/** Wraps `send` so every failure comes out as an `AttachmentError` with the original as cause. */
export function createAttachedFilesCall(send: SendAttachedFiles): AttachedFilesCall {
  return async <T>(
    operation: AttachedFilesOperation,
    input: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<T> => {
    try {
      return (await send(operation, input, { signal })) as T
    } catch (error) {
      throw toAttachmentError(operation, error, signal)
    }
  }
}

/** A file error from BatchGetAttachedFileMetadata. */
export interface AttachedFileError {
  id: string
  errorCode: string
  message: string
}

interface BatchOutput {
  Files?: AttachedFileWire[]
  Errors?: { FileId?: string; ErrorCode?: string; ErrorMessage?: string }[]
}

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
  const outputs = await Promise.all(
    chunks.map((FileIds) => call<BatchOutput>('BatchGetAttachedFileMetadata', { FileIds }, signal)),
  )
  return {
    files: outputs.flatMap((out) => (out.Files ?? []).map((f) => toRemoteFile(f.FileId ?? '', f))),
    errors: outputs.flatMap((out) =>
      (out.Errors ?? []).map((e) => ({
        id: e.FileId ?? '',
        errorCode: e.ErrorCode ?? '',
        message: e.ErrorMessage ?? '',
      })),
    ),
  }
}
