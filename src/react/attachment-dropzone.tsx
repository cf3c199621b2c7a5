import type { ReactNode } from 'react'
import { useDropzone } from 'react-dropzone'
import { useAttachmentInput } from './attachment-input.js'
import { Icon } from './file-type-icon.js'
import { formatMessage } from './messages.js'
import type { Message } from './messages.js'
import { usePasteFiles, withController } from './upload-source.js'
import type { PasteTarget, UploadSourceProps } from './upload-source.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'

/** The parts of {@link AttachmentDropzone} that take a class name. */
export type AttachmentDropzonePart =
  'target' | 'icon' | 'label' | 'prompt' | 'limits' | 'rejections'

/** What a render function given as the dropzone's `children` gets. */
export interface AttachmentDropzoneState {
  /** Files are being dragged over the dropzone. */
  dragging: boolean
  disabled: boolean
}

/** Props of {@link AttachmentDropzone}. */
export interface AttachmentDropzoneProps extends UploadSourceProps {
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

function Dropzone(props: AttachmentDropzoneProps & { controller: AttachmentUploadController }) {
  const { children } = props
  const { part, context, disabled, add, accept, button, limits, root } = useAttachmentInput(
    'attachment-dropzone',
    'label',
    props,
  )
  const say = (message: Message) => formatMessage(message, {}, context.format)
  // react-dropzone reads drops, picks, keys and pastes; with no `accept`, size or count option
  // it accepts every file, and core's validation decides, with our localized reasons. `accept`
  // goes to the input alone, as the picker's filter.
  // The drop area takes drops and clicks; the keyboard goes to the real button inside it,
  // whose click bubbles to the area. The button holds the name alone, so what it shows is what
  // it is called (WCAG 2.5.3, label in name); the prompt and the limits sit beside it.
  const { getRootProps, getInputProps, isDragActive, rootRef } = useDropzone({
    onDrop: add,
    disabled,
    noKeyboard: true,
  })
  usePasteFiles(props.pasteTarget, add, { disabled, own: rootRef })
  const dragging = isDragActive && !disabled
  const { messages } = context
  return root(
    <div {...getRootProps({ className: part('target') })}>
      {/* Hidden by attribute, which a stylesheet can override, not by react-dropzone's inline style. */}
      <input
        {...getInputProps({ accept, hidden: true, style: undefined, 'aria-label': undefined })}
      />
      <button {...button}>{say(messages.dropzoneLabel)}</button>
      {(typeof children === 'function' ? children({ dragging, disabled }) : children) ?? (
        <>
          <Icon
            className={part('icon')}
            d={['M12 3 7 8h3v6h4V8h3l-5-5ZM5 18v2h14v-2H5Z']}
            fill="currentColor"
            stroke="none"
          />
          <span className={part('prompt')}>
            {say(dragging ? messages.dropzoneActive : messages.dropzoneHint)}
          </span>
        </>
      )}
      {limits()}
    </div>,
    dragging,
  )
}

/**
 * A drop target for attachments: drag and drop, click, Enter or Space to choose, and paste.
 * A focusable button named by `dropzoneLabel` whose description is the rules in force (the
 * adapter's limits over Connect's defaults), shown as a hint too; `data-dragging` while files
 * are over it. Files go to `controller` (or `manager`, or the provider's shared manager), whose
 * validation decides; rejected files are listed with their localized reasons.
 */
export const AttachmentDropzone = withController<AttachmentDropzoneProps>(Dropzone)
