import { forwardRef } from 'react'
import type { ForwardedRef, ReactNode } from 'react'
import { useAttachmentInput } from './attachment-input.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { named } from './class-names.js'
import type { RootProps } from './class-names.js'
import { Icon } from './file-type-icon.js'
import { formatMessage } from './messages.js'
import type { PasteTarget, UploadSourceProps } from './upload-source.js'
import type { AttachmentDropzoneState } from './use-attachment-dropzone.js'

export type { AttachmentDropzoneState } from './use-attachment-dropzone.js'

/** The parts of {@link AttachmentDropzone} that take a class name. */
type AttachmentDropzonePart = 'target' | 'icon' | 'label' | 'prompt' | 'limits' | 'rejections'

/** The props of {@link AttachmentDropzone} that are its own, not its root's. */
interface DropzoneProps extends UploadSourceProps {
  /** Takes no files: no drop, click, key or paste; a disabled button and `data-disabled`. @default false */
  disabled?: boolean
  /**
   * Also takes files pasted anywhere in this element, such as the chat composer around it
   * (a paste that carries text stays a text paste). @default only pastes while the dropzone has focus
   */
  pasteTarget?: PasteTarget
  /** Rejections listed one by one; the rest are counted in one line. @default 5 */
  maxRejections?: number
  /** Whether the controller's rejections are listed below the dropzone. @default true */
  showRejections?: boolean
  /** Content in place of the icon and the prompt (the name and the limits stay), or a function of the state. */
  children?: ReactNode | ((state: AttachmentDropzoneState) => ReactNode)
  /** Class names added to the root's `ca ca-attachment-dropzone`. */
  className?: string
  /** Class names added to each part's `ca-attachment-dropzone__<part>`. */
  classNames?: Partial<Record<AttachmentDropzonePart, string>>
}

/**
 * Props of {@link AttachmentDropzone}: its own, and the DOM props of its root `<div>`, where
 * the host's handlers run beside its own (which are on the drop area inside).
 */
export type AttachmentDropzoneProps = RootProps<'div', DropzoneProps>

function Dropzone(props: AttachmentDropzoneProps, ref: ForwardedRef<HTMLDivElement>) {
  const { zone, part, button, root } = useAttachmentInput('attachment-dropzone', props, ref)
  const { dragging, disabled } = zone
  const { children } = props
  const { messages, format } = useAttachmentsContext()
  // The drop area takes drops and clicks; the keyboard goes to the real button inside it,
  // whose click bubbles to the area. The button holds the name alone, so what it shows is what
  // it is called (WCAG 2.5.3, label in name); the prompt and the limits sit beside it.
  return root(
    <div {...zone.getRootProps({ className: part('target') })}>
      <input {...zone.getInputProps()} />
      <button {...zone.getButtonProps({ ref: button, className: part('label') })}>
        {formatMessage(messages.dropzoneLabel, {}, format)}
      </button>
      {(typeof children === 'function' ? children({ dragging, disabled }) : children) ?? (
        <>
          <Icon
            className={part('icon')}
            d="M12 3 7 8h3v6h4V8h3l-5-5ZM5 18v2h14v-2H5Z"
            fill="currentColor"
            stroke="none"
          />
          <span className={part('prompt')}>
            {formatMessage(dragging ? messages.dropzoneActive : messages.dropzoneHint, {}, format)}
          </span>
        </>
      )}
      <span {...zone.getLimitsProps({ className: part('limits') })} />
    </div>,
  )
}

/**
 * A drop target for attachments: drag and drop, click, Enter or Space to choose, and paste.
 * A focusable button named by `dropzoneLabel` whose description is the rules in force (the
 * adapter's limits over Connect's defaults), shown as a hint too; `data-dragging` while files
 * are over it. Files go to `controller` (or `manager`, or the provider's shared manager), whose
 * validation decides; rejected files are listed with their localized reasons.
 */
export const AttachmentDropzone = named(forwardRef(Dropzone), 'AttachmentDropzone')
