// A fake adapter whose stored files are in every state a download can be in, by file id.
import { AttachmentError } from '../../src/core/index.js'
import type { AttachmentAdapter } from '../../src/core/index.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import type { FakeAdapter } from '../../test/fake-adapter.js'

const MINUTE = 60_000
const photoUrl = new URL('../assets/sample-photo.png', import.meta.url).href

/** Stored files by id, with the name the host would know them by and what they show. */
export const storedFiles = {
  loading: { name: 'pending-answer.pdf', shows: 'Loading (the service has not answered)' },
  processing: { name: 'scan-in-progress.pdf', shows: 'Processing (being scanned)' },
  approved: { name: 'quarterly-report.pdf', shows: 'Approved (ready to download)' },
  photo: { name: 'site-photo.png', shows: 'Approved image' },
  rejected: { name: 'invoice.docm.pdf', shows: 'Scan rejected' },
  failed: { name: 'archive-scan.pdf', shows: 'Scan failed' },
  gone: { name: 'removed-file.pdf', shows: 'Error (not found)' },
  unsafe: { name: 'crafted-answer.pdf', shows: 'Unsafe URL refused' },
  renewed: { name: 'contract-v2.pdf', shows: 'Expired URL, then refreshed' },
  locked: { name: 'audit-log.csv', shows: 'Delete refused by the service' },
} as const

export type StoredFileId = keyof typeof storedFiles

/** What {@link createDownloadScene} returns. */
interface DownloadScene {
  adapter: AttachmentAdapter
  fake: FakeAdapter
  /** Ids `deleteFile` was called with, in order. */
  deleted: string[]
}

/**
 * The fake adapter with a scripted answer for each of {@link storedFiles}; `now` is the clock
 * its URLs expire by (a story moves it to age a link).
 */
function createDownloadScene(now: () => number = Date.now): DownloadScene {
  const fake = createFakeAdapter({ now })
  const url = (id: string) => `https://files.example.com/${id}?X-Amz-Signature=story`
  const ready = (id: StoredFileId, size: number) => ({
    name: storedFiles[id].name,
    size,
    download: { url: url(id), expiresAt: now() + 5 * MINUTE },
  })
  fake.scriptFile('processing', 'processing')
  fake.scriptFile('approved', ready('approved', 482_000))
  fake.scriptFile('photo', {
    ...ready('photo', 27_825),
    download: { url: photoUrl, expiresAt: now() + 5 * MINUTE },
  })
  fake.scriptFile('locked', ready('locked', 9_200))
  fake.scriptFile('rejected', 'rejected')
  fake.scriptFile('failed', 'failed')
  fake.scriptFile('gone', new AttachmentError('not-found', 'No such file.', { status: 404 }))
  fake.scriptFile('unsafe', {
    download: { url: 'javascript:alert(document.domain)', expiresAt: now() + 5 * MINUTE },
  })
  // The first answer's URL has already expired; the hook asks again before showing a link.
  fake.scriptFile(
    'renewed',
    { download: { url: `${url('renewed')}-expired`, expiresAt: now() - MINUTE } },
    'approved',
  )
  const deleted: string[] = []
  const adapter: AttachmentAdapter = {
    ...fake.adapter,
    getFile(id, init) {
      if (id !== 'loading') return fake.adapter.getFile(id, init)
      return new Promise((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true })
      })
    },
    async deleteFile(id) {
      deleted.push(id)
      if (id === 'locked')
        throw new AttachmentError('access-denied', 'Not allowed.', { status: 403 })
    },
  }
  return { adapter, fake, deleted }
}

/** A clock a story can move, starting now. */
function createClock() {
  let time = Date.now()
  return {
    now: () => time,
    advance(ms: number) {
      time += ms
    },
  }
}

/** What a story's loader gives it: the scene, its adapter for the provider, and its clock. */
export interface LoadedDownloads {
  scene: DownloadScene
  adapter: AttachmentAdapter
  clock: ReturnType<typeof createClock>
}

/** A story loader for {@link createDownloadScene}, on a clock the story can move. */
export async function loadDownloads(): Promise<LoadedDownloads> {
  const clock = createClock()
  const scene = createDownloadScene(clock.now)
  return { scene, adapter: scene.adapter, clock }
}
