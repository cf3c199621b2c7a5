import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { UploadState } from '../core/upload-machine.js'
import { useAttachmentsContext } from './attachments-provider.js'

// A selector that returns a fresh object for an unchanged upload must not cause a re-render.
const shallowEqual = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const keys = Object.keys(a)
  const other = b as Record<string, unknown>
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.is((a as Record<string, unknown>)[key], other[key]))
  )
}

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
  const cache = useRef<{ upload: UploadState | undefined; value: unknown } | null>(null)
  // Read when the upload changes: a new function for the same upload changes nothing.
  const selector = useRef(select)
  selector.current = select
  const getSnapshot = useCallback(() => {
    const upload = uploads.find(id)
    const previous = cache.current
    if (previous !== null && previous.upload === upload) return previous.value
    const value = selector.current === undefined ? upload : selector.current(upload)
    cache.current = {
      upload,
      value: previous !== null && shallowEqual(previous.value, value) ? previous.value : value,
    }
    return cache.current.value
  }, [uploads, id])
  const subscribe = useCallback((onChange: () => void) => uploads.subscribe(onChange), [uploads])
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot) as T | UploadState | undefined
}
