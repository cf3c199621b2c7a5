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

/**
 * A drag data store holding one folder of `files`, as a browser gives a dropped folder: an item
 * whose entry is a directory, read through its reader. The reader answers once `release()` is
 * called, as a large folder takes its time; `reading` turns true once it is asked.
 */
export function slowFolder(name: string, files: File[]) {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const folder = { reading: false, release, transfer: {} }
  const fileEntry = (file: File) => ({
    isDirectory: false,
    isFile: true,
    name: file.name,
    fullPath: `/${name}/${file.name}`,
    file: (done: (file: File) => void) => done(file),
  })
  let batches = [files.map(fileEntry), []]
  const entry = {
    isDirectory: true,
    isFile: false,
    name,
    fullPath: `/${name}`,
    createReader: () => ({
      readEntries(done: (batch: unknown[]) => void) {
        folder.reading = true
        void released.then(() => {
          const [batch = [], ...rest] = batches
          batches = rest
          done(batch)
        })
      },
    }),
  }
  const item = { kind: 'file', type: '', getAsFile: () => null, webkitGetAsEntry: () => entry }
  folder.transfer = { files: [], items: [item], types: ['Files'] }
  return folder
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
