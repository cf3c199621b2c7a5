// Renders an UploadList over the provider's manager, wired to the fakes of `setupUploads`,
// with the controller of a host component that adds files.
import { act } from '@testing-library/react'
import { UploadList } from '../src/react/upload-list.js'
import type { UploadListProps } from '../src/react/upload-list.js'
import { useAttachmentUpload } from '../src/react/use-attachment-upload.js'
import type { AttachmentUploadController } from '../src/react/use-attachment-upload.js'
import type { setupUploads } from './react-upload-harness.js'
import { renderStrict } from './render.js'

type ListProps = Omit<UploadListProps, 'controller'>

function Host(props: ListProps & { expose: (c: AttachmentUploadController) => void }) {
  const { expose, ...rest } = props
  const controller = useAttachmentUpload()
  expose(controller)
  return <UploadList controller={controller} {...rest} />
}

/**
 * Renders the list; `add` adds files through the controller and returns their ids. Each file
 * added is kept by its id for the list's `getFile`, so image rows get thumbnails.
 */
export function renderUploadList(setup: ReturnType<typeof setupUploads>, props: ListProps = {}) {
  const files = new Map<string, File>()
  let controller!: AttachmentUploadController
  const result = renderStrict(
    <Host getFile={(id) => files.get(id)} {...props} expose={(c) => (controller = c)} />,
    setup.provider,
  )
  const add = (...added: File[]): string[] => {
    let ids: string[] = []
    act(() => {
      ids = controller.add(added)
      ids.forEach((id, index) => files.set(id, added[index]!))
    })
    return ids
  }
  return { ...result, add, controller: () => controller }
}
