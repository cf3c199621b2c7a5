import { forwardRef, useRef, useState } from 'react'
import type { ForwardedRef, ReactNode } from 'react'
import { flushSync } from 'react-dom'
import type { UploadManager } from '../core/upload-manager.js'
import { sameTotals, selectTotals } from '../core/upload-selectors.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { bothRefs, cx, named, partClasses } from './class-names.js'
import type { RootProps } from './class-names.js'
import { isolated, isolatedMessage } from './isolated.js'
import { progressText } from './message-text.js'
import { formatMessage } from './messages.js'
import { UploadAnnouncer } from './upload-announcer.js'
import { UploadRow } from './upload-row.js'
import { focusable, useKeptFocus } from './use-kept-focus.js'
import type { UploadListPart, UploadRowRenderProps } from './upload-row.js'
import { useManager } from './use-attachment-upload.js'
import { useSelected } from './use-upload.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'

export type { UploadRowRenderProps } from './upload-row.js'

/** The props of {@link UploadList} that are its own, not its root's. */
interface ListProps {
  /** The controller whose uploads to show (`useAttachmentUpload()`); only its manager is read. */
  controller?: Pick<AttachmentUploadController, 'manager'>
  /** A manager to show, when there is no controller. @default the provider's shared manager */
  manager?: UploadManager
  /**
   * Renders each row (an `<li>`) in place of the built-in markup; called inside the row, so
   * it runs only when that row's upload changes. @default the built-in row
   */
  renderRow?: (row: UploadRowRenderProps) => ReactNode
  /**
   * The file behind an upload, for an image thumbnail (PNG, JPEG, GIF, WebP, AVIF, BMP), read
   * once when its row mounts. @default the manager's `getFile`
   */
  getFile?: (id: string) => Blob | undefined
  /**
   * How many rows show at once: more files than that are summed up below the rows (the totals
   * count them all), with a button that shows as many again. Rows past the page are not
   * rendered, so their changes cost nothing. @default 10
   */
  maxRows?: number
  /** Leaves out the totals line above the list. @default false */
  hideTotals?: boolean
  /** A class name for the root, added to `ca ca-upload-list`. */
  className?: string
  /** Class names for the parts, added to `ca-upload-list__<part>`. */
  classNames?: Partial<Record<UploadListPart, string>>
}

/** Props of {@link UploadList}: its own, and the DOM props of its root `<div>`. */
export type UploadListProps = RootProps<'div', ListProps>

/**
 * Files done of files counted, failed ones when there are any, and the overall figure: a
 * failed file's unsent bytes keep it below 100 % (Uppy shows 100 % with one of two failed),
 * a canceled file no longer counts. Not a live region: it changes with every percent.
 */
function UploadListTotals({ manager, className }: { manager: UploadManager; className: string }) {
  const context = useAttachmentsContext()
  const { messages } = context
  // The same object while nothing in them changed: a progress tick of the same figures renders nothing.
  const totals = useSelected(manager.subscribe, manager.getSnapshot, selectTotals, sameTotals)
  const { count, byStatus } = totals
  // Canceled files are not counted: with only those left there is nothing to sum up, and
  // "0 of 0 files uploaded" beside a canceled row would read as an error.
  const counted = count - byStatus.canceled
  if (counted === 0) return null
  return (
    <p className={className}>
      <span>
        {isolatedMessage(context, messages.totalsFiles, {
          done: byStatus.succeeded,
          count: counted,
        })}
      </span>
      {byStatus.failed > 0 && (
        <span data-status="failed">
          {isolatedMessage(context, messages.totalsFailed, { count: byStatus.failed })}
        </span>
      )}
      <span>
        {isolated(context, (marked) => progressText(totals.loaded, totals.total, marked))}
      </span>
    </p>
  )
}

/**
 * The uploads of one conversation or case: totals, then a row per file with its name, size,
 * type icon or thumbnail, progress bar, status, error and cancel / retry / remove buttons, and
 * one polite live region for milestones. The list reads only the ids (it renders again when
 * files come and go); each row reads its own upload, so a progress tick renders one row.
 * Shows the `controller`'s uploads, else the `manager`'s, else the provider's shared ones.
 */
export const UploadList = named(forwardRef(List), 'UploadList')

function List(props: UploadListProps, ref: ForwardedRef<HTMLDivElement>) {
  const { controller, manager: given, renderRow, getFile, maxRows, hideTotals, ...rest } = props
  const { className, classNames, ...dom } = rest
  const context = useAttachmentsContext()
  const { messages, format } = context
  // A user of the manager, and a place where `useUpload(id)` finds its uploads. Not through
  // a second useAttachmentUpload(): that would set the manager's options and replace the
  // host's onUploadSucceeded / onUploadFailed with this list's none.
  const manager = useManager(controller?.manager ?? given)
  const ids = useSelected(manager.subscribe, manager.getSnapshot, (state) => state.ids, Object.is)
  // Ten rows are a few photos or documents without a Show more, and already taller than a chat
  // widget's panel; a drop of 35 files (a chat's limit) or 10,000 (a Case has none) renders ten.
  const page = Math.max(1, maxRows ?? 10)
  const [shown, setShown] = useState(page)
  const hidden = ids.length - shown
  const part = partClasses<UploadListPart>('upload-list', classNames)
  // Focus that leaves with a pressed Cancel, Retry or Remove button stays in the list; once the
  // last row is gone, it goes to the button that added the files, else to the list, which then
  // says that it is empty (a focused empty box would be nothing to see or hear) until left.
  const root = useRef<HTMLDivElement>(null)
  const [emptied, setEmptied] = useState(false)
  useKeptFocus(root, manager, setEmptied)

  return (
    <div
      {...dom}
      ref={bothRefs(root, ref)}
      tabIndex={-1}
      className={cx('ca ca-upload-list', className)}
      onBlur={(event) => {
        dom.onBlur?.(event)
        if (event.target === event.currentTarget) setEmptied(false)
      }}
    >
      {emptied && ids.length === 0 && (
        <p className={part('empty')}>{formatMessage(messages.uploadListEmpty, {}, format)}</p>
      )}
      {!hideTotals && <UploadListTotals manager={manager} className={part('totals')} />}
      {ids.length > 0 && (
        <ul
          className={part('items')}
          aria-label={formatMessage(messages.uploadListLabel, {}, format)}
        >
          {ids.slice(0, shown).map((id) => (
            <UploadRow
              key={id}
              id={id}
              manager={manager}
              renderRow={renderRow}
              getFile={getFile ?? manager.getFile}
              classNames={classNames}
            />
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <p className={part('more')}>
          {isolatedMessage(context, messages.uploadsMore, { count: hidden })}{' '}
          <button
            type="button"
            onClick={() => {
              // Focus goes to the first row shown now, where reading goes on.
              flushSync(() => setShown(shown + page))
              const row = root.current?.querySelector('ul')?.children[shown]
              row?.querySelector<HTMLElement>(focusable)?.focus()
            }}
          >
            {formatMessage(messages.showMoreUploads, {}, format)}
          </button>
        </p>
      )}
      <UploadAnnouncer manager={manager} className={`ca-visually-hidden ${part('announcer')}`} />
    </div>
  )
}
