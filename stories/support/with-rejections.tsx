import { useEffect, useRef } from 'react'
import type { ReactNode } from 'react'
import { useAttachmentUpload } from '../../src/react/index.js'
import type { AttachmentUploadController } from '../../src/react/index.js'

/**
 * A controller that has just been given `files` (once, StrictMode's second effect run
 * included), for showing what a component does with rejections.
 */
export function WithAdded(props: {
  files: () => File[]
  children: (controller: AttachmentUploadController) => ReactNode
}) {
  const controller = useAttachmentUpload()
  const added = useRef(false)
  const { add } = controller
  useEffect(() => {
    if (added.current) return
    added.current = true
    add(props.files())
  }, [add, props])
  return <>{props.children(controller)}</>
}
