// Server rendering of the components that take files: they render to a string in plain Node
// (no window, document or navigator) and start nothing.
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { AttachmentButton } from '../src/react/attachment-button.js'
import { AttachmentDropzone } from '../src/react/attachment-dropzone.js'
import { AttachmentsProvider } from '../src/react/attachments-provider.js'
import { createFakeAdapter } from './fake-adapter.js'

describe('AttachmentDropzone and AttachmentButton on a server', () => {
  it('render to a string in Node without calling the adapter', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined')
    const fake = createFakeAdapter({ limits: { maxFileSize: 100 * 1024 * 1024 } })
    const html = renderToString(
      <AttachmentsProvider adapter={fake.adapter} locale="en-US">
        <AttachmentDropzone />
        <AttachmentButton capture="user" />
      </AttachmentsProvider>,
    )
    expect(html).toContain('class="ca ca-attachment-dropzone"')
    // The dropzone's real button, named by its label.
    expect(html).toContain('<button type="button" class="ca-attachment-dropzone__label"')
    expect(html).toContain('up to <bdi>100 MB</bdi> each, <bdi>35</bdi> files')
    expect(html).toContain('aria-label="Attach a file"')
    expect(html).toContain('capture="user"')
    expect(html).not.toContain('style=')
    expect(fake.calls.start).toHaveLength(0)
  })
})
