// Server rendering of the download components: each renders to a string in plain Node, in its
// first state, with no request made to the adapter (nothing may start during render).
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createFakeAdapter } from './fake-adapter.js'
import { AttachedFileCard } from '../src/react/attached-file-card.js'
import { AttachmentLink } from '../src/react/attachment-link.js'
import { AttachmentMessage } from '../src/react/attachment-message.js'
import { AttachmentsProvider } from '../src/react/attachments-provider.js'

describe('AttachmentLink, AttachedFileCard and AttachmentMessage on a server', () => {
  it('render to a string in Node without calling the adapter', () => {
    const fake = createFakeAdapter()
    let deletes = 0
    const adapter = { ...fake.adapter, deleteFile: async () => void (deletes += 1) }
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const attachment = { id: 'b', name: 'photo.png', contentType: 'image/png' }
    const html = renderToString(
      <AttachmentsProvider adapter={adapter}>
        <AttachmentLink fileId="a" name="report.pdf" />
        <AttachedFileCard fileId="c" name="case.pdf" createdAt={Date.now()} />
        <AttachmentMessage attachment={{ ...attachment, status: 'approved' }} />
        <AttachmentMessage attachment={{ ...attachment, id: 'd', status: 'processing' }} />
      </AttachmentsProvider>,
    )
    expect(html).toContain('class="ca ca-attachment-link" data-status="loading"')
    expect(html).toContain('class="ca ca-attached-file-card" data-status="loading"')
    expect(html).toContain('class="ca ca-attachment-message" data-status="approved"')
    expect(html).toContain('Checking for viruses…')
    expect(html).not.toContain('href=')
    expect(html).not.toContain('<img')
    expect(fake.getFileCalls).toHaveLength(0)
    expect(deletes).toBe(0)
  })
})
