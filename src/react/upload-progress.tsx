import { forwardRef, useEffect, useReducer } from 'react'
import type { ComponentPropsWithoutRef, ForwardedRef, ReactElement, RefCallback } from 'react'
import type { UploadManager } from '../core/upload-manager.js'
import type { UploadState } from '../core/upload-machine.js'
import type { UploadProgress as UploadProgressData } from '../core/upload-selectors.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { cx, named } from './class-names.js'
import type { RootProps } from './class-names.js'
import { progressText } from './message-text.js'
import type { MessageContext } from './message-text.js'
import { formatMessage } from './messages.js'
import { useRegisteredManager } from './use-attachment-upload.js'
import { useUpload } from './use-upload.js'

/**
 * One file's progress (`selectProgress`). The type shares its name with the component, as the
 * package root has always exported the type under this name.
 */
export type UploadProgress = UploadProgressData

/** The parts of {@link UploadProgress} that take a class name. */
type UploadProgressPart = 'bar'

/** The props of {@link UploadProgress} that are its own, not its root's. */
interface ProgressProps {
  /** The upload to show, as `useAttachmentUpload().ids` lists it. */
  id: string
  /**
   * The manager that holds the upload, followed even when no list or hook below the provider
   * uses it. @default the managers in use below the provider
   */
  manager?: UploadManager
  /** The id of the element that names the bar. @default the file name as `aria-label` */
  labelledBy?: string
  /** The ids of elements that describe the bar, e.g. the row's error message. */
  describedBy?: string
  /** A class name for the root, added to `ca ca-upload-progress`. */
  className?: string
  /** Class names for the parts, added to `ca-upload-progress__<part>`. */
  classNames?: Partial<Record<UploadProgressPart, string>>
}

/**
 * Props of {@link UploadProgress}: its own, and the DOM props of its root `<div>` but `id`,
 * which is the upload's. An `aria-label` of the host's names the bar in place of the file name.
 */
export type UploadProgressProps = RootProps<'div', ProgressProps>

/**
 * An upload's `data-status`, `data-finishing`, `data-retrying` and `data-offline`, for the styles
 * of a bar or a row.
 */
export const stateAttributes = (upload: UploadState) => ({
  'data-status': upload.status,
  'data-finishing': upload.status === 'uploading' && upload.finishing ? '' : undefined,
  // A running step waiting out a backoff before it tries again.
  'data-retrying': upload.retryAt === undefined ? undefined : '',
  'data-offline': upload.offline && '',
})

/**
 * Renders again each second while a step waits out its backoff (`retryAt` set), so that
 * "Retrying in 4 seconds" counts down instead of standing still.
 */
export function useRetryCountdown(retryAt: number | undefined): void {
  const [, tick] = useReducer((count: number) => count + 1, 0)
  useEffect(() => {
    if (retryAt === undefined) return
    const timer = setInterval(tick, 1000)
    return () => clearInterval(timer)
  }, [retryAt])
}

/**
 * One upload's state as words, for a progress bar's `aria-valuetext` and a row's status:
 * `Waiting for the network` while the browser is offline (whatever the upload was doing, it
 * goes on only once the network is back), `45%, 3.2 of 7 MB` while bytes move,
 * `7 MB sent, finishing` once all have left the page and storage has not answered,
 * `Retrying in 4 seconds` during a backoff, else the status.
 */
export function uploadStatusText(upload: UploadState, context: MessageContext): string {
  const { messages, format } = context
  if (upload.offline) return formatMessage(messages.uploadOffline, {}, format)
  if (upload.retryAt !== undefined) {
    return formatMessage(
      messages.uploadRetrying,
      { seconds: format.seconds(upload.retryAt - Date.now()) },
      format,
    )
  }
  if (upload.status !== 'uploading')
    return formatMessage(messages.uploadStatus[upload.status], {}, format)
  return upload.finishing
    ? formatMessage(messages.progressFinishing, { total: format.bytes(upload.size) }, format)
    : progressText(upload.loaded, upload.size, context)
}

/**
 * The bar of `upload` as {@link UploadProgress} and a row of `UploadList` draw it: `dom` (names,
 * descriptions, the host's DOM props) first, then what the bar itself decides, its value and
 * its state in words and attributes; `className` is added to `ca ca-upload-progress`.
 */
export function progressBar(
  upload: UploadState,
  context: MessageContext,
  dom: ComponentPropsWithoutRef<'div'>,
  className: string | undefined,
  barClassName?: string,
  ref?: RefCallback<HTMLDivElement>,
): ReactElement {
  // The value, 0–100: what was sent while the bytes move, full once they are stored (the
  // machine holds 100 for a completing or succeeded upload), empty once it failed or stopped.
  const { status } = upload
  const percent = status === 'failed' || status === 'canceled' ? 0 : upload.progress
  return (
    <div
      {...dom}
      // The value goes in through the CSSOM as the bar is committed, before the paint, not as a
      // `style` attribute: a strict Content Security Policy (style-src without 'unsafe-inline')
      // blocks style attributes in server HTML, and hydration does not put them back, so every
      // bar would read 0. (A server has no uploads to draw: they live in the page.) A new
      // callback each render, so React gives it the element again whenever it renders.
      ref={(element) => {
        ref?.(element)
        element?.style.setProperty('--ca-progress', `${percent}%`)
        element?.style.setProperty('--ca-progress-scale', `${percent / 100}`)
      }}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={uploadStatusText(upload, context)}
      className={cx('ca ca-upload-progress', className)}
      {...stateAttributes(upload)}
    >
      <div className={cx('ca-upload-progress__bar', barClassName)} />
    </div>
  )
}

/**
 * A progress bar for one upload (`role="progressbar"`), usable anywhere below the provider:
 * its value in `aria-valuenow`, its state in words in `aria-valuetext` (never a live region:
 * a percentage is not news), and `data-status` / `data-finishing` / `data-retrying` for styles.
 * The value is in the custom properties `--ca-progress` (`45%`) and `--ca-progress-scale`
 * (`0.45`, for a `scaleX()` that needs no layout), so a stylesheet decides how to draw it.
 * Renders nothing for an unknown id. Marked pure, so that a bundle that does not import it
 * (one with the list alone, whose rows draw their bar with `progressBar`) leaves it out.
 */
export const UploadProgress = /* @__PURE__ */ named(
  /* @__PURE__ */ forwardRef(Progress),
  'UploadProgress',
)

function Progress(props: UploadProgressProps, ref: ForwardedRef<HTMLDivElement>) {
  const { id, manager, labelledBy, describedBy, className, classNames, ...rest } = props
  const context = useAttachmentsContext()
  // A manager given here is followed even when no list or hook below uses it.
  useRegisteredManager(manager, context.uploads)
  const upload = useUpload(id) ?? manager?.getSnapshot().byId[id]
  useRetryCountdown(upload?.retryAt)
  if (upload === undefined) return null
  const dom = {
    'aria-label': labelledBy === undefined ? upload.name : undefined,
    'aria-labelledby': labelledBy,
    'aria-describedby': describedBy,
    ...rest,
  }
  return progressBar(upload, context, dom, className, classNames?.bar, (element) => {
    if (typeof ref === 'function') ref(element)
    else if (ref) ref.current = element
  })
}
