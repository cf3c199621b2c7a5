import type { ParticipantClientConfig } from './participant-client.js'
import { callParticipant, expectField, optional } from './participant-client.js'
import { parseAttachments, type ChatAttachment } from './parse-attachment-item.js'

// Enough for a chat's 35 attachments among a long conversation; each page is 100 items.
const MAX_PAGES = 10

/**
 * Finds an attachment's latest status in the chat transcript (GetTranscript, newest first), for
 * files GetAttachment will not hand out yet. `null` when the transcript does not mention it.
 */
export async function findAttachmentStatus(
  config: ParticipantClientConfig,
  id: string,
  signal?: AbortSignal,
): Promise<ChatAttachment | null> {
  let nextToken: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    // JSON.stringify leaves NextToken out while it is undefined (the first page).
    const input = { MaxResults: 100, SortOrder: 'DESCENDING', NextToken: nextToken }
    const out = await callParticipant(config, 'GetTranscript', input, signal)
    const items = expectField(
      'GetTranscript',
      'Transcript',
      out.Transcript,
      optional(Array.isArray),
    )
    for (const item of (items ?? []) as unknown[]) {
      const attachment = parseAttachments(item).find((a) => a.id === id)
      if (attachment) return attachment
    }
    nextToken = typeof out.NextToken === 'string' ? out.NextToken : undefined
    if (!nextToken) return null
  }
  return null
}
