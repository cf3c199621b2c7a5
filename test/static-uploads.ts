// Uploads in any state without running anything: a manager whose snapshot is fixed, for
// rendering a state the engine would not let a test reach (a name validation turns away) and
// for server rendering, where nothing may start.
import { CONNECT_DEFAULT_LIMITS } from '../src/core/connect-limits.js'
import { AttachmentError } from '../src/core/errors.js'
import { createUploadState, transition } from '../src/core/upload-machine.js'
import type { UploadEvent, UploadState } from '../src/core/upload-machine.js'
import type { UploadManager } from '../src/core/upload-manager.js'

const MB = 1024 * 1024

/** An upload of `name` after `events`, from queued. */
export function uploadAfter(
  id: string,
  name: string,
  events: UploadEvent[],
  file: { size?: number; type?: string } = {},
): UploadState {
  const start = createUploadState(id, {
    name,
    size: file.size ?? 7 * MB,
    type: file.type ?? 'application/pdf',
  })
  return events.reduce(transition, start)
}

const started: UploadEvent[] = [{ type: 'start' }, { type: 'started', target: { id: 'remote' } }]

/** One upload in each state a row can show, named after it (`uploading.pdf`, …). */
export function uploadsInEveryState(): UploadState[] {
  const network = new AttachmentError('network', 'lost')
  return [
    uploadAfter('queued', 'queued.pdf', []),
    uploadAfter('starting', 'starting.pdf', [{ type: 'start' }]),
    uploadAfter('uploading', 'uploading.pdf', [...started, { type: 'progress', loaded: 3.2 * MB }]),
    uploadAfter('finishing', 'finishing.pdf', [...started, { type: 'sent' }]),
    uploadAfter('completing', 'completing.pdf', [...started, { type: 'uploaded' }]),
    uploadAfter('succeeded', 'succeeded.pdf', [
      ...started,
      { type: 'uploaded' },
      { type: 'completed' },
    ]),
    uploadAfter('retrying', 'retrying.pdf', [
      ...started,
      { type: 'backoff', error: network, retryAt: Date.now() + 5000 },
    ]),
    uploadAfter('failed', 'failed.pdf', [...started, { type: 'fail', error: network }]),
    uploadAfter('canceled', 'canceled.pdf', [...started, { type: 'cancel' }]),
  ]
}

/** A manager that shows `uploads` as they are and records what it is asked to do. */
export function createStaticManager(uploads: readonly UploadState[]) {
  const snapshot = {
    ids: uploads.map((upload) => upload.id),
    byId: Object.fromEntries(uploads.map((upload) => [upload.id, upload])),
  }
  const calls: string[] = []
  const record = (name: string) => (id?: string) => void calls.push(`${name} ${id ?? ''}`.trim())
  const manager: UploadManager = {
    getSnapshot: () => snapshot,
    subscribe: () => () => {},
    add: () => ({ ids: [], rejections: [] }),
    cancel: record('cancel'),
    retry: record('retry'),
    remove: record('remove'),
    clear: record('clear'),
    getFile: () => undefined,
    getRules: () => CONNECT_DEFAULT_LIMITS,
    setOptions: () => {},
    mount: () => {},
    unmount: () => {},
    dispose: () => {},
    isDisposed: () => false,
  }
  return { manager, calls }
}
