import { useRef } from 'react'
import type { ReactNode } from 'react'
import { useAttachmentInput } from './attachment-input.js'
import { Icon } from './file-type-icon.js'
import { formatMessage } from './messages.js'
import { usePasteFiles, withController } from './upload-source.js'
import type { PasteTarget, UploadSourceProps } from './upload-source.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'

/** The parts of {@link AttachmentButton} that take a class name. */
export type AttachmentButtonPart = 'button' | 'icon' | 'limits' | 'rejections'

/** Props of {@link AttachmentButton}. */
export interface AttachmentButtonProps extends UploadSourceProps {
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

function Button(props: AttachmentButtonProps & { controller: AttachmentUploadController }) {
  const { children } = props
  const input = useRef<HTMLInputElement>(null)
  const { part, context, disabled, add, accept, button, limits, root } = useAttachmentInput(
    'attachment-button',
    'button',
    props,
  )
  usePasteFiles(props.pasteTarget, add, { disabled })
  const label = formatMessage(context.messages.attachButton, {}, context.format)
  return root(
    <>
      <button
        {...button}
        // The paperclip alone is named by the label; content of the host's own is its name, so
        // that what the button shows is what it is called (WCAG 2.5.3, label in name).
        aria-label={children === undefined ? label : undefined}
        // Words of the host's own: drawn as a button with a border, where the icon stands alone.
        data-custom={children === undefined ? undefined : ''}
        title={label}
        onClick={() => input.current?.click()}
      >
        {children ?? (
          <Icon
            className={part('icon')}
            d={[
              'm20 11.5-8.2 8.2a5 5 0 0 1-7-7l8.5-8.6a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8',
            ]}
          />
        )}
      </button>
      {limits(true)}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        accept={accept}
        capture={props.capture}
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? [])
          // Cleared so that choosing the same file again is a change too.
          event.currentTarget.value = ''
          if (files.length > 0) add(files)
        }}
      />
    </>,
  )
}

/**
 * A paperclip button for chat composers: opens the file picker (or, with `capture`, the phone's
 * camera) and adds the chosen files to `controller` (or `manager`, or the provider's shared
 * manager). Its description is the rules in force; rejected files are listed with their
 * localized reasons, as under {@link AttachmentDropzone}.
 */
export const AttachmentButton = withController<AttachmentButtonProps>(Button)
