import { useId, useRef } from 'react'
import type { ForwardedRef, HTMLAttributes, ReactNode } from 'react'
import { useAttachmentsContext } from './attachments-provider.js'
import { cx, partClasses } from './class-names.js'
import { isolated, isolatedMessage } from './isolated.js'
import { addedFrom } from './use-kept-focus.js'
import { localizeRejection } from './message-text.js'
import type { LocalizedRejection } from './message-text.js'
import { formatMessage } from './messages.js'
import { rejectedOf } from './use-attachment-upload.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'
import { useAttachmentDropzone } from './use-attachment-dropzone.js'
import type { UseAttachmentDropzoneOptions } from './use-attachment-dropzone.js'

/** The props the dropzone and the button share, and the DOM props of their root. */
interface AttachmentInputProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>, UseAttachmentDropzoneOptions {
  maxRejections?: number
  classNames?: Partial<Record<string, string>>
  /** The component's own content, rendered by the component (the root's is its `content`). */
  children?: unknown
}

/**
 * What `AttachmentDropzone` and `AttachmentButton` share: the dropzone hook their files go
 * through (drops, picks and pastes alike, listing the controller's rejections unless
 * `showRejections` is false; `drops` false for a control with no drop area), the class of
 * each part, the ref of their real button (where focus returns once the rejections are
 * dismissed), and a root (`ca ca-<block>`, `data-dragging` while files are over the drop area,
 * which the button has none of, `data-disabled`, the host's DOM props and ref) that lists the
 * rejections after its content.
 */
export function useAttachmentInput(
  block: string,
  props: AttachmentInputProps,
  ref: ForwardedRef<HTMLDivElement>,
  drops?: boolean,
) {
  // What is not the root's; the rest is spread on it.
  const { controller, manager, pasteTarget, disabled, showRejections = true, ...own } = props
  const { maxRejections, className, classNames, ...rest } = own
  const zone = useAttachmentDropzone({
    ...props,
    showRejections,
    drops,
  } as UseAttachmentDropzoneOptions)
  const button = useRef<HTMLButtonElement>(null)
  const part = partClasses(block, classNames)
  const remember = () => {
    if (button.current) addedFrom.set(zone.controller.manager, button.current)
  }
  return {
    zone,
    part,
    button,
    root: (content: ReactNode) => (
      <div
        {...rest}
        ref={ref}
        className={cx(`ca ca-${block}`, className)}
        data-dragging={zone.dragging || undefined}
        data-disabled={disabled || undefined}
        // Where focus returns once the list has no file left: the control the files came through.
        onChangeCapture={remember}
        onDropCapture={remember}
      >
        {content}
        {zone.showsRejections && (
          <RejectionList
            controller={zone.controller}
            max={maxRejections}
            className={part('rejections')}
            returnFocus={button}
          />
        )}
      </div>
    ),
  }
}

/**
 * The files that were not added and why, as an alert: at most `max` reasons and a count of the
 * rest, so 10,000 rejected files render a handful of nodes. The alert element is always there
 * (empty while nothing was rejected) so that screen readers announce what appears in it.
 */
function RejectionList(props: {
  controller: AttachmentUploadController
  /** Where focus goes once the list is dismissed (the dismiss button goes away with it). */
  returnFocus: { current: HTMLElement | null }
  max: number | undefined
  className: string
}) {
  const { controller, returnFocus, max = 5 } = props
  const { rejections, manager } = controller
  // Words said with the rules the files were checked against, as the controller's are: the
  // rules in force now may have changed since.
  const rules = rejectedOf(manager).getSnapshot()?.rules
  const context = useAttachmentsContext()
  const { messages, format } = context
  const titleId = useId()
  const count = rejections.length
  const part = partClasses('rejection-list', undefined)
  // Files refused for the same words (those past the count limit) share one line and a count.
  const reasons = new Map<string, LocalizedRejection[]>()
  for (const rejection of rejections) {
    const text = rejection.reasons.join(' ')
    const same = reasons.get(text)
    if (same) same.push(rejection)
    else reasons.set(text, [rejection])
  }
  const shown = [...reasons].slice(0, max)
  const rest = shown.reduce((left, [, same]) => left - same.length, count)
  return (
    <div className={cx('ca-rejection-list', props.className)} role="alert">
      {count > 0 && (
        <>
          <p id={titleId} className={part('title')}>
            {isolatedMessage(context, messages.rejectionsTitle, { count })}
          </p>
          <ul aria-labelledby={titleId} className={part('items')}>
            {shown.map(([text, same]) => (
              <li key={text} className={part('item')}>
                {/* The words of the reasons, each figure and name in a <bdi>. */}
                {isolated(context, (marked) => {
                  const words = localizeRejection(same[0]!, rules!, marked).reasons.join(' ')
                  if (same.length === 1) return words
                  const shared = { count: same.length }
                  return `${words} ${formatMessage(messages.rejectionsShared, shared, marked.format)}`
                })}
              </li>
            ))}
          </ul>
          {rest > 0 && (
            <p className={part('more')}>
              {isolatedMessage(context, messages.rejectionsMore, { count: rest })}
            </p>
          )}
          <button
            type="button"
            className={part('dismiss')}
            onClick={() => {
              controller.clearRejections()
              returnFocus.current?.focus()
            }}
          >
            {formatMessage(messages.dismissRejections, {}, format)}
          </button>
        </>
      )}
    </div>
  )
}
