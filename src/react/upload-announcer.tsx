import { useEffect, useState } from 'react'
import type { UploadManager } from '../core/upload-manager.js'
import { uploadMilestones } from '../core/upload-milestones.js'
import type { UploadMilestone } from '../core/upload-milestones.js'
import type { UploadRules } from '../core/types.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { errorText } from './message-text.js'
import type { MessageContext } from './message-text.js'
import { formatMessage } from './messages.js'

/** The words for one milestone, in the provider's language. */
export function milestoneText(
  milestone: UploadMilestone,
  rules: UploadRules,
  context: MessageContext,
  now: number = Date.now(),
): string {
  const { messages, format } = context
  switch (milestone.type) {
    case 'added': {
      const [first] = milestone.uploads
      const values = { count: milestone.uploads.length, name: first?.name ?? '' }
      return formatMessage(messages.announceAdded, values, format)
    }
    case 'succeeded':
      return formatMessage(messages.announceFinished, { name: milestone.upload.name }, format)
    case 'failed': {
      const { name, error } = milestone.upload
      const reason = errorText(error.code, name, rules, context)
      return formatMessage(messages.announceFailed, { name, reason }, format)
    }
    case 'retrying': {
      const seconds = format.seconds(milestone.retryAt - now)
      return formatMessage(
        messages.announceRetrying,
        { name: milestone.upload.name, seconds },
        format,
      )
    }
    case 'canceled':
      return formatMessage(messages.announceCanceled, { name: milestone.upload.name }, format)
  }
}

/** Props of {@link UploadAnnouncer}. */
export interface UploadAnnouncerProps {
  manager: UploadManager
  className?: string
}

/**
 * The one polite live region of a list of uploads. It listens to the manager outside render
 * and speaks milestones only (added, finished, failed with its reason, retrying, canceled),
 * each once; never a percentage. Each announcement is a new element, so saying the same words
 * twice (two files of one name) is heard twice; milestones of one moment are one paragraph each. Present and empty from the first render: a
 * region inserted together with its text is not announced by most screen readers.
 */
export function UploadAnnouncer({ manager, className }: UploadAnnouncerProps) {
  const { messages, format } = useAttachmentsContext()
  const [said, setSaid] = useState<{ key: number; texts: string[] } | undefined>(undefined)
  useEffect(() => {
    let previous = manager.getSnapshot()
    return manager.subscribe(() => {
      const next = manager.getSnapshot()
      const milestones = uploadMilestones(previous, next)
      previous = next
      if (milestones.length === 0) return
      const rules = manager.getRules()
      const texts = milestones.map((milestone) =>
        milestoneText(milestone, rules, { messages, format }),
      )
      setSaid((last) => ({ key: (last?.key ?? 0) + 1, texts }))
    })
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
