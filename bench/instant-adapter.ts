import type { AttachmentAdapter } from '../src/core/index.js'

/**
 * An adapter that answers Start and Complete at once, with a target the benchmarks' transports
 * never dial: the figures are then the engine's, not the network's.
 */
export const instantAdapter = (key: string): AttachmentAdapter => ({
  key,
  startUpload: async (file) => ({
    id: `remote-${file.name}`,
    url: 'http://127.0.0.1:9/never-dialed',
    headers: {},
    expiresAt: Date.now() + 3_600_000,
  }),
  completeUpload: () => Promise.resolve(),
  getFile: async (id) => ({ id, status: 'approved' }),
})
