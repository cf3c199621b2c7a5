import { useEffect, useId, useReducer, useRef, useState } from 'react'
import { fileExtension } from '../core/file-types.js'
import { AttachmentLink, fileStatusText } from './attachment-link.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { cx, partClasses } from './class-names.js'
import { DeleteFileControl } from './delete-file-control.js'
import { FileTypeIcon } from './file-type-icon.js'
import { fileKindOf, visibleName } from './message-text.js'
import { formatMessage } from './messages.js'
import type { Message } from './messages.js'
import { useAttachedFile } from './use-attached-file.js'
import type { UseAttachedFileOptions } from './use-attached-file.js'

/**
 * `3 minutes ago`, kept current while it shows: again within ten seconds while under a minute
 * old, each minute while under an hour, then each hour. The server's and the browser's clocks
 * differ by the time between them, so hydration may replace the text.
 */
function RelativeTime({ at, now = Date.now }: { at: number; now?: (() => number) | undefined }) {
  const { format } = useAttachmentsContext()
  const [, tick] = useReducer((count: number) => count + 1, 0)
  const current = now()
  const age = Math.abs(current - at)
  useEffect(() => {
    const timer = setTimeout(tick, age < 60_000 ? 10_000 : age < 3_600_000 ? 60_000 : 3_600_000)
    return () => clearTimeout(timer)
  })
  return (
    <time
      dateTime={new Date(at).toISOString()}
      title={format.dateTime(at)}
      suppressHydrationWarning
    >
      {format.relativeTime(at, current)}
    </time>
  )
}

/** Props of {@link AttachedFileCard}. */
export interface AttachedFileCardProps {
  /** The attached file's FileId. */
  fileId: string
  /** The file's name where the host has it (a BatchGetAttachedFileMetadata listing). */
  name?: string
  /**
   * When the file was added, epoch ms. @default the service's `CreationTime`, where the adapter
   * reads it (the Cases adapter does); not shown when unknown
   */
  createdAt?: number
  /** Who added the file, as a person reads it (the host maps `CreatedBy` ARNs to names). */
  createdBy?: string
  /** Offer delete where the adapter can delete (hidden where it cannot). @default true */
  allowDelete?: boolean
  /** Called once the service deleted the file; the card then says so in its place. */
  onDeleted?(details: { fileId: string }): void
  /** Timing of URL refreshes and scan polls, and the clock (also the one relative times use). */
  fileOptions?: UseAttachedFileOptions
  /** Class of the root element, after `ca ca-attached-file-card`. */
  className?: string
  /** Classes of the parts. */
  classNames?: Partial<Record<'icon' | 'name' | 'details' | 'badge' | 'actions', string>>
}

/**
 * A Cases or Email attached file: name, size, type, scan status badge, when and by whom it was
 * added, a download link, and delete behind a confirmation step where the adapter can delete.
 * Once deleted it says so in its place (focused, so keyboard users keep their place) and asks
 * the service nothing more.
 */
export function AttachedFileCard(props: AttachedFileCardProps) {
  const { messages, format } = useAttachmentsContext()
  const [deleted, setDeleted] = useState<string | null>(null)
  const notice = useRef<HTMLParagraphElement>(null)
  useEffect(() => notice.current?.focus(), [deleted])
  if (deleted === null) return <CardBody {...props} onGone={setDeleted} />
  return (
    <div className={cx('ca ca-attached-file-card', props.className)} data-status="deleted">
      <p ref={notice} tabIndex={-1} role="status">
        {formatMessage(messages.fileDeleted, { name: deleted }, format)}
      </p>
    </div>
  )
}

function CardBody(props: AttachedFileCardProps & { onGone(name: string): void }) {
  const { fileId, createdBy, allowDelete = true, fileOptions = {} } = props
  const { className, classNames = {}, onDeleted, onGone } = props
  const part = partClasses('attached-file-card', classNames)
  const context = useAttachmentsContext()
  const { messages, format } = context
  const file = useAttachedFile(fileId, fileOptions)
  const id = useId()
  const say = <V extends object>(message: Message<V>, values: V) =>
    formatMessage(message, values, format)
  const name = props.name || file.name || say(messages.unnamedFile, {})
  const createdAt = props.createdAt ?? file.createdAt
  const status = file.status === 'ready' ? 'approved' : file.status
  const kind = fileExtension(name).slice(1, 6).toUpperCase()
  const size = file.size === undefined ? '' : format.bytes(file.size)
  const details = size && kind ? say(messages.fileDetails, { size, kind }) : size || kind
  return (
    <article
      className={cx('ca ca-attached-file-card', className)}
      data-status={status}
      aria-labelledby={`${id}-name`}
    >
      <FileTypeIcon className={part('icon')} kind={fileKindOf(name)} />
      {/* Cut with an ellipsis beside the badge: the title shows it whole. */}
      <bdi id={`${id}-name`} className={part('name')} title={name}>
        {visibleName(name)}
      </bdi>
      <span className={part('badge')} data-status={status}>
        {fileStatusText(file, name, context)}
      </span>
      <span className={part('details')}>
        {details && <span>{details}</span>}
        {createdAt !== undefined && <RelativeTime at={createdAt} now={fileOptions.now} />}
        {createdBy && <span>{say(messages.createdBy, { name: createdBy })}</span>}
      </span>
      <span className={part('actions')}>
        {file.status === 'ready' && (
          <AttachmentLink fileId={fileId} name={name} fileOptions={fileOptions}>
            {say(messages.downloadAction, {})}
          </AttachmentLink>
        )}
        {allowDelete && (
          <DeleteFileControl
            fileId={fileId}
            name={name}
            errorClassName="ca-attached-file-card__error"
            onDeleted={() => {
              onGone(name)
              onDeleted?.({ fileId })
            }}
          />
        )}
      </span>
    </article>
  )
}
