// Shared by the dropzone and attach button tests: what a drop or paste carries, and the
// provider's shared uploads as rows with their status.
import { screen } from '@testing-library/react'
import { useAttachmentUpload } from '../src/react/use-attachment-upload.js'
import { useUpload } from '../src/react/use-upload.js'

/** What a drop or paste carries, shaped like the DataTransfer react-dropzone's own tests use. */
export function transferOf(files: File[], types = ['Files']) {
  const items = files.map((file) => ({ kind: 'file', type: file.type, getAsFile: () => file }))
  return { files, items, types }
}

function Row({ id }: { id: string }) {
  const upload = useUpload(id)
  return <li data-status={upload?.status}>{upload?.name}</li>
}

/** The provider's shared uploads, as a list named "uploads" of rows with their status. */
export function SharedUploads() {
  const { ids } = useAttachmentUpload()
  return (
    <ul aria-label="uploads">
      {ids.map((id) => (
        <Row key={id} id={id} />
      ))}
    </ul>
  )
}

/** The `data-status` of each row of {@link SharedUploads}. */
export const sharedStatuses = () =>
  Array.from(screen.getByRole('list', { name: 'uploads' }).children, (row) =>
    row.getAttribute('data-status'),
  )
