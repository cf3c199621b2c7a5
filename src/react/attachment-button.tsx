import { forwardRef } from 'react'
import type { ForwardedRef, ReactNode } from 'react'
import { useAttachmentInput } from './attachment-input.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { named } from './class-names.js'
import type { RootProps } from './class-names.js'
import { Icon } from './file-type-icon.js'
import { formatMessage } from './messages.js'
import type { PasteTarget, UploadSourceProps } from './upload-source.js'

/** The parts of {@link AttachmentButton} that take a class name. */
type AttachmentButtonPart = 'button' | 'icon' | 'limits' | 'rejections'

/** The props of {@link AttachmentButton} that are its own, not its root's. */
interface ButtonProps extends UploadSourceProps {
  /** The button is disabled and pastes are ignored. @default false */
  disabled?: boolean
  /**
   * Opens the camera on phones instead of the file list: `'environment'` the back camera,
   * `'user'` the front one, `true` the browser's choice. @default the file list
   */
  capture?: boolean | 'user' | 'environment'
  /** Also takes files pasted anywhere in this element, such as the composer's text field. @default none */
  pasteTarget?: PasteTarget
  /** Rejections listed one by one; the rest are counted in one line. @default 5 */
  maxRejections?: number
  /** Whether the controller's rejections are shown beside the button. @default true */
  showRejections?: boolean
  /** Content of the button in place of the paperclip icon; the accessible name stays `attachButton`. */
  children?: ReactNode
  /** Class names added to the root's `ca ca-attachment-button`. */
  className?: string
  /** Class names added to each part's `ca-attachment-button__<part>`. */
  classNames?: Partial<Record<AttachmentButtonPart, string>>
}

/** Props of {@link AttachmentButton}: its own, and the DOM props of its root `<div>`. */
export type AttachmentButtonProps = RootProps<'div', ButtonProps>

function Button(props: AttachmentButtonProps, ref: ForwardedRef<HTMLDivElement>) {
  const { capture, ...rest } = props
  const { zone, part, button, root } = useAttachmentInput('attachment-button', rest, ref, false)
  const { children } = props
  const { messages, format } = useAttachmentsContext()
  const label = formatMessage(messages.attachButton, {}, format)
  // Its files take the dropzone's path: a pick through react-dropzone's input, and pastes.
  return root(
    <>
      <button
        {...zone.getButtonProps({
          ref: button,
          className: part('button'),
          // The paperclip alone is named by the label; content of the host's own is its name, so
          // that what the button shows is what it is called (WCAG 2.5.3, label in name).
          'aria-label': children === undefined ? label : undefined,
          // Words of the host's own: drawn as a button with a border, where the icon stands alone.
          'data-custom': children === undefined ? undefined : '',
          title: label,
          onClick: zone.open,
        })}
      >
        {children ?? (
          <Icon
            className={part('icon')}
            d="m20 11.5-8.2 8.2a5 5 0 0 1-7-7l8.5-8.6a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8"
          />
        )}
      </button>
      <span {...zone.getLimitsProps({ className: part('limits'), hidden: true })} />
      <input {...zone.getInputProps({ capture })} />
    </>,
  )
}

/**
 * A paperclip button for chat composers: opens the file picker (or, with `capture`, the phone's
 * camera) and adds the chosen files to `controller` (or `manager`, or the provider's shared
 * manager). Its description is the rules in force; rejected files are listed with their
 * localized reasons, as under {@link AttachmentDropzone}.
 */
export const AttachmentButton = named(forwardRef(Button), 'AttachmentButton')
