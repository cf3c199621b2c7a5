import { forwardRef, useEffect, useRef, useState } from 'react'
import type { ForwardedRef, MouseEvent, ReactNode } from 'react'
import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import { isRetryable } from '../core/errors.js'
import type { AttachmentError } from '../core/errors.js'
import type { RemoteFileStatus } from '../core/types.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { bothRefs, cx, named, partClasses } from './class-names.js'
import type { RootProps } from './class-names.js'
import { isolated } from './isolated.js'
import { errorText, visibleName } from './message-text.js'
import type { MessageContext } from './message-text.js'
import { formatMessage } from './messages.js'
import { useAttachedFile } from './use-attached-file.js'
import type { AttachedFileResult, UseAttachedFileOptions } from './use-attached-file.js'
import { useOnScreen } from './use-on-screen.js'

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

/** The props of {@link AttachmentLink} that are its own, not its root's. */
interface LinkProps {
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
  classNames?: { link?: string; name?: string; status?: string; retry?: string }
}

/** Props of {@link AttachmentLink}: its own, and the DOM props of its root `<span>`. */
export type AttachmentLinkProps = RootProps<'span', LinkProps>

/**
 * The text of a file's state when it has no link: its status, or its error in words
 * (`useAttachedFile` gives an error only with the status `error`). A transcript's attachment
 * not yet approved is said by its status from the chat, in the same words.
 */
export function fileStatusText(
  file: { status: AttachedFileResult['status'] | RemoteFileStatus; error?: AttachmentError },
  name: string,
  context: MessageContext,
): string {
  const { status, error } = file
  return error
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
  text: ReactNode,
) => (
  <span className={part('status')}>
    {/* Cut with an ellipsis when long: the title shows it whole. */}
    <bdi className={part('name')} title={name}>
      {visibleName(name)}
    </bdi>{' '}
    <span>{text}</span>
  </span>
)

// A GetAttachment answers in well under a second; one still running after 5 s hangs, and the
// link says so and offers a retry. 5 s is also how long Chromium and Firefox keep a click's user
// activation (the HTML standard's transient activation duration): past it a new tab opened for
// the click would be blocked, so a fresh URL that comes later is not followed by itself.
const SLOW_MS = 5_000

/**
 * A download link to a stored file (a chat attachment, a case's attached file). While the file
 * is loading, being scanned, rejected, failed or unavailable it is text saying so, in the same
 * place; once ready it is a link whose `href` only ever holds a safe URL. The file is asked for
 * only while the link is on screen; its URL is asked for again on intent (pointer, focus, touch)
 * and checked on click, so an expired link is never followed. A request that fails or hangs is
 * said, with a retry.
 */
export const AttachmentLink = named(forwardRef(Link), 'AttachmentLink')

function Link(props: AttachmentLinkProps, ref: ForwardedRef<HTMLSpanElement>) {
  const { fileId, name: given, children, target, fileOptions = {}, ...rest } = props
  const { className, classNames, ...dom } = rest
  const part = partClasses('attachment-link', classNames)
  const context = useAttachmentsContext()
  const { messages, format } = context
  const root = useRef<HTMLSpanElement>(null)
  const onScreen = useOnScreen(root)
  const file = useAttachedFile(fileId, {
    ...fileOptions,
    enabled: onScreen && fileOptions.enabled !== false,
    refreshOnMount: false,
  })
  const { status, url } = file
  const name = given || file.name || formatMessage(messages.unnamedFile, {}, format)
  // A click waiting for a fresh URL, from when it (or a retry) was made; the click the link then
  // makes itself goes through.
  const [busy, setBusy] = useState(false)
  const clicked = useRef(0)
  const following = useRef(false)
  const waiting = busy || (status === 'loading' && file.isFetching)
  // Past SLOW_MS it says the connection stopped responding (the `timeout` error's words).
  const [slow, setSlow] = useState(false)
  const hung = () => formatMessage(messages.errors.timeout, { name }, format)
  useEffect(() => {
    setSlow(false)
    if (!waiting) return
    const timer = setTimeout(() => setSlow(true), SLOW_MS)
    return () => clearTimeout(timer)
  }, [waiting])

  // A stale URL is not followed: the click waits for a fresh one, then goes on with it while the
  // click's user activation lasts, so a new tab is still allowed (rather than a blank tab opened
  // at once, which a download would leave behind, and whose `noopener` would hide it from us).
  // A click that asked for a tab of its own (the middle button, which fires auxclick and no
  // click; Ctrl, Cmd or Shift) gets one. A second click meanwhile (a double-click) only waits.
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (following.current) return void (following.current = false)
    if (!clicked.current && !file.isStale()) return
    event.preventDefault()
    if (clicked.current) return
    clicked.current = Date.now()
    setBusy(true)
    const link = event.currentTarget
    const ownTab = event.button || event.ctrlKey || event.metaKey || event.shiftKey
    file
      .getFreshUrl()
      // A URL whose refresh failed is still good until it expires; then the error shows.
      .catch(() => (file.expiresAt! > (fileOptions.now ?? Date.now)() ? url : ''))
      .then((fresh) => {
        const late = Date.now() - clicked.current >= SLOW_MS
        clicked.current = 0
        setBusy(false)
        if (!fresh || !link.isConnected) return
        link.href = fresh
        if (late) return
        if (ownTab) {
          window.open(fresh, '_blank', 'noopener,noreferrer')
        } else {
          following.current = true
          link.click()
        }
      })
  }
  // Pointing at, focusing or touching a link whose URL went stale fetches a new one before the
  // click (getFreshUrl asks only when the one at hand is stale).
  const prefetch = () => void file.getFreshUrl().catch(() => {})
  const retry = () => {
    // The retry is a click too: a waiting click may go on once the answer comes.
    if (clicked.current) clicked.current = Date.now()
    void file.refresh()
  }

  return (
    <span
      {...dom}
      ref={bothRefs(root, ref)}
      className={cx('ca ca-attachment-link', className)}
      data-status={busy ? 'refreshing' : status}
      aria-busy={busy || status === 'loading' || status === 'processing' || undefined}
    >
      {/* A ready file always has its URL: the hook checked it. */}
      {status === 'ready' ? (
        <a
          className={part('link')}
          href={url}
          download={name}
          target={target ?? '_blank'}
          rel="noopener noreferrer"
          aria-label={formatMessage(messages.downloadFile, { name }, format)}
          onClick={onClick}
          onAuxClick={(event) => event.button === 1 && onClick(event)}
          onFocus={prefetch}
          onPointerEnter={prefetch}
          onTouchStart={prefetch}
        >
          {typeof children === 'function'
            ? children({ name, size: file.size, type: file.type, url: url! })
            : (children ?? (
                <bdi className={part('name')} title={name}>
                  {visibleName(name)}
                </bdi>
              ))}
        </a>
      ) : (
        statusLine(
          part,
          name,
          slow ? hung() : isolated(context, (marked) => fileStatusText(file, name, marked)),
        )
      )}
      {busy && (
        <span className={part('status')} role="status">
          {slow ? hung() : formatMessage(messages.fileStatus.loading, {}, format)}
        </span>
      )}
      {/* A hung request, or a failure that may pass (only an `error` status carries one). */}
      {(slow || isRetryable(file.error)) && (
        <button
          type="button"
          className={part('retry')}
          aria-label={formatMessage(messages.retryFile, { name }, format)}
          onClick={retry}
        >
          {formatMessage(messages.retryAction, {}, format)}
        </button>
      )}
    </span>
  )
}
