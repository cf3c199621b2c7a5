import { useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import { toAttachmentError } from '../core/errors.js'
import { callWithDeadline } from '../core/deadline.js'
import { attachedFileQueryKey } from './use-attached-file.js'
import type { AttachmentError } from '../core/errors.js'
import type { AttachmentsContextValue } from './attachments-provider.js'
import { isolated, isolatedMessage } from './isolated.js'
import { errorText } from './message-text.js'
import { formatMessage } from './messages.js'

// `closed` is `idle` once the confirmation has been open: its button then takes the focus back.
type Step = 'idle' | 'closed' | 'confirming' | 'deleting'

/**
 * A stored file's delete button with an inline confirmation ("Delete x? Delete / Keep"): focus
 * moves to "Keep" when it opens and back to the button when it closes (Escape closes it); an
 * error is announced and the button offered again. Nothing where the adapter cannot delete or
 * `allowed` is false (the card's `allowDelete`).
 * `AttachedFileCard`'s, called as a hook on each render of its body (with the body's context and
 * its `useId`, which the question's id starts with); `onDeleted` runs once the service deleted
 * the file and its query is gone.
 */
export function useDeleteFileControl(
  context: AttachmentsContextValue,
  fileId: string,
  name: string,
  id: string,
  allowed: boolean,
  onDeleted: () => void,
): ReactNode {
  const { adapter, queryClient, messages, format, callTimeoutMs } = context
  const [step, setStep] = useState<Step>('idle')
  const [error, setError] = useState<AttachmentError>()
  const busy = step === 'deleting' || undefined
  const deleting = useRef(false)

  const confirm = async () => {
    if (deleting.current) return
    deleting.current = true
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
    } finally {
      deleting.current = false
    }
  }

  if (!adapter.deleteFile || !allowed) {
    // Turned off with the question open: closed, so that it does not come back, taking the
    // focus, when delete is allowed again (a delete under way goes on).
    if (step === 'confirming' || step === 'closed') setStep('idle')
    return null
  }
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
        <span className="ca-attached-file-card__error" role="alert">
          {isolated(context, (marked) =>
            errorText(error.code, name, CONNECT_DEFAULT_LIMITS, marked),
          )}
        </span>
      )}
    </>
  )
}
