import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { createUploadManager } from '../../src/core/index.js'
import { useAttachmentUpload, useAttachmentsContext } from '../../src/react/index.js'
import type { AttachmentUploadController } from '../../src/react/index.js'

/**
 * A controller that has just been given `files` (once, StrictMode's second effect run
 * included), for showing what a component does with rejections. A manager of its own: the
 * rejections of a manager's last add are shared by every control on it, and each example shows
 * its own.
 */
export function WithAdded(props: {
  files: () => File[]
  children: (controller: AttachmentUploadController) => ReactNode
}) {
  const { adapter } = useAttachmentsContext()
  const [manager] = useState(() => createUploadManager({ adapter }))
  const controller = useAttachmentUpload({ manager })
  const added = useRef(false)
  const { add } = controller
  useEffect(() => {
    if (added.current) return
    added.current = true
    add(props.files())
  }, [add, props])
  return <>{props.children(controller)}</>
}
