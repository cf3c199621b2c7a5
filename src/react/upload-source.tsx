import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import type { UploadManager } from '../core/upload-manager.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'

/** Where a component that adds files puts them. */
export interface UploadSourceProps {
  /**
   * The controller of a `useAttachmentUpload()` call: files go to its manager and its rejections
   * are shown, so a button and a list elsewhere share one state. @default a controller of the component's own
   */
  controller?: AttachmentUploadController
  /** The manager files go to when no `controller` is given. @default the provider's shared manager */
  manager?: UploadManager
}

/** An element to take pasted files from: a ref (read when mounted) or the element itself. */
export type PasteTarget = RefObject<HTMLElement | null> | HTMLElement | null

/** The files a clipboard carries; items first, as some browsers fill only one of the two lists. */
function clipboardFiles(data: DataTransfer): File[] {
  const files = Array.from(data.items ?? []).flatMap((item) =>
    item.kind === 'file' ? (item.getAsFile() ?? []) : [],
  )
  return files.length > 0 ? files : Array.from(data.files ?? [])
}

/**
 * Hands files pasted anywhere in `target` (a chat composer) to `onFiles`, except inside `own`,
 * whose own paste handling sees them. A paste that also carries plain text is left alone: Excel
 * and Word put a picture of the copied cells or text on the clipboard next to the text, and a
 * user pasting text into a composer does not mean to attach that picture.
 */
export function usePasteFiles(
  target: PasteTarget | undefined,
  onFiles: (files: File[]) => void,
  options: { disabled?: boolean; own?: RefObject<HTMLElement | null> } = {},
): void {
  const latest = useRef(onFiles)
  useEffect(() => {
    latest.current = onFiles
  })
  const { disabled = false, own } = options
  useEffect(() => {
    const element = target && 'current' in target ? target.current : target
    if (!element || disabled) return
    const onPaste = (event: ClipboardEvent) => {
      const data = event.clipboardData
      if (data === null || own?.current?.contains(event.target as Node)) return
      if (Array.from(data.types ?? []).includes('text/plain')) return
      const files = clipboardFiles(data)
      if (files.length === 0) return
      event.preventDefault()
      latest.current(files)
    }
    element.addEventListener('paste', onPaste)
    return () => element.removeEventListener('paste', onPaste)
  }, [target, disabled, own])
}
