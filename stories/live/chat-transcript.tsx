// A chat's transcript as both recipes show it: the history GetTranscript returns, then every item
// the session's websocket delivers. An ATTACHMENT item is pushed again when its scan ends, under
// the same Id, so items are kept by Id and replaced.
import { useEffect, useRef, useState } from 'react'
import { parseAttachments } from '../../src/participant/index.js'
import { AttachmentMessage } from '../../src/react/index.js'
import type { ChatJsSession, TranscriptItem } from './chatjs-session.js'

/** The transcript of `session`, oldest first. */
function useTranscript(session: ChatJsSession): TranscriptItem[] {
  const [items, setItems] = useState<ReadonlyMap<string, TranscriptItem>>(new Map())
  useEffect(() => {
    let live = true
    const keep = (list: TranscriptItem[]) => {
      if (!live) return
      setItems((previous) => {
        const next = new Map(previous)
        for (const item of list)
          if (item.Type === 'MESSAGE' || item.Type === 'ATTACHMENT') next.set(item.Id, item)
        return next
      })
    }
    session.onMessage((event) => keep([event.data]))
    session
      .getTranscript({ scanDirection: 'BACKWARD', sortOrder: 'ASCENDING', maxResults: 100 })
      .then((response) => keep(response.data.Transcript ?? []))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [session])
  return [...items.values()].sort((a, b) =>
    String(a.AbsoluteTime).localeCompare(String(b.AbsoluteTime)),
  )
}

/** The transcript as a log, each item labeled with its sender; `self` is this side's role. */
export function ChatTranscript(props: { session: ChatJsSession; self: 'CUSTOMER' | 'AGENT' }) {
  const items = useTranscript(props.session)
  const end = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // Recent Chromium returns a promise here; an effect must return nothing but a cleanup.
    void end.current?.scrollIntoView?.({ block: 'nearest' })
  }, [items.length])
  return (
    <div className="recipe-transcript" aria-label="Conversation" role="log">
      <ol>
        {items.map((item) => {
          const mine = item.ParticipantRole === props.self
          const sender = mine ? 'You' : String(item.DisplayName ?? item.ParticipantRole)
          return (
            <li key={item.Id} className="recipe-bubble" data-mine={mine ? '' : undefined}>
              <span className="recipe-sender">{sender}</span>
              {item.Type === 'MESSAGE' ? (
                <p>{String(item.Content)}</p>
              ) : (
                parseAttachments(item).map((attachment) => (
                  <AttachmentMessage key={attachment.id} attachment={attachment} />
                ))
              )}
            </li>
          )
        })}
      </ol>
      <div ref={end} className="recipe-transcript-end" />
    </div>
  )
}
