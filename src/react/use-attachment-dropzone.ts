import { useEffect, useId } from 'react'
import { useDropzone } from 'react-dropzone'
import { fromEvent } from 'file-selector'
import type { HTMLAttributes, InputHTMLAttributes, Ref, RefCallback } from 'react'
import type { UploadRules } from '../core/types.js'
import type { UploadManager } from '../core/upload-manager.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { bothRefs, cx } from './class-names.js'
import { isolated } from './isolated.js'
import { limitsText } from './message-text.js'
import type { LocalizedRejection } from './message-text.js'
import { usePasteFiles } from './upload-source.js'
import type { PasteTarget, UploadSourceProps } from './upload-source.js'
import { useAttachmentUpload } from './use-attachment-upload.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'

/** Options of {@link useAttachmentDropzone}. */
export interface UseAttachmentDropzoneOptions extends UploadSourceProps {
  /** Takes no files: no drop, click or paste; a disabled button and `aria-disabled`. @default false */
  disabled?: boolean
  /**
   * Also takes files pasted anywhere in this element, such as the chat composer around it
   * (a paste that carries text stays a text paste). @default only pastes inside the root
   */
  pasteTarget?: PasteTarget
  /**
   * Whether this dropzone lists the controller's rejections (the built-in one does): the files
   * it takes then have their rejections listed here, not in another control on the same
   * manager. @default false
   */
  showRejections?: boolean
}

/** What a render function given as the dropzone's `children` gets. */
export interface AttachmentDropzoneState {
  /** Files are being dragged over the dropzone. */
  dragging: boolean
  disabled: boolean
}

/** The props a prop getter takes: the element's own, `data-*` attributes and a ref. */
type Given<E, A = HTMLAttributes<E>> = A & {
  ref?: Ref<E> | undefined
  [data: `data-${string}`]: string | number | boolean | undefined
}
/** The props a prop getter returns, to spread on the element. */
type Got<E, A = HTMLAttributes<E>> = Omit<Given<E, A>, 'ref'> & { ref: RefCallback<E> }

/** What {@link useAttachmentDropzone} returns: prop getters and what a dropzone shows. */
export interface AttachmentDropzoneResult extends AttachmentDropzoneState {
  /**
   * Props of the drop area: drops, clicks (which open the picker, so put the button inside)
   * and pastes, composed with the host's handlers and ref. Not a tab stop: the keyboard goes
   * to the button.
   */
  getRootProps(props?: Given<HTMLElement>): Got<HTMLElement>
  /** Props of the file `<input>`, hidden by attribute, filtered by the allowed types. */
  getInputProps(
    props?: Given<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>,
  ): Got<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>
  /** Props of the real button inside the area (type, disabled, described by the limits). */
  getButtonProps<P extends HTMLAttributes<HTMLButtonElement>>(
    props?: P,
  ): P & { type: 'button'; disabled: boolean }
  /** Props of the element showing {@link limits}, which describes the button; its text by default. */
  getLimitsProps<P extends HTMLAttributes<HTMLElement>>(props?: P): P & { id: string }
  /** Opens the file picker, as a click on the area does; nothing while disabled. */
  open(): void
  /** The rules files are checked against now: the adapter's limits over Connect's defaults. */
  rules: UploadRules
  /** The allowed extensions, as the file input's `accept`. */
  accept: string
  /** The rules in words, localized ("PDF, Word, images…; up to 20 MB each, 35 files"). */
  limits: string
  /** The files the last drop, pick or paste turned away, with localized reasons. */
  rejections: readonly LocalizedRejection[]
  /**
   * Whether this dropzone is the one to list them (with `showRejections`): one list per
   * manager, in the control the files came through.
   */
  showsRejections: boolean
  /** The controller files go to (`clearRejections`, `manager`, …). */
  controller: AttachmentUploadController
}

// The mounted controls that list rejections (a dropzone, a button), per manager, in mount order.
const controlsByManager = new WeakMap<UploadManager, string[]>()

/**
 * Whether the control `id`, which lists rejections if `lists`, is the one to show the
 * controller's now. One alert per manager, never two for one drop: the control the files came
 * through, else (files added by the host's own code, or through a control that lists none) the
 * first control mounted that lists them.
 */
function useShowsRejections(controller: AttachmentUploadController, id: string, lists: boolean) {
  const { manager, rejectionSource } = controller
  const controls =
    controlsByManager.get(manager) ?? controlsByManager.set(manager, []).get(manager)!
  useEffect(() => {
    if (!lists) return
    controls.push(id)
    return () => void controls.splice(controls.indexOf(id), 1)
  }, [controls, id, lists])
  return (
    lists &&
    (controls.includes(rejectionSource!) ? rejectionSource === id : (controls[0] ?? id) === id)
  )
}

