// Uppy 6 as its docs set it up for S3: the inline Dashboard of @uppy/react, @uppy/aws-s3
// PUTting each file whole to a presigned URL. Start is called in `signRequest`, Complete on
// `upload-success`, both on the emulator's Participant Service, as our adapter calls them.
import AwsS3 from '@uppy/aws-s3'
import Uppy from '@uppy/core'
import Dashboard from '@uppy/react/dashboard'
import { options } from 'preact'
import { createRoot } from 'react-dom/client'
import { createParticipantAdapter } from '../../src/participant/index.js'
import type { UploadTarget } from '../../src/core/index.js'
import { createRunFigures, type PageConfig, type PageFigures } from './page-kit.js'

let figures: ReturnType<typeof createRunFigures> | undefined

// Uppy's Dashboard renders in Preact inside the React wrapper (which commits nothing while files
// upload): its commits are Preact's, counted where Preact's devtools count them, the commit hook
// `options._commit`, published as `options.__c` (preact/src/diff/index.js, commitRoot).
const hooks = options as { __c?: (...args: unknown[]) => void }
const commit = hooks.__c
hooks.__c = (...args) => {
  const page = window as { __commits?: number }
  page.__commits = (page.__commits ?? 0) + 1
  commit?.(...args)
}

export function mount(config: PageConfig): void {
  const run = (figures = createRunFigures(config.expected))
  const adapter = createParticipantAdapter({
    endpoint: config.emulatorUrl,
    connectionToken: config.connectionToken,
  })
  const signal = new AbortController().signal
  const targets = new Map<string, UploadTarget>()
  const uppy = new Uppy({ autoProceed: true })
  uppy.use(AwsS3, {
    shouldUseMultipart: false,
    // The file's id as the key, so that signRequest knows which file it signs for.
    generateObjectKey: (file) => file.id,
    async signRequest(request) {
      const file = uppy.getFile(request.key)
      const info = { name: file.name ?? '', size: file.size ?? 0, type: file.type }
      const target = await adapter.startUpload(info, { clientToken: crypto.randomUUID(), signal })
      targets.set(file.id, target)
      return { url: target.url, headers: target.headers }
    },
  })
  uppy.on('upload-success', (file) => {
    const target = file && targets.get(file.id)
    if (target === undefined) return
    void adapter
      .completeUpload(target, { clientToken: crypto.randomUUID(), signal })
      .then(run.completed, run.failed)
  })
  uppy.on('upload-error', (_file, error) => run.failed(error.message))
  createRoot(document.getElementById('root')!).render(
    <Dashboard uppy={uppy} proudlyDisplayPoweredByUppy={false} height={400} />,
  )
}

export const done = (): Promise<PageFigures> => figures!.done
