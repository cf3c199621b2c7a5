// Our drop-in as a customer chat widget has it: AttachmentsProvider, UploadList,
// AttachmentDropzone and styles.css, on the chat adapter and the default XHR transport.
import { createRoot } from 'react-dom/client'
import { AttachmentDropzone, AttachmentsProvider, UploadList } from '../../src/react/index.js'
import { createParticipantAdapter } from '../../src/participant/index.js'
import { createRunFigures, type PageConfig, type PageFigures } from './page-kit.js'

let figures: ReturnType<typeof createRunFigures> | undefined

export function mount(config: PageConfig): void {
  const run = (figures = createRunFigures(config.expected))
  const adapter = createParticipantAdapter({
    endpoint: config.emulatorUrl,
    connectionToken: config.connectionToken,
  })
  const uploadOptions = {
    // The bench's drops are bigger than a chat's limits; the checks still run on every file.
    rules: { maxFiles: 1000, maxFileSize: 100 * 1024 * 1024 },
    ...(config.concurrency === undefined ? {} : { concurrency: config.concurrency }),
    onUploadSucceeded: run.completed,
    onUploadFailed: ({ error }: { error: Error }) => run.failed(error.message),
  }
  createRoot(document.getElementById('root')!).render(
    <AttachmentsProvider adapter={adapter} uploadOptions={uploadOptions}>
      <UploadList />
      <AttachmentDropzone />
    </AttachmentsProvider>,
  )
}

export const done = (): Promise<PageFigures> => figures!.done
