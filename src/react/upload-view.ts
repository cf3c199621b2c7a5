import { useRef, useState } from 'react'
import type { UploadManager } from '../core/upload-manager.js'
import type { UploadManagerSettings } from '../core/upload-manager-options.js'
import { sameTotals, selectTotals } from '../core/upload-selectors.js'
import type { UploadTotals } from '../core/upload-selectors.js'
import type { UploadSnapshot } from '../core/upload-store.js'
import type { LocalizedRejection } from './message-text.js'

type Tracked = 'ids' | 'totals'

/** What the controller's owner renders from: only the parts it has read are kept current. */
interface ViewState {
  readonly ids: readonly string[]
  readonly totals: UploadTotals | undefined
}

/**
 * The tracked view behind `useAttachmentUpload`, in the manner of react-query's tracked
 * results: reading `totals` in render subscribes the component to progress; a component that
 * reads only `ids` re-renders when files come and go, and one that reads neither (a button that
 * only adds) never re-renders for the store.
 */
export function createUploadView() {
  const tracked = new Set<Tracked>()
  let cache: { snapshot: UploadSnapshot; state: ViewState } | undefined

  return {
    /** The view of `snapshot`; the previous object while nothing read has changed. */
    read(snapshot: UploadSnapshot): ViewState {
      if (cache?.snapshot === snapshot) return cache.state
      const totals = tracked.has('totals') ? selectTotals(snapshot) : undefined
      const previous = cache?.state
      const unchanged =
        previous !== undefined &&
        (!tracked.has('ids') || previous.ids === snapshot.ids) &&
        (totals === undefined ||
          (previous.totals !== undefined && sameTotals(previous.totals, totals)))
      const state = unchanged ? previous : { ids: snapshot.ids, totals }
      cache = { snapshot, state }
      return state
    },
    /** The object the hook returns: getters that record what its owner reads. */
    controller<A extends { manager: UploadManager }>(
      state: ViewState,
      actions: A,
      rejections: readonly LocalizedRejection[],
    ) {
      return {
        ...actions,
        rejections,
        get ids() {
          tracked.add('ids')
          return state.ids
        },
        get totals() {
          tracked.add('totals')
          return state.totals ?? selectTotals(actions.manager.getSnapshot())
        },
        get rules() {
          return actions.manager.getRules()
        },
      }
    },
  }
}

type Callbacks = Pick<UploadManagerSettings, 'onUploadSucceeded' | 'onUploadFailed'>

/**
 * Stable callbacks that call the latest ones given, so that passing a new arrow function on
 * every render neither reconfigures the manager nor calls a stale closure.
 */
export function useLatestCallbacks(settings: Callbacks): Required<Callbacks> {
  const latest = useRef(settings)
  latest.current = settings
  const [stable] = useState<Required<Callbacks>>(() => ({
    onUploadSucceeded: (details) => latest.current.onUploadSucceeded?.(details),
    onUploadFailed: (details) => latest.current.onUploadFailed?.(details),
  }))
  return stable
}
