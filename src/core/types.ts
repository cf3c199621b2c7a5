/**
 * The shapes shared by every layer: what an adapter is given and returns (camelCase, epoch ms;
 * nothing AWS-shaped crosses this line) and the rules files are checked against.
 */

/** What an adapter needs to know about a file to start its upload. */
export interface FileInfo {
  /** The file's name as the user chose it. */
  name: string
  /** Size in bytes; always at least 1 (empty files are rejected before any request). */
  size: number
  /** The MIME type, resolved from the extension when the browser gave none. */
  type: string
}

/** Where and how to PUT a file's bytes, as returned by an adapter's `startUpload`. */
export interface UploadTarget {
  /** The service's id for the attachment or attached file. */
  id: string
  /** The presigned URL to PUT the bytes to. Never log it. */
  url: string
  /** Headers the presigned URL was signed with; every one must be sent. */
  headers: Record<string, string>
  /** When the URL stops working, epoch milliseconds. */
  expiresAt: number
  /** The file's ARN, for services that have one (Connect attached files). */
  arn?: string
}

/** Scan and availability status of a stored file. */
export type RemoteFileStatus = 'processing' | 'approved' | 'rejected' | 'failed'

/** A stored file as an adapter's `getFile` reports it. */
export interface RemoteFile {
  id: string
  status: RemoteFileStatus
  name?: string
  size?: number
  /** When the file was created, epoch ms, where the service says (Cases' `CreationTime`). */
  createdAt?: number
  /** A download URL and when it expires; present only when the file is approved. */
  download?: { url: string; expiresAt: number }
}

/** The limits files are validated against before any request is made. */
export interface UploadRules {
  /** Largest file accepted, in bytes. */
  maxFileSize: number
  /** Most files accepted in one conversation or case, counting those already added. */
  maxFiles: number
  /** Allowed extensions, lowercase with the dot (`.pdf`). */
  allowedExtensions: readonly string[]
  /** Longest file name accepted, in characters. */
  maxNameLength: number
}

/** The port every Connect adapter implements (chat attachments, Cases/Email attached files). */
export interface AttachmentAdapter {
  /** Stable identity, used in query keys; never contains a token. */
  readonly key: string
  /** What the service enforces, when known. */
  readonly limits?: Partial<UploadRules>
  /**
   * How long the download URLs of `getFile` live, in ms, where the adapter asks for a lifetime:
   * their expiry is also reckoned from it, by the page's clock, which may be off the service's.
   */
  readonly downloadUrlLifetimeMs?: number
  /** Starts an upload and returns where to PUT the bytes. Retries reuse `clientToken`. */
  startUpload(
    file: FileInfo,
    init: { clientToken: string; signal: AbortSignal },
  ): Promise<UploadTarget>
  /** Tells the service the bytes are in place. Retries reuse `clientToken`. */
  completeUpload(
    target: UploadTarget,
    init: { clientToken: string; signal: AbortSignal },
  ): Promise<void>
  /** Reads a stored file's status and, when approved, a fresh download URL. */
  getFile(id: string, init?: { signal?: AbortSignal }): Promise<RemoteFile>
  /** Deletes a stored file, where the service allows it. */
  deleteFile?(id: string, init?: { signal?: AbortSignal }): Promise<void>
}

/** One PUT of a file's bytes to a presigned URL, as a transport performs it. */
export interface TransportRequest {
  url: string
  /**
   * Every header the URL was signed with. A browser sets Content-Length and Host itself (the
   * signed values must be the body's size and the URL's host); another name a browser forbids
   * cannot be sent as signed, and the transport refuses the target (`invalid-response`).
   */
  headers: Record<string, string>
  body: Blob
  signal: AbortSignal
  /** Called as bytes leave; `total` is the body size. */
  onProgress?: (loaded: number, total: number) => void
  /**
   * The least time without progress, in ms, after which the PUT fails with `timeout`; a transfer
   * whose progress comes in longer steps gets three times its longest step, and none fails in
   * its first 30 s (`stalledAt` of the xhr transport); 0 turns it off.
   */
  stallTimeoutMs?: number
  /**
   * Called once when the whole body has left the page. On a slow link the far end may still be
   * reading megabytes out of socket buffers, so the answer can be far off.
   */
  onSent?: () => void
  /**
   * Once the whole body has left the page, the least wait for an answer before the PUT fails
   * with `timeout`, in ms (it replaces `stallTimeoutMs` from then on); longer where the rate seen
   * needs longer to drain what the buffers may hold (`answerWaitMs`); 0 turns it off.
   */
  responseTimeoutMs?: number
}

/**
 * Sends one PUT. Resolves on a 2xx response; rejects with an `AttachmentError` otherwise
 * (`network`, `timeout`, `url-expired`, `signature-mismatch`, `aborted`, or by status).
 */
export type Transport = (request: TransportRequest) => Promise<void>
