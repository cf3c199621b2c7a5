// Each entry must load in plain Node (server-side rendering, route handlers): nothing may touch
// `window`, chatjs or the AWS SDK at module top level.
import { describe, expect, it } from 'vitest'

describe('entry points', () => {
  it('imports connect-attachments/core in Node', async () => {
    const core = await import('../src/core/index.js')
    expect(core.AttachmentError).toBeTypeOf('function')
  })

  it('imports connect-attachments/participant in Node', async () => {
    const participant = await import('../src/participant/index.js')
    expect(Object.keys(participant).sort()).toEqual([
      'CHAT_LIMITS',
      'createParticipantAdapter',
      'parseAttachmentItem',
      'parseAttachments',
      'participantAdapterFromChatSession',
    ])
  })

  it('imports connect-attachments/cases in Node', async () => {
    const cases = await import('../src/cases/index.js')
    expect(Object.keys(cases).sort()).toEqual([
      'ATTACHED_FILES_OPERATIONS',
      'ATTACHED_FILE_LIMITS',
      'createAttachedFilesHandler',
      'createCasesAdapter',
      'sendViaConnectClient',
      'sendViaHttpBackend',
    ])
  })

  it('does not load chatjs (a global-setting script) when the adapters are imported', async () => {
    await import('../src/participant/index.js')
    await import('../src/cases/index.js')
    expect((globalThis as { connect?: unknown }).connect).toBeUndefined()
  })
})
