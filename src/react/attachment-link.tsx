import { useRef } from 'react'
import type { MouseEvent, ReactNode } from 'react'
import { resolveDownloadTiming } from '../core/download-url.js'
import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { cx, partClasses } from './class-names.js'
import { errorText, visibleName } from './message-text.js'
import type { MessageContext } from './message-text.js'
import { formatMessage } from './messages.js'
import { useAttachedFile } from './use-attached-file.js'
import type { AttachedFileResult, UseAttachedFileOptions } from './use-attached-file.js'

/** What the content render prop of {@link AttachmentLink} gets: the file, ready to download. */
export interface AttachmentLinkContent {
  /** The file's name: the `name` prop, else the adapter's, else the unnamed-file message. */
  name: string
  size?: number
  /** The MIME type, from the name's extension. */
  type?: string
  /** The download URL in the `href` (`https:`, or `http:` on loopback). */
  url: string
}

/** Props of {@link AttachmentLink}. */
export interface AttachmentLinkProps {
  /** The stored file's id: a chat AttachmentId or an attached file's FileId. */
  fileId: string
  /** The file's name where the host knows it (a chat item's AttachmentName); the adapter's otherwise. */
  name?: string
  /**
   * Content of the link when it is ready. The link's accessible name stays the `downloadFile`
   * message ("Download {name}"): visible words should be part of it (WCAG 2.5.3), such as
   * "Download" or the name. @default the file name
   */
  children?: ReactNode | ((content: AttachmentLinkContent) => ReactNode)
  /** Where the link opens; a same-tab download would leave a chat widget. @default '_blank' */
  target?: string
  /** Timing of URL refreshes and scan polls, and the clock (see `useAttachedFile`). */
  fileOptions?: UseAttachedFileOptions
  /** Class of the root element, after `ca ca-attachment-link`. */
  className?: string
  /** Classes of the parts. */
  classNames?: { link?: string; name?: string; status?: string }
}

/** The text of a file's state when it has no link: its status, or its error in words. */
export function fileStatusText(
  file: Pick<AttachedFileResult, 'status' | 'error'>,
  name: string,
  context: MessageContext,
): string {
  const { status, error } = file
  return error && status === 'error'
    ? errorText(error.code, name, CONNECT_DEFAULT_LIMITS, context)
    : formatMessage(
        context.messages.fileStatus[status === 'ready' ? 'approved' : status],
        {},
        context.format,
      )
}

/** A file's name and its state in words, where it has no link (`<part>__status`). */
export const statusLine = (
  part: (name: 'name' | 'status') => string,
  name: string,
  text: string,
) => (
  <span className={part('status')}>
    {/* Cut with an ellipsis when long: the title shows it whole. */}
    <bdi className={part('name')} title={name}>
      {visibleName(name)}
    </bdi>{' '}
    <span>{text}</span>
  </span>
)

/**
 * A download link to a stored file (a chat attachment, a case's attached file). While the file
 * is loading, being scanned, rejected, failed or unavailable it is text saying so, in the same
 * place; once ready it is a link whose `href` only ever holds a safe URL, refreshed before it
 * expires and checked again on click, so an expired link is never followed.
 */
export function AttachmentLink(props: AttachmentLinkProps) {
  const { children, fileOptions = {} } = props
  const part = partClasses('attachment-link', props.classNames)
  const context = useAttachmentsContext()
  const { messages, format } = context
  const file = useAttachedFile(props.fileId, fileOptions)
  const { status, url } = file
  const name = props.name || file.name || formatMessage(messages.unnamedFile, {}, format)
  // Between a click on a stale URL and the fresh one: `fetching` while GetAttachment runs (a
  // double-click's second click is swallowed, or the file would open twice), then `following`
  // for the click that goes on with it.
  const pending = useRef<'fetching' | 'following'>(undefined)
  const { marginMs } = resolveDownloadTiming(fileOptions)
  const now = fileOptions.now ?? Date.now
  const stale = () => file.expiresAt === undefined || file.expiresAt - now() < marginMs

  // A URL within its margin is not followed: the click waits for a fresh one, then goes on with
  // it. The browser keeps the click's user activation for some seconds (5 s in Chromium), long
  // enough for one GetAttachment, so a new tab is still allowed. A click that asked for a tab of
  // its own (the middle button, which fires auxclick and no click; Ctrl, Cmd or Shift) gets one.
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (pending.current === 'following') pending.current = undefined
    else if (pending.current) event.preventDefault()
    else if (stale()) {
      event.preventDefault()
      pending.current = 'fetching'
      const link = event.currentTarget
      const { button, ctrlKey, metaKey, shiftKey } = event
      file
        .getFreshUrl()
        // A URL whose refresh failed is still good until it expires; then the query's error shows.
        .catch(() => (file.expiresAt! > now() ? url : ''))
        .then((fresh) => {
          pending.current = undefined
          if (!fresh || !link.isConnected) return
          link.href = fresh
          if (button || ctrlKey || metaKey || shiftKey) {
            window.open(fresh, '_blank', 'noopener,noreferrer')
          } else {
            pending.current = 'following'
            link.click()
          }
        })
    }
  }
  // Hovering or focusing a link whose URL went stale (a laptop woken from sleep) fetches a new
  // one before the click.
  const prefetch = () => void (stale() && file.getFreshUrl().catch(() => {}))

  return (
    <span
      className={cx('ca ca-attachment-link', props.className)}
      data-status={status}
      aria-busy={status === 'loading' || status === 'processing' || undefined}
    >
      {status === 'ready' && url !== undefined ? (
        <a
          className={part('link')}
          href={url}
          download={name}
          target={props.target ?? '_blank'}
          rel="noopener noreferrer"
          aria-label={formatMessage(messages.downloadFile, { name }, format)}
          onClick={onClick}
          onAuxClick={(event) => event.button === 1 && onClick(event)}
          onFocus={prefetch}
          onPointerEnter={prefetch}
        >
          {typeof children === 'function'
            ? children({ name, size: file.size, type: file.type, url })
            : (children ?? (
                <bdi className={part('name')} title={name}>
                  {visibleName(name)}
                </bdi>
              ))}
        </a>
      ) : (
        statusLine(part, name, fileStatusText(file, name, context))
      )}
    </span>
  )
}
