/** The Connect API operations the cases adapter and the handler speak. */
export type AttachedFilesOperation =
  | 'StartAttachedFileUpload'
  | 'CompleteAttachedFileUpload'
  | 'GetAttachedFile'
  | 'DeleteAttachedFile'
  | 'BatchGetAttachedFileMetadata'
  | 'DescribeAttachedFilesConfiguration'

/** Every {@link AttachedFilesOperation}, for validation. */
export const ATTACHED_FILES_OPERATIONS: readonly AttachedFilesOperation[] = [
  'StartAttachedFileUpload',
  'CompleteAttachedFileUpload',
  'GetAttachedFile',
  'DeleteAttachedFile',
  'BatchGetAttachedFileMetadata',
  'DescribeAttachedFilesConfiguration',
]

/**
 * Sends one Connect API operation with its AWS-shaped input (PascalCase, as the SDK commands
 * take it) and resolves with its output; rejects with the service's error (`name`, `message`,
 * `$metadata.httpStatusCode`, `Reason`) for the adapter to map.
 */
export type SendAttachedFiles = (
  operation: AttachedFilesOperation,
  input: Record<string, unknown>,
  init?: { signal?: AbortSignal },
) => Promise<unknown>
