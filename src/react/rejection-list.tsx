import { useId } from 'react'
import type { RefObject } from 'react'
import { useAttachmentsContext } from './attachments-provider.js'
import type { LocalizedRejection } from './message-text.js'
import { formatMessage } from './messages.js'
import { cx, partClasses } from './class-names.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'

/** The parts of {@link RejectionList} that take a class name. */
export type RejectionListPart = 'title' | 'items' | 'item' | 'more' | 'dismiss'

/** Props of {@link RejectionList}. */
export interface RejectionListProps {
  /** Whose `rejections` are listed; its `clearRejections` is what the dismiss button does. */
  controller: Pick<AttachmentUploadController, 'rejections' | 'clearRejections'>
  /** Where focus goes once the list is dismissed (the dismiss button goes away with it). */
  returnFocus?: RefObject<HTMLElement | null>
  /** Rejections listed one by one; the rest are counted in one line. @default 5 */
  max?: number
  /** Class names added to the root's `ca-rejection-list`. */
  className?: string
  /** Class names added to each part's `ca-rejection-list__<part>`. */
  classNames?: Partial<Record<RejectionListPart, string>>
}

/**
 * The files that were not added and why, as an alert: at most `max` reasons and a count of the
 * rest, so 10,000 rejected files render a handful of nodes. The alert element is always there
 * (empty while nothing was rejected) so that screen readers announce what appears in it.
 */
export function RejectionList(props: RejectionListProps) {
  const { controller, returnFocus, max = 5, className, classNames = {} } = props
  const rejections: readonly LocalizedRejection[] = controller.rejections
  const { messages, format } = useAttachmentsContext()
  const titleId = useId()
  const count = rejections.length
  const rest = count - Math.min(count, max)
  const part = partClasses<RejectionListPart>('rejection-list', classNames)
  return (
    <div className={cx('ca-rejection-list', className)} role="alert">
      {count > 0 && (
        <>
          <p id={titleId} className={part('title')}>
            {formatMessage(messages.rejectionsTitle, { count }, format)}
          </p>
          <ul aria-labelledby={titleId} className={part('items')}>
            {rejections.slice(0, max).map((rejection, index) => (
              <li key={index} className={part('item')}>
                {rejection.reasons.join(' ')}
              </li>
            ))}
          </ul>
          {rest > 0 && (
            <p className={part('more')}>
              {formatMessage(messages.rejectionsMore, { count: rest }, format)}
            </p>
          )}
          <button
            type="button"
            className={part('dismiss')}
            onClick={() => {
              controller.clearRejections()
              returnFocus?.current?.focus()
            }}
          >
            {formatMessage(messages.dismissRejections, {}, format)}
          </button>
        </>
      )}
    </div>
  )
}
