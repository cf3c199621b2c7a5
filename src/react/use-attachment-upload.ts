import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { UploadManager } from '../core/upload-manager.js'
import { defined } from '../core/upload-manager-options.js'
import type { UploadManagerSettings } from '../core/upload-manager-options.js'
import { sameTotals, selectTotals } from '../core/upload-selectors.js'
import type { UploadTotals } from '../core/upload-selectors.js'
import type { UploadSnapshot } from '../core/upload-store.js'
import type { UploadRules } from '../core/types.js'
import type { FileRejection } from '../core/validate-files.js'
import { useAttachmentsContext } from './attachments-provider.js'
import { localizeRejection } from './message-text.js'
import type { UploadRegistry } from './upload-registry.js'
import type { LocalizedRejection } from './message-text.js'
import { useSelected } from './use-upload.js'

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
 * manager where `useUpload(id)` finds its uploads; nothing when there is no manager. Its uploads
 * are findable from this render on, so a component below that asks for one in the same render
 * (a host's manager that already holds uploads) never shows it missing.
 */
export function useRegisteredManager(
  manager: UploadManager | undefined,
  uploads: UploadRegistry,
): void {
  if (manager !== undefined) uploads.note(manager)
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

type Callbacks = Pick<UploadManagerSettings, 'onUploadSucceeded' | 'onUploadFailed'>

/** What the controller's owner renders from: only the parts it has read are kept current. */
interface View {
  readonly ids: readonly string[]
  readonly totals: UploadTotals | undefined
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
  useRegisteredManager(manager, context.uploads)
  const latest = useRef<Callbacks>(settings)
  latest.current = settings
  useEffect(() => {
    // Only the callbacks this caller has: a list that shares the manager must not erase the
    // composer's. Two callers that both pass one: the last to render wins. The manager gets
    // functions that call the latest ones given: never a stale closure, and nothing once the
    // caller stops passing one.
    const next = defined(settings)
    if (next.onUploadSucceeded) {
      next.onUploadSucceeded = (details) => latest.current.onUploadSucceeded?.(details)
    }
    if (next.onUploadFailed) {
      next.onUploadFailed = (details) => latest.current.onUploadFailed?.(details)
    }
    manager.setOptions(next)
  })

  // Tracked in the manner of react-query's tracked results: reading `totals` in render
  // subscribes the component to progress; a component that reads only `ids` re-renders when
  // files come and go, and one that reads neither (a button that only adds) never re-renders
  // for the store.
  const [tracked] = useState({ ids: false, totals: false })
  const view = useSelected<UploadSnapshot, View>(
    useCallback((onChange) => manager.subscribe(onChange), [manager]),
    () => manager.getSnapshot(),
    (snapshot) => ({
      ids: snapshot.ids,
      totals: tracked.totals ? selectTotals(snapshot) : undefined,
    }),
    (a, b) =>
      (!tracked.ids || a.ids === b.ids) &&
      (b.totals === undefined || (a.totals !== undefined && sameTotals(a.totals, b.totals))),
  )

  const [rejected, setRejected] = useState<{ list: FileRejection[]; rules: UploadRules }>()
  // The provider's context carries the messages and formatters the reasons are written in.
  const rejections = useMemo(
    () => rejected?.list.map((item) => localizeRejection(item, rejected.rules, context)) ?? [],
    [rejected, context],
  )

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
      clearRejections: () => setRejected(undefined),
    }),
    [manager],
  )
  return useMemo(
    () => ({
      ...actions,
      rejections,
      get ids() {
        tracked.ids = true
        return view.ids
      },
      get totals() {
        tracked.totals = true
        return view.totals ?? selectTotals(manager.getSnapshot())
      },
      get rules() {
        return manager.getRules()
      },
    }),
    [actions, rejections, tracked, view, manager],
  )
}
