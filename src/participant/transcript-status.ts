import type { ParticipantClientConfig } from './participant-client.js'
import { callParticipant } from './participant-client.js'
import { parseAttachments, type ChatAttachment } from './parse-attachment-item.js'

interface TranscriptOutput {
  Transcript?: unknown[]
  NextToken?: string
}

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
    const out = await callParticipant<TranscriptOutput>(config, 'GetTranscript', input, signal)
    for (const item of out.Transcript ?? []) {
      const attachment = parseAttachments(item).find((a) => a.id === id)
      if (attachment) return attachment
    }
    nextToken = out.NextToken
    if (!nextToken) return null
  }
  return null
}
