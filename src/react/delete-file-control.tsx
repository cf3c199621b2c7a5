import { useId, useState } from 'react'
import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import { toAttachmentError } from '../core/errors.js'
import { callWithDeadline } from '../core/deadline.js'
import { attachedFileQueryKey } from './use-attached-file.js'
import type { AttachmentError } from '../core/errors.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { isolated, isolatedMessage } from './isolated.js'
import { errorText } from './message-text.js'
import { formatMessage } from './messages.js'

/** Props of {@link DeleteFileControl}. */
export interface DeleteFileControlProps {
  fileId: string
  /** The file's name, in the button's accessible name and the question. */
  name: string
  /** Called once the service deleted the file and its query is gone. */
  onDeleted(): void
  /** Class of the error message. */
  errorClassName?: string
}

// `closed` is `idle` once the confirmation has been open: its button then takes the focus back.
type Step = 'idle' | 'closed' | 'confirming' | 'deleting'

/**
 * A stored file's delete button with an inline confirmation ("Delete x? Delete / Keep"): focus
 * moves to "Keep" when it opens and back to the button when it closes (Escape closes it); an
 * error is announced and the button offered again. Renders nothing where the adapter cannot
 * delete. Part of `AttachedFileCard`.
 */
export function DeleteFileControl(props: DeleteFileControlProps) {
  const { fileId, name, onDeleted, errorClassName } = props
  const context = useAttachmentsContext()
  const { adapter, queryClient, messages, format, callTimeoutMs } = context
  const [step, setStep] = useState<Step>('idle')
  const [error, setError] = useState<AttachmentError>()
  const id = useId()
  const busy = step === 'deleting' || undefined

  const confirm = async () => {
    // One delete at a time: React draws a press's step before the next press is handled, so a
    // second "Delete" finds this one busy.
    if (busy) return
    setError(undefined)
    setStep('deleting')
    try {
      // A delete that never answers ends as `timeout` at the deadline, and can be tried again.
      await callWithDeadline('deleteFile', callTimeoutMs, undefined, (signal) =>
        adapter.deleteFile!(fileId, { signal }),
      )
      // Removed before the card's body unmounts: both happen in this task, with no render between
      // that could make an observer ask for the file again.
      queryClient.removeQueries({
        queryKey: attachedFileQueryKey(adapter.key, fileId),
        exact: true,
      })
      onDeleted()
    } catch (cause) {
      setError(toAttachmentError(cause))
      setStep('closed')
    }
  }

  if (!adapter.deleteFile) return null
  return (
    <>
      {step === 'idle' || step === 'closed' ? (
        // Mounted again when the confirmation closes, and focused then (React focuses an
        // autoFocus button as it mounts); not when the card first shows.
        <button
          autoFocus={step === 'closed'}
          type="button"
          data-action="delete"
          aria-label={formatMessage(messages.deleteFile, { name }, format)}
          onClick={() => setStep('confirming')}
        >
          {isolatedMessage(context, messages.deleteAction, {})}
        </button>
      ) : (
        <span
          role="group"
          aria-labelledby={`${id}-q`}
          aria-busy={busy}
          onKeyDown={(e) => e.key === 'Escape' && !busy && setStep('closed')}
        >
          <span id={`${id}-q`}>{isolatedMessage(context, messages.deleteConfirm, { name })}</span>
          {/* aria-disabled, not disabled: a disabled button drops the focus it holds. */}
          <button type="button" data-action="confirm-delete" aria-disabled={busy} onClick={confirm}>
            {isolatedMessage(context, messages.deleteConfirmYes, {})}
          </button>
          {/* Focused as the question opens. */}
          <button
            autoFocus
            type="button"
            aria-disabled={busy}
            onClick={() => !busy && setStep('closed')}
          >
            {isolatedMessage(context, messages.deleteConfirmNo, {})}
          </button>
        </span>
      )}
      {error && (
        <span className={errorClassName} role="alert">
          {isolated(context, (marked) =>
            errorText(error.code, name, CONNECT_DEFAULT_LIMITS, marked),
          )}
        </span>
      )}
    </>
  )
}
