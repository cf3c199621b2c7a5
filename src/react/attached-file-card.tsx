import { forwardRef, useEffect, useId, useMemo, useReducer, useState } from 'react'
import type { ComponentPropsWithRef, ForwardedRef, Ref } from 'react'
import { fileExtension } from '../core/file-types.js'
import { AttachmentLink, fileStatusText } from './attachment-link.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { cx, named, partClasses } from './class-names.js'
import type { RootProps } from './class-names.js'
import { useDeleteFileControl } from './delete-file-control.js'
import { FileTypeIcon } from './file-type-icon.js'
import { isolated, isolatedMessage } from './isolated.js'
import { fileDetailsText, fileKindOf, visibleName } from './message-text.js'
import { formatMessage } from './messages.js'
import { useAttachedFile } from './use-attached-file.js'
import type { UseAttachedFileOptions } from './use-attached-file.js'

// Each unit of a relative time, and how many of it make the next.
const relativeUnits = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const
const relativeSteps = [60, 60, 24, 7, 4.35, 12]

/**
 * `3 minutes ago`, kept current while it shows: again within ten seconds while under a minute
 * old, then when the minute or the hour it shows turns (not a whole unit after each render, which
 * left "1 hour ago" up to an hour past two hours). The server's and the browser's clocks differ
 * by the time between them, so hydration may replace the text.
 */
function RelativeTime({ at, now = Date.now }: { at: number; now?: (() => number) | undefined }) {
  const { locale } = useAttachmentsContext()
  const [, tick] = useReducer((count: number) => count + 1, 0)
  // The locale's formats, made as the time first shows and again only for another locale. Here
  // rather than in the formatters every component gets: only a card shows a time, and a chat
  // widget has no card.
  const [date, relative] = useMemo(
    () =>
      [
        new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
        new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
      ] as const,
    [locale],
  )
  const current = now()
  const age = Math.abs(current - at)
  useEffect(() => {
    const unit = age < 60_000 ? 10_000 : age < 3_600_000 ? 60_000 : 3_600_000
    const timer = setTimeout(tick, unit - (age % unit) + 1)
    return () => clearTimeout(timer)
  })
  let value = (at - current) / 1000
  let step = 0
  while (step < 6 && Math.abs(value) >= relativeSteps[step]!) value /= relativeSteps[step++]!
  return (
    <time dateTime={new Date(at).toISOString()} title={date.format(at)} suppressHydrationWarning>
      {relative.format(Math.round(value), relativeUnits[step]!)}
    </time>
  )
}

/** The props of {@link AttachedFileCard} that are its own, not its root's. */
interface CardProps {
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
 * Props of {@link AttachedFileCard}: its own, and the DOM props of its root (an `<article>`,
 * and once the file is deleted the `<div>` saying so).
 */
export type AttachedFileCardProps = RootProps<'article', CardProps>

/**
 * A Cases or Email attached file: name, size, type, scan status badge, when and by whom it was
 * added, a download link, and delete behind a confirmation step where the adapter can delete.
 * Once deleted it says so in its place, focused (so keyboard users keep their place, and a
 * screen reader reads it once), and asks the service nothing more.
 */
export const AttachedFileCard = named(forwardRef(Card), 'AttachedFileCard')

// One function for every render, so React calls it only as the element mounts (and unmounts).
const focusOnMount = (element: HTMLElement | null) => element?.focus()

function Card(props: AttachedFileCardProps, ref: ForwardedRef<HTMLElement>) {
  // The host's DOM props and ref, on whichever root shows (a div is an HTMLElement too).
  const {
    fileId,
    name,
    createdAt,
    createdBy,
    allowDelete,
    onDeleted,
    fileOptions,
    classNames,
    ...dom
  } = props
  const root = {
    ...dom,
    ref: ref as Ref<HTMLDivElement>,
    className: cx('ca ca-attached-file-card', dom.className),
  }
  const context = useAttachmentsContext()
  const [deleted, setDeleted] = useState<string | null>(null)
  if (deleted === null) return <CardBody {...props} root={root} onGone={setDeleted} />
  return (
    <div {...root} data-status="deleted">
      {/* Focused as it mounts, and so read once: not a live region too, which would say it twice. */}
      <p ref={focusOnMount} tabIndex={-1}>
        {isolatedMessage(context, context.messages.fileDeleted, { name: deleted })}
      </p>
    </div>
  )
}

function CardBody(
  props: CardProps & { root: ComponentPropsWithRef<'div'>; onGone(name: string): void },
) {
  const {
    fileId,
    createdBy,
    allowDelete = true,
    fileOptions = {},
    classNames,
    onDeleted,
    onGone,
  } = props
  const part = partClasses('attached-file-card', classNames)
  const context = useAttachmentsContext()
  const { messages, format } = context
  const file = useAttachedFile(fileId, fileOptions)
  const id = useId()
  const name = props.name || file.name || formatMessage(messages.unnamedFile, {}, format)
  const createdAt = props.createdAt ?? file.createdAt
  const status = file.status === 'ready' ? 'approved' : file.status
  const deleteControl = useDeleteFileControl(context, fileId, name, id, allowDelete, () => {
    onGone(name)
    onDeleted?.({ fileId })
  })
  return (
    <article aria-labelledby={`${id}-name`} {...props.root} data-status={status}>
      <FileTypeIcon className={part('icon')} kind={fileKindOf(name)} />
      {/* Cut with an ellipsis beside the badge: the title shows it whole. */}
      <bdi id={`${id}-name`} className={part('name')} title={name}>
        {visibleName(name)}
      </bdi>
      <span className={part('badge')} data-status={status}>
        {isolated(context, (marked) => fileStatusText(file, name, marked))}
      </span>
      <span className={part('details')}>
        {(file.size !== undefined || fileExtension(name)) && (
          <span>{isolated(context, (marked) => fileDetailsText(name, file.size, marked))}</span>
        )}
        {createdAt !== undefined && <RelativeTime at={createdAt} now={fileOptions.now} />}
        {createdBy && (
          <span>{isolatedMessage(context, messages.createdBy, { name: createdBy })}</span>
        )}
      </span>
      <span className={part('actions')}>
        {file.status === 'ready' && (
          <AttachmentLink fileId={fileId} name={name} fileOptions={fileOptions}>
            {isolatedMessage(context, messages.downloadAction, {})}
          </AttachmentLink>
        )}
        {deleteControl}
      </span>
    </article>
  )
}
