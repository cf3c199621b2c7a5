import { useEffect } from 'react'
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

/**
 * Hands a paste anywhere in `target` (a chat composer) to `paste`, the drop area's own paste
 * handler (`undefined` while disabled), except inside the area, which sees it anyway. So a paste
 * takes the path of a drop: react-dropzone reads the files from the clipboard, items first, as
 * some browsers fill only one of the two lists. A paste that also carries plain text is left
 * alone: Excel and Word put a picture of the copied cells or text on the clipboard next to the
 * text, and a user pasting text into a composer does not mean to attach that picture.
 */
export function usePasteFiles(
  target: PasteTarget | undefined,
  paste: ((event: ClipboardEvent) => void) | null | undefined,
  area: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const element = target && 'current' in target ? target.current : target
    if (!element || !paste) return
    const onPaste = (event: ClipboardEvent) => {
      if (area.current?.contains(event.target as Node)) return
      if (!event.clipboardData?.types.includes('text/plain')) paste(event)
    }
    element.addEventListener('paste', onPaste)
    return () => element.removeEventListener('paste', onPaste)
  }, [target, paste, area])
}