/**
 * react-dropzone's props with the host's handlers kept where it turns its own off (keys, as
 * the button takes them; everything while disabled), which it would otherwise drop too.
 */
function keepHandlers<P extends object>(props: P, given: object): P {
  const own = props as Record<string, unknown>
  for (const [key, value] of Object.entries(given)) if (own[key] === null) own[key] = value
  return props
}

/**
 * A dropzone of one's own, in the manner of react-dropzone's `useDropzone` (which it builds
 * on): prop getters for the drop area, the file input, the button and the limits, and what the
 * built-in `AttachmentDropzone` and `AttachmentButton` render from, so that drops, picks and
 * pastes take one path. Files go to `controller` (or `manager`, or the provider's shared
 * manager), whose validation decides, with localized reasons.
 */
export function useAttachmentDropzone(
  options: UseAttachmentDropzoneOptions = {},
): AttachmentDropzoneResult {
  // `drops` (not in the public options): false from a control with no drop area (the
  // button), which leaves drops elsewhere on the page to the page. react-dropzone otherwise
  // cancels every drop outside the area, so that a file missing it is not opened in place of
  // the page.
  const { disabled = false, drops = true } = options as { disabled?: boolean; drops?: boolean }
  // The controller given, else one of its own over `manager` (the provider's shared one by
  // default). Its own is made either way, as hooks cannot be skipped; on the given controller's
  // manager it adds nothing, as it passes no settings.
  const own = useAttachmentUpload({ manager: options.controller?.manager ?? options.manager })
  const controller = options.controller ?? own
  const { rules, rejections } = controller
  const context = useAttachmentsContext()
  // The id of the limits, and of this control as the source of the files it adds.
  const id = useId()
  const lists = !!options.showRejections
  const showsRejections = useShowsRejections(controller, id, lists)
  const source = lists ? id : undefined
  const accept = rules.allowedExtensions.join(',')
  // react-dropzone reads drops, picks and pastes; with no `accept`, size or count option it
  // accepts every file, and core's validation decides, with our localized reasons. `accept`
  // goes to the input alone, as the picker's filter. The keyboard goes to the real button
  // inside the area, whose click bubbles to it.
  const zone = useDropzone({
    // The files of a drop, pick or paste go to the controller as soon as they are read, here:
    // react-dropzone drops a read still under way (a folder's) when the next drop or paste
    // begins, with its files. Files dragged over are not read: only `dragging` is shown.
    // (An event always: file handles come only from `useFsAccessApi`, which stays off.)
    getFilesFromEvent: async (event) => {
      const files = (event as Event).type === 'dragenter' ? [] : await fromEvent(event)
      // A pick of no file adds nothing, and leaves the rejections shown as they are.
      if (files.length) controller.add(files as File[], source)
      // Cleared once its files are read, so that choosing the same file again is a change too.
      if (zone.inputRef.current) zone.inputRef.current.value = ''
      return []
    },
    disabled,
    noKeyboard: true,
    preventDropOnDocument: drops,
  })
  // Pastes in `pasteTarget` go to the area's own paste handler (none while disabled), which
  // reads a native event as it reads React's: its clipboardData, preventDefault, cancelBubble.
  const paste = zone.getRootProps().onPaste as unknown as (event: ClipboardEvent) => void
  usePasteFiles(options.pasteTarget, paste, zone.rootRef)
  return {
    dragging: zone.isDragActive && !disabled,
    disabled,
    rules,
    accept,
    limits: limitsText(rules, context),
    rejections,
    showsRejections,
    controller,
    // react-dropzone has no `open` while disabled.
    open: () => zone.open?.(),
    getRootProps: (props = {}) =>
      keepHandlers(zone.getRootProps({ ...props, ref: bothRefs(zone.rootRef, props.ref) }), props),
    // Hidden by attribute, which a stylesheet can override, not by react-dropzone's inline
    // style, and named by nothing of react-dropzone's English: it is never reached.
    getInputProps: (props = {}) =>
      keepHandlers(
        zone.getInputProps({
          accept,
          hidden: true,
          disabled,
          style: undefined,
          'aria-label': undefined,
          ...props,
          ref: bothRefs(zone.inputRef, props.ref),
        }),
        props,
      ) as Got<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>,
    // `type` leads, as it did on the built-in button: server HTML keeps the order.
    getButtonProps: (props) => ({
      type: 'button',
      ...props!,
      disabled,
      'aria-describedby': cx(id, props?.['aria-describedby']),
    }),
    getLimitsProps: (props) => ({
      children: isolated(context, (marked) => limitsText(rules, marked)),
      ...props!,
      id,
    }),
  }
}
