import { useEffect, useState } from 'react'
import type { UploadManager } from '../core/upload-manager.js'
import { uploadMilestones } from '../core/upload-milestones.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { errorText } from './message-text.js'
import { formatMessage } from './messages.js'
import type { Message } from './messages.js'

const announcements = {
  added: 'announceAdded',
  succeeded: 'announceFinished',
  failed: 'announceFailed',
  retrying: 'announceRetrying',
  canceled: 'announceCanceled',
  offline: 'uploadOffline',
} as const

// The announcers of each manager in the order they mounted: only the first speaks, so that two
// lists of one manager on a page do not say everything twice; the next speaks once it goes.
const voices = new WeakMap<UploadManager, Set<object>>()

/**
 * The one polite live region of a list of uploads. It listens to the manager outside render
 * and speaks milestones only (added, finished, failed with its reason, retrying, canceled),
 * each once; never a percentage. Each announcement is a new element, so saying the same words
 * twice (two files of one name) is heard twice; milestones of one moment are one paragraph each.
 * Present and empty from the first render: a region inserted together with its text is not
 * announced by most screen readers. Of several lists of one manager, the first speaks.
 */
export function UploadAnnouncer({
  manager,
  className,
}: {
  manager: UploadManager
  className: string
}) {
  const { messages, format } = useAttachmentsContext()
  const [said, setSaid] = useState<{ key: number; texts: string[] } | undefined>(undefined)
  useEffect(() => {
    const turn = {}
    const queue = voices.get(manager) ?? new Set()
    voices.set(manager, queue.add(turn))
    let previous = manager.getSnapshot()
    const unsubscribe = manager.subscribe(() => {
      const next = manager.getSnapshot()
      const milestones = uploadMilestones(previous, next)
      previous = next
      if (milestones.length === 0 || [...queue][0] !== turn) return
      // The words for each milestone. Each message reads the values it names, all taken from
      // the milestone's upload as its error and its wait are: a count of the files added, the
      // reason of a failure, the time until a retry.
      const texts = milestones.map((milestone) => {
        const uploads = milestone.type === 'added' ? milestone.uploads : [milestone.upload]
        const upload = uploads[0]
        const name = upload?.name ?? ''
        const values = {
          name,
          count: uploads.length,
          reason: upload?.error
            ? errorText(upload.error.code, name, manager.getRules(), { messages, format })
            : '',
          seconds: upload?.retryAt ? format.seconds(upload.retryAt - Date.now()) : '',
        }
        return formatMessage(
          messages[announcements[milestone.type]] as Message<typeof values>,
          values,
          format,
        )
      })
      setSaid((last) => ({ key: (last?.key ?? 0) + 1, texts }))
    })
    return () => {
      queue.delete(turn)
      unsubscribe()
    }
  }, [manager, messages, format])
  return (
    <div role="status" aria-live="polite" aria-atomic="false" className={className}>
      {said && (
        <div key={said.key}>
          {said.texts.map((text, index) => (
            <p key={index}>{text}</p>
          ))}
        </div>
      )}
    </div>
  )
}
