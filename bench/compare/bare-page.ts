// The floor for one big file: Start, one bare XMLHttpRequest PUT and Complete, with no library
// and nothing rendered; the file comes through a plain file input.
import { createParticipantAdapter } from '../../src/participant/index.js'
import { createRunFigures, type PageConfig, type PageFigures } from './page-kit.js'

let figures: ReturnType<typeof createRunFigures> | undefined

function put(url: string, headers: Record<string, string>, body: File): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('PUT', url)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(`PUT ${xhr.status}`)))
    xhr.onerror = () => reject(new Error('PUT failed'))
    xhr.send(body)
  })
}

export function mount(config: PageConfig): void {
  const run = (figures = createRunFigures(config.expected))
  const adapter = createParticipantAdapter({
    endpoint: config.emulatorUrl,
    connectionToken: config.connectionToken,
  })
  const signal = new AbortController().signal
  const input = document.getElementById('root')!.appendChild(document.createElement('input'))
  input.type = 'file'
  input.multiple = true
  input.addEventListener('change', () => {
    for (const file of input.files ?? []) {
      const info = { name: file.name, size: file.size, type: file.type }
      void (async () => {
        const target = await adapter.startUpload(info, { clientToken: crypto.randomUUID(), signal })
        await put(target.url, target.headers, file)
        await adapter.completeUpload(target, { clientToken: crypto.randomUUID(), signal })
        run.completed()
      })().catch(run.failed)
    }
  })
}

export const done = (): Promise<PageFigures> => figures!.done
