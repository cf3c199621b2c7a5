import { useId, useRef } from 'react'
import type { ReactNode } from 'react'
import { useAttachmentsContext } from './attachments-provider.js'
import { cx, partClasses } from './class-names.js'
import { isolated, isolatedMessage } from './isolated.js'
import { addedFrom } from './use-kept-focus.js'
import { limitsText, localizeRejection } from './message-text.js'
import type { LocalizedRejection } from './message-text.js'
import { formatMessage } from './messages.js'
import type { UploadSourceProps } from './upload-source.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'

/** The props the dropzone and the button share. */
interface AttachmentInputProps extends UploadSourceProps {
  controller: AttachmentUploadController
  disabled?: boolean
  maxRejections?: number
  showRejections?: boolean
  className?: string
  classNames?: Partial<Record<string, string>>
}

/**
 * What `AttachmentDropzone` and `AttachmentButton` share: the class of each part, `add` for the
 * files they take, the file input's `accept`, the props of their real button (described by the
 * limits, and where focus returns once the rejections are dismissed), the limits as a hint, and
 * a root (`ca ca-<block>`, `data-disabled`) that lists the controller's rejections after its
 * content.
 */
export function useAttachmentInput(block: string, buttonPart: string, props: AttachmentInputProps) {
  const { controller, disabled = false, showRejections = true } = props
  const context = useAttachmentsContext()
  const limitsId = useId()
  const button = useRef<HTMLButtonElement>(null)
  const part = partClasses(block, props.classNames)
  const { rules } = controller
  return {
    part,
    context,
    disabled,
    add(files: File[]) {
      // Where focus returns once the list has no file left.
      if (button.current) addedFrom.set(controller.manager, button.current)
      controller.add(files)
    },
    accept: rules.allowedExtensions.join(','),
    button: {
      ref: button,
      type: 'button',
      className: part(buttonPart),
      'aria-describedby': limitsId,
      disabled,
    } as const,
    limits: (hidden?: boolean) => (
      <span id={limitsId} className={part('limits')} hidden={hidden}>
        {isolated(context, (marked) => limitsText(rules, marked))}
      </span>
    ),
    root: (content: ReactNode, dragging?: boolean) => (
      <div
        className={cx(`ca ca-${block}`, props.className)}
        data-dragging={dragging || undefined}
        data-disabled={disabled || undefined}
      >
        {content}
        {showRejections && (
          <RejectionList
            controller={controller}
            max={props.maxRejections}
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
  const { rejections, rules } = controller
  const context = useAttachmentsContext()
  const { messages, format } = context
  const titleId = useId()
  const count = rejections.length
  const part = partClasses('rejection-list', undefined)
  // Files refused for the same words (those past the count limit) share one line and a count.
  const reasons = new Map<string, { rejection: LocalizedRejection; files: number }>()
  for (const rejection of rejections) {
    const text = rejection.reasons.join(' ')
    const same = reasons.get(text)
    if (same) same.files += 1
    else reasons.set(text, { rejection, files: 1 })
  }
  const shown = [...reasons].slice(0, max)
  const rest = shown.reduce((left, [, { files }]) => left - files, count)
  return (
    <div className={cx('ca-rejection-list', props.className)} role="alert">
      {count > 0 && (
        <>
          <p id={titleId} className={part('title')}>
            {isolatedMessage(context, messages.rejectionsTitle, { count })}
          </p>
          <ul aria-labelledby={titleId} className={part('items')}>
            {shown.map(([text, { rejection, files }]) => (
              <li key={text} className={part('item')}>
                {/* The words of the reasons, each figure and name in a <bdi>. */}
                {isolated(context, (marked) => {
                  const words = localizeRejection(rejection, rules, marked).reasons.join(' ')
                  if (files === 1) return words
                  const shared = { count: files }
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
