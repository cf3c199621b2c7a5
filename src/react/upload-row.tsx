import { memo, useId, useState } from 'react'
import type { ReactNode } from 'react'
import type { UploadManager } from '../core/upload-manager.js'
import type { UploadState } from '../core/upload-machine.js'
import { canCancel, canRemove, canRetry } from '../core/upload-selectors.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { partClasses } from './class-names.js'
import { FileTypeIcon, Icon } from './file-type-icon.js'
import { isolated } from './isolated.js'
import { errorText, fileDetailsText, fileKindOf, visibleName } from './message-text.js'
import { formatMessage } from './messages.js'
import {
  progressBar,
  stateAttributes,
  uploadStatusText,
  useRetryCountdown,
} from './upload-progress.js'
import { useThumbnail } from './use-thumbnail.js'
import { useUpload } from './use-upload.js'

/** The parts of `UploadList` that take a class name (`ca-upload-list__<part>`). */
export type UploadListPart =
  | 'totals'
  | 'items'
  | 'row'
  | 'thumbnail'
  | 'icon'
  | 'name'
  | 'details'
  | 'progress'
  | 'status'
  | 'error'
  | 'actions'
  | 'button'
  | 'announcer'
  | 'more'
  | 'empty'

/** What a custom row gets: the upload, and what its buttons may do. */
export interface UploadRowRenderProps {
  upload: UploadState
  canCancel: boolean
  canRetry: boolean
  canRemove: boolean
  /** A canceled upload whose file the manager still holds can be added again. */
  canAddAgain: boolean
  cancel(): void
  retry(): void
  remove(): void
  /** Adds the canceled file again as a new upload (a new Start: the canceled one completed nothing), in place of this row. */
  addAgain(): void
}

/** Props of {@link UploadRow}. */
export interface UploadRowProps {
  id: string
  manager: UploadManager
  /** Renders the row (an `<li>`) in place of the built-in markup. */
  renderRow?: ((row: UploadRowRenderProps) => ReactNode) | undefined
  /** The file behind an upload, for an image thumbnail; read once, when the row mounts. */
  getFile?: ((id: string) => Blob | undefined) | undefined
  classNames?: Partial<Record<UploadListPart, string>> | undefined
}

/**
 * One upload in `UploadList`. It reads only its own upload (`useUpload(id)`) and is memoized,
 * so another file's progress never renders it again. The name is text in a `<bdi>`, so that
 * markup in a name stays text and a right-to-left override cannot reorder what follows it.
 */
export const UploadRow = memo(function UploadRow(props: UploadRowProps) {
  const { id, manager, renderRow, getFile } = props
  const part = partClasses<UploadListPart>('upload-list', props.classNames)
  const context = useAttachmentsContext()
  const { messages, format } = context
  const base = useId()
  // Until the list's effect has made its manager known to the provider, read it directly.
  const upload = useUpload(id) ?? manager.getSnapshot().byId[id]
  useRetryCountdown(upload?.retryAt)
  const thumbnail = useThumbnail(() => getFile?.(id), upload?.type)
  // A file named .png that is not one (or a damaged one) shows its type icon, not a broken image.
  const [broken, setBroken] = useState(false)
  if (upload === undefined) return null
  const row: UploadRowRenderProps = {
    upload,
    canCancel: canCancel(upload),
    canRetry: canRetry(upload),
    canRemove: canRemove(upload),
    canAddAgain: upload.status === 'canceled' && !!manager.getFile(id),
    cancel: () => manager.cancel(id),
    retry: () => manager.retry(id),
    remove: () => manager.remove(id),
    addAgain() {
      const again = manager.getFile(id)
      // The row goes only once the file is back in the list (it may be refused, e.g. past maxFiles).
      if (again && manager.add([again]).ids.length > 0) manager.remove(id)
    },
  }
  if (renderRow !== undefined) return renderRow(row)

  const { name, status } = upload
  // Only a failed upload says what went wrong: beside "Retrying in 4 seconds" the last attempt's
  // "The service is busy. Try again soon." asks the user for what the engine is doing.
  const error = status === 'failed' ? upload.error : undefined
  const nameId = `${base}-name`
  const errorId = error && `${base}-error`
  const showBar = status !== 'failed' && status !== 'canceled'
  // Each button's icon: a circular arrow for retry and for adding again, a cross for cancel and
  // remove.
  const buttons = [
    ['retry', row.canRetry, messages.retryUpload, 'M19 12a7 7 0 1 1-2.05-4.95M19 4v4h-4'],
    ['cancel', row.canCancel, messages.cancelUpload, 'M7 7l10 10M17 7L7 17'],
    ['remove', row.canRemove, messages.removeUpload, 'M7 7l10 10M17 7L7 17'],
    ['addAgain', row.canAddAgain, messages.addUploadAgain, 'M19 12a7 7 0 1 1-2.05-4.95M19 4v4h-4'],
  ] as const
  return (
    <li className={part('row')} {...stateAttributes(upload)}>
      {thumbnail === undefined || broken ? (
        <FileTypeIcon className={part('icon')} kind={fileKindOf(name)} />
      ) : (
        // Sized for a page without styles.css too; a stylesheet overrides the attributes.
        <img
          className={part('thumbnail')}
          src={thumbnail}
          alt=""
          width={40}
          height={40}
          onError={() => setBroken(true)}
        />
      )}
      {/* Cut with an ellipsis when long: the title shows it whole. */}
      <span className={part('name')} id={nameId} title={name}>
        <bdi>{visibleName(name)}</bdi>
      </span>
      <span className={part('details')}>
        {isolated(context, (marked) => fileDetailsText(name, upload.size, marked))}
      </span>
      {/* Stopped, the row draws its track alone (styles.css): not a bar that would read 0 %. */}
      {showBar &&
        progressBar(
          upload,
          context,
          { 'aria-labelledby': nameId, 'aria-describedby': errorId },
          part('progress'),
        )}
      {/* While the bar shows, it says the same in its aria-valuetext. */}
      <span className={part('status')} aria-hidden={showBar || undefined}>
        {isolated(context, (marked) => uploadStatusText(upload, marked))}
      </span>
      {error && (
        <span className={part('error')} id={errorId}>
          {isolated(context, (marked) => errorText(error.code, name, manager.getRules(), marked))}
        </span>
      )}
      <span className={part('actions')}>
        {buttons.map(([action, shown, message, icon]) => {
          const label = formatMessage(message, { name }, format)
          return (
            shown && (
              <button
                key={action}
                type="button"
                className={part('button')}
                data-action={action}
                aria-label={label}
                title={label}
                aria-describedby={errorId}
                onClick={row[action]}
              >
                <Icon d={icon} size={16} />
              </button>
            )
          )
        })}
      </span>
    </li>
  )
})
