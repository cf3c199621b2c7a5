import { forwardRef, useRef, useState } from 'react'
import type { ForwardedRef } from 'react'
import { resolveFileType } from '../core/file-types.js'
import type { RemoteFileStatus } from '../core/types.js'
import { AttachmentLink, fileStatusText, statusLine } from './attachment-link.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { bothRefs, cx, named, partClasses } from './class-names.js'
import type { RootProps } from './class-names.js'
import { formatMessage } from './messages.js'
import { useAttachedFile } from './use-attached-file.js'
import type { UseAttachedFileOptions } from './use-attached-file.js'
import { useOnScreen } from './use-on-screen.js'
import { isDrawableType } from './use-thumbnail.js'

/**
 * A chat attachment as `parseAttachmentItem` (connect-attachments/participant) returns it from a
 * transcript or websocket `ATTACHMENT` item.
 */
export interface ChatAttachmentItem {
  /** The AttachmentId. */
  id: string
  name: string
  /** The MIME type the sender declared; may be empty. */
  contentType: string
  /** IN_PROGRESS reads `processing`, APPROVED `approved`, REJECTED `rejected`. */
  status: RemoteFileStatus
}

/** The props of {@link AttachmentMessage} that are its own, not its root's. */
interface MessageProps {
  /** The attachment of the transcript item. */
  attachment: ChatAttachmentItem
  /** Show an approved image inline. @default true */
  preview?: boolean
  /** The preview's box in CSS pixels; the image keeps its aspect ratio inside it. @default 240 × 180 */
  previewSize?: { width: number; height: number }
  /** Timing of URL refreshes and the clock (see `useAttachedFile`). */
  fileOptions?: UseAttachedFileOptions
  /** Class of the root element, after `ca ca-attachment-message`. */
  className?: string
  /** Classes of the parts. */
  classNames?: { preview?: string; name?: string; status?: string; link?: string }
}

/** Props of {@link AttachmentMessage}: its own, and the DOM props of its root `<div>`. */
export type AttachmentMessageProps = RootProps<'div', MessageProps>

/**
 * A chat transcript's attachment: the file name with its scan status while it is in progress
 * or once rejected, a download link once approved, and for an approved image a preview with
 * the file name as its text alternative. Asks the service nothing until it is approved and on
 * screen; the preview is only ever given a fresh URL.
 */
export const AttachmentMessage = named(forwardRef(Message), 'AttachmentMessage')

function Message(props: AttachmentMessageProps, ref: ForwardedRef<HTMLDivElement>) {
  const { attachment, preview, previewSize, fileOptions, classNames = {}, ...dom } = props
  const context = useAttachmentsContext()
  const { messages, format } = context
  const { id, status } = attachment
  const name = attachment.name || formatMessage(messages.unnamedFile, {}, format)
  const approved = status === 'approved'
  const root = useRef<HTMLDivElement>(null)
  const onScreen = useOnScreen(root)
  return (
    <div
      {...dom}
      ref={bothRefs(root, ref)}
      className={cx('ca ca-attachment-message', dom.className)}
      data-status={status}
    >
      {/* An image: its declared type, else its name's (resolveFileType answers for no type). */}
      {approved &&
        preview !== false &&
        isDrawableType(attachment.contentType || resolveFileType(attachment.name, '')!) && (
          <ImagePreview {...props} alt={name} className={classNames.preview} onScreen={onScreen} />
        )}
      {approved ? (
        <AttachmentLink fileId={id} name={name} fileOptions={fileOptions} classNames={classNames} />
      ) : (
        statusLine(
          partClasses('attachment-message', classNames),
          name,
          fileStatusText(attachment, name, context),
        )
      )}
    </div>
  )
}

function ImagePreview(props: MessageProps & { alt: string; onScreen: boolean }) {
  const { attachment, fileOptions = {}, previewSize = { width: 240, height: 180 } } = props
  // The URL the image got on screen, where the browser asks for it at once: kept from then on,
  // as a refreshed URL would download the same picture again.
  const [kept, keep] = useState<string>()
  const [broken, setBroken] = useState(false)
  const file = useAttachedFile(attachment.id, {
    ...fileOptions,
    enabled: props.onScreen && !kept && fileOptions.enabled !== false,
  })
  // Only the hook's URL, which is only ever https: (or http: on loopback), and only while it is
  // fresh: a stale one (the preview mounted or came on screen late) is asked for again first.
  const fresh = props.onScreen && file.status === 'ready' && !file.isStale()
  const src = kept ?? (fresh ? file.url : undefined)
  // Kept as soon as it is rendered (state set in render, as React allows for a component's own).
  if (src !== kept) keep(src)
  if (src === undefined || broken) return null
  return (
    <img
      className={cx('ca-attachment-message__preview', props.className)}
      src={src}
      alt={props.alt}
      // The box's width and height, all that a preview size holds.
      {...previewSize}
      loading="lazy"
      decoding="async"
      referrerPolicy="no-referrer"
      onError={() => setBroken(true)}
    />
  )
}
