import { useEffect, useMemo, useRef, useState } from 'react'
import { createStore } from '../core/store.js'
import type { Store } from '../core/store.js'
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
  /**
   * The manager's last `add`'s rejected files with localized reasons, until cleared or the next
   * `add` (one list per manager, whichever control or hook the files came through).
   */
  readonly rejections: readonly LocalizedRejection[]
  /** The `source` the last `add` named, the control that shows its rejections. */
  readonly rejectionSource: string | undefined
  /** The rules files are checked against now: this render's options over the manager's. */
  readonly rules: UploadRules
  /**
   * Validates the files against this render's options and queues those that pass; returns the
   * new ids. `source` names the control the files came through (its rejections show there).
   */
  add(files: Iterable<File> | ArrayLike<File>, source?: string): string[]
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
 * (a host's manager that already holds uploads) never shows it missing. A conversation's manager
 * collected between this render and its commit (idle and unobserved for `gcTime`) is looked up
 * again by a new render, rather than mounted disposed.
 */
export function useRegisteredManager(
  manager: UploadManager | undefined,
  uploads: UploadRegistry,
  lookedUp = false,
): void {
  if (manager !== undefined) uploads.note(manager)
  // Set to a new object each time, so that each look asks for a render again.
  const [, lookAgain] = useState<object>()
  useEffect(() => {
    if (manager === undefined) return
    if (lookedUp && manager.isDisposed()) return lookAgain({})
    manager.mount()
    const unregister = uploads.register(manager)
    return () => {
      unregister()
      manager.unmount()
    }
  }, [manager, uploads, lookedUp])
}

/**
 * The manager `given`, else the provider's shared one (the conversation's), counted as used by
 * the component and registered while it is mounted (see {@link useRegisteredManager}).
 */
export function useManager(given: UploadManager | undefined): UploadManager {
  const context = useAttachmentsContext()
  const manager = given ?? context.sharedManager()
  useRegisteredManager(manager, context.uploads, given === undefined)
  return manager
}

type Callbacks = Pick<UploadManagerSettings, 'onUploadSucceeded' | 'onUploadFailed'>

/** The rejections of a manager's last `add`, shared by every controller of that manager. */
interface Rejected {
  list: FileRejection[]
  rules: UploadRules
  source: string | undefined
}
const rejectedByManager = new WeakMap<UploadManager, Store<Rejected | undefined>>()
/** The store of a manager's last `add`'s rejections (and the rules they were checked against). */
export const rejectedOf = (manager: UploadManager) =>
  rejectedByManager.get(manager) ??
  rejectedByManager.set(manager, createStore<Rejected | undefined>(undefined)).get(manager)!

/**
 * `settings` as the manager takes them: without `undefined` entries, and with callbacks that
 * call the latest ones given, so that the manager never holds a stale closure.
 */
function managerSettings(settings: UploadManagerSettings, latest: { current: Callbacks }) {
  // Only the callbacks this caller has: a list that shares the manager must not erase the
  // composer's. Two callers that both pass one: the last to render wins.
  const next = defined(settings)
  if (next.onUploadSucceeded) {
    next.onUploadSucceeded = (details) => latest.current.onUploadSucceeded?.(details)
  }
  if (next.onUploadFailed) {
    next.onUploadFailed = (details) => latest.current.onUploadFailed?.(details)
  }
  return next
}

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
  const manager = useManager(given)
  // The options of the latest render: rules and `add` read them at once (a file picked before
  // the effects run is checked against them), and the effect keeps queued work in step.
  const latest = useRef<UploadManagerSettings>(settings)
  latest.current = settings
  const { rules: renderRules } = settings
  useEffect(() => manager.setOptions(managerSettings(settings, latest)))

  // Tracked in the manner of react-query's tracked results: reading `totals` in render
  // subscribes the component to progress; a component that reads only `ids` re-renders when
  // files come and go, and one that reads neither (a button that only adds) never re-renders
  // for the store.
  const [tracked] = useState({ ids: false, totals: false })
  const view = useSelected<UploadSnapshot, View>(
    manager.subscribe,
    manager.getSnapshot,
    (snapshot) => ({
      ids: snapshot.ids,
      totals: tracked.totals ? selectTotals(snapshot) : undefined,
    }),
    (a, b) =>
      (!tracked.ids || a.ids === b.ids) &&
      (b.totals === undefined || (a.totals !== undefined && sameTotals(a.totals, b.totals))),
  )

  const rejectedStore = rejectedOf(manager)
  // Read through useSelected as the uploads are, the store's value as it is.
  const rejected = useSelected(
    rejectedStore.subscribe,
    rejectedStore.getSnapshot,
    (last) => last,
    Object.is,
  )
  // The provider's context carries the messages and formatters the reasons are written in.
  const rejections = useMemo(
    () => rejected?.list.map((item) => localizeRejection(item, rejected.rules, context)) ?? [],
    [rejected, context],
  )

  const actions = useMemo(
    () => ({
      manager,
      add(files: Iterable<File> | ArrayLike<File>, source?: string) {
        manager.setOptions(managerSettings(latest.current, latest))
        const rules = manager.getRules()
        const result = manager.add(files)
        rejectedStore.setState({ list: result.rejections, rules, source })
        return result.ids
      },
      // The manager's own functions, which need no `this` (as UploadList reads them too).
      cancel: manager.cancel,
      retry: manager.retry,
      remove: manager.remove,
      clear: manager.clear,
      clearRejections: () => rejectedStore.setState(undefined),
    }),
    [manager, rejectedStore],
  )
  return useMemo(
    () => ({
      ...actions,
      rejections,
      rejectionSource: rejected?.source,
      get ids() {
        tracked.ids = true
        return view.ids
      },
      get totals() {
        tracked.totals = true
        return view.totals ?? selectTotals(manager.getSnapshot())
      },
      get rules() {
        return { ...manager.getRules(), ...defined(renderRules) }
      },
    }),
    [actions, rejections, rejected, tracked, view, manager, renderRules],
  )
}
