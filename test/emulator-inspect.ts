// What a browser test reads back from the emulator after an upload: the stored objects and the
// chat's transcript, and the bytes to compare them with. fetch and Web Crypto only, so it runs in
// a page.

/** A stored object as `GET /_emulator/objects` lists it. */
export interface StoredObjectInfo {
  key: string
  size: number
  contentType: string
  sha256: string
}

/** One attachment as the chat's transcript shows it. */
export interface TranscriptAttachment {
  AttachmentId: string
  AttachmentName: string
}

/** Lowercase hex SHA-256 of `bytes`, to compare with what the emulator stored. */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** `size` random bytes: a shifted, truncated or repeated body changes their hash. */
export function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  // getRandomValues fills at most 65,536 bytes per call (Web Crypto's QuotaExceededError limit).
  for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536))
  return bytes
}

/** The object the emulator stored for a chat attachment (its key holds the attachment id). */
export async function storedObjectOf(
  emulator: string,
  attachmentId: string,
): Promise<StoredObjectInfo | undefined> {
  const response = await fetch(`${emulator}/_emulator/objects`)
  const objects = (await response.json()) as StoredObjectInfo[]
  return objects.find((object) => object.key.includes(`/${attachmentId}/`))
}

/** The chat's transcript items, oldest first, as a widget loads them with GetTranscript. */
async function transcriptOf(emulator: string, connectionToken: string) {
  const response = await fetch(`${emulator}/participant/transcript`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-bearer': connectionToken },
    body: JSON.stringify({ SortOrder: 'ASCENDING' }),
  })
  const { Transcript } = (await response.json()) as {
    Transcript: { Type?: string; Attachments?: TranscriptAttachment[] }[]
  }
  return Transcript
}

/** The attachments in a chat's transcript, as the agent sees them. */
export async function transcriptAttachmentsOf(
  emulator: string,
  connectionToken: string,
): Promise<TranscriptAttachment[]> {
  const items = await transcriptOf(emulator, connectionToken)
  return items.flatMap((item) => item.Attachments ?? [])
}

/** The chat's ATTACHMENT transcript items, oldest first, as `parseAttachmentItem` takes them. */
export async function transcriptAttachmentItems(
  emulator: string,
  connectionToken: string,
): Promise<unknown[]> {
  const items = await transcriptOf(emulator, connectionToken)
  return items.filter((item) => item.Type === 'ATTACHMENT')
}
