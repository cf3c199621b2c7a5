// The React entry must load in plain Node (server rendering): nothing may touch window,
// document or navigator at module top level.
import { describe, expect, it } from 'vitest'

describe('connect-attachments (the React entry)', () => {
  it('imports in Node, where there is no window, document or navigator DOM', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined')
    const entry = await import('../src/react/index.js')
    expect(entry.AttachmentsProvider).toBeTypeOf('function')
    expect(entry.useAttachmentDropzone).toBeTypeOf('function')
    expect(entry.defaultMessages.errors.network).toBeTypeOf('string')
  })

  it("marks the module as a client module ('use client' first)", async () => {
    const { readFile } = await import('node:fs/promises')
    const source = await readFile(new URL('../src/react/index.ts', import.meta.url), 'utf8')
    expect(source.split('\n')[0]).toBe("'use client'")
  })
})
