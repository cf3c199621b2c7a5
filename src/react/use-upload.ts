import { useRef, useSyncExternalStore } from 'react'
import type { UploadState } from '../core/upload-machine.js'
import { useAttachmentsContext } from './attachments-provider.js'

/**
 * `select(source())` from an external store, computed again only when `source()` returns
 * another object or `select` is another function (TanStack's `select`: pass a stable one to
 * skip the work), and the previous result kept while `equal` finds the new one the same: the
 * component re-renders only when what it selected changes.
 */
export function useSelected<S, T>(
  subscribe: (onChange: () => void) => () => void,
  source: () => S,
  select: (source: S) => T,
  equal: (a: T, b: T) => boolean,
): T {
  const cache = useRef<{ source: S; select: (source: S) => T; value: T }>(undefined)
  const getSnapshot = (): T => {
    const next = source()
    const previous = cache.current
    if (previous !== undefined && previous.source === next && previous.select === select)
      return previous.value
    const value = select(next)
    const kept = previous !== undefined && equal(previous.value, value) ? previous.value : value
    cache.current = { source: next, select, value: kept }
    return kept
  }
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}

// A selector that returns a fresh object for an unchanged upload must not cause a re-render.
const shallowEqual = (a: unknown, b: unknown): boolean =>
  Object.is(a, b) ||
  (typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    Object.keys(a).length === Object.keys(b).length &&
    Object.entries(a).every(([key, value]) =>
      Object.is(value, (b as Record<string, unknown>)[key]),
    ))

const same = <T>(value: T): T => value

/**
 * One upload's state, from whichever manager below the provider holds it; `undefined` for an
 * unknown id. Re-renders only when that upload changes, or, with `select`, when the selected
 * slice does (compared shallowly): progress on file A never re-renders file B's row.
 */
export function useUpload(id: string): UploadState | undefined
export function useUpload<T>(id: string, select: (upload: UploadState | undefined) => T): T
export function useUpload<T>(
  id: string,
  select?: (upload: UploadState | undefined) => T,
): T | UploadState | undefined {
  const { uploads } = useAttachmentsContext()
  return useSelected<UploadState | undefined, unknown>(
    uploads.subscribe,
    () => uploads.find(id),
    select ?? same,
    shallowEqual,
  ) as T | UploadState | undefined
}
