import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { UploadManager } from '../core/upload-manager.js'
import { defined } from '../core/upload-manager-options.js'
import type { UploadManagerSettings } from '../core/upload-manager-options.js'
import type { UploadTotals } from '../core/upload-selectors.js'
import type { UploadRules } from '../core/types.js'
import type { FileRejection } from '../core/validate-files.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { localizeRejection } from './message-text.js'
import type { UploadRegistry } from './upload-registry.js'
import type { LocalizedRejection } from './message-text.js'
import { createUploadView, useLatestCallbacks } from './upload-view.js'

/** Options of {@link useAttachmentUpload}: the manager's settings, passed through as they change. */
export interface UseAttachmentUploadOptions extends UploadManagerSettings {
  /**
   * A manager the host made, so that a composer button and a list elsewhere show the same
   * uploads. @default the provider's own manager
   */
  manager?: UploadManager
}

/** What {@link useAttachmentUpload} returns; the functions keep their identity. */
export interface AttachmentUploadController {
  /** Upload ids in the order added; pass each to `useUpload`. */
  readonly ids: readonly string[]
  /** Files by status, bytes sent of bytes total, and a fraction that counts failed files. */
  readonly totals: UploadTotals
  /** The last `add`'s rejected files with localized reasons, until cleared or the next `add`. */
  readonly rejections: readonly LocalizedRejection[]
  /** The rules files are checked against now (for the limits text). */
  readonly rules: UploadRules
  /** Validates the files and queues those that pass; returns the new ids. */
  add(files: Iterable<File> | ArrayLike<File>): string[]
  cancel(id: string): void
  retry(id: string): void
  remove(id: string): void
  clear(): void
  clearRejections(): void
  /** The manager behind the controller. */
  readonly manager: UploadManager
}

/**
 * Counts the component as a user of `manager` (its lifecycle) while mounted, and registers the
 * manager where `useUpload(id)` finds its uploads; nothing when there is no manager.
 */
export function useRegisteredManager(
  manager: UploadManager | undefined,
  uploads: UploadRegistry,
): void {
  useEffect(() => {
    if (manager === undefined) return
    manager.mount()
    const unregister = uploads.register(manager)
    return () => {
      unregister()
      manager.unmount()
    }
  }, [manager, uploads])
}

/**
 * The upload controller of one conversation or case. The component re-renders only for what it
 * reads: `ids` when files come and go, `totals` on progress, `rejections` after an `add`.
 */
export function useAttachmentUpload(
  options: UseAttachmentUploadOptions = {},
): AttachmentUploadController {
  const context = useAttachmentsContext()
  const { manager: given, ...settings } = options
  const manager = given ?? context.sharedManager()
  const { uploads, messages, format } = context

  useRegisteredManager(manager, uploads)
  const callbacks = useLatestCallbacks(settings)
  useEffect(() => {
    // Only the callbacks this caller has: a list that shares the manager must not erase the
    // composer's. Two callers that both pass one: the last to render wins.
    const { onUploadSucceeded, onUploadFailed, ...rest } = defined(settings)
    manager.setOptions({
      ...rest,
      ...(onUploadSucceeded && { onUploadSucceeded: callbacks.onUploadSucceeded }),
      ...(onUploadFailed && { onUploadFailed: callbacks.onUploadFailed }),
    })
  })

  const [view] = useState(createUploadView)
  const subscribe = useCallback((onChange: () => void) => manager.subscribe(onChange), [manager])
  const getSnapshot = useCallback(() => view.read(manager.getSnapshot()), [view, manager])
  const current = useSyncExternalStore(subscribe, getSnapshot, getSnapshot)

  const [rejected, setRejected] = useState<{ list: FileRejection[]; rules?: UploadRules }>({
    list: [],
  })
  const rejections = useMemo(() => {
    const rules = rejected.rules ?? manager.getRules()
    return rejected.list.map((item) => localizeRejection(item, rules, { messages, format }))
  }, [rejected, manager, messages, format])

  const actions = useMemo(
    () => ({
      manager,
      add(files: Iterable<File> | ArrayLike<File>) {
        const rules = manager.getRules()
        const result = manager.add(files)
        setRejected({ list: result.rejections, rules })
        return result.ids
      },
      cancel: (id: string) => manager.cancel(id),
      retry: (id: string) => manager.retry(id),
      remove: (id: string) => manager.remove(id),
      clear: () => manager.clear(),
      clearRejections: () => setRejected({ list: [] }),
    }),
    [manager],
  )
  return useMemo(
    () => view.controller(current, actions, rejections),
    [view, current, actions, rejections],
  )
}
