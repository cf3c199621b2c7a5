// @vitest-environment node
// Server rendering: both components render to HTML in Node, where there is no DOM, and make no
// object URL there (a thumbnail is made in an effect, which a server never runs).
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { createStaticManager, uploadsInEveryState } from '../../test/static-uploads.js'
import { AttachmentsProvider } from './attachments-provider.js'
import { UploadList } from './upload-list.js'
import { UploadProgress } from './upload-progress.js'

describe('UploadList and UploadProgress on a server', () => {
  it('render every state to HTML in Node without an object URL or an adapter request', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined')
    const createObjectURL = vi.spyOn(URL, 'createObjectURL')
    const fake = createFakeAdapter()
    const { manager } = createStaticManager(uploadsInEveryState())
    const png = new Blob([new Uint8Array(10)], { type: 'image/png' })
    const html = renderToString(
      <AttachmentsProvider adapter={fake.adapter}>
        <UploadList manager={manager} getFile={() => png} />
        <UploadProgress id="uploading" manager={manager} />
      </AttachmentsProvider>,
    )
    expect(html).toContain('class="ca ca-upload-list"')
    expect(html).toContain('role="status"')
    expect(html.match(/<li /g)).toHaveLength(9)
    expect(html.match(/role="progressbar"/g)).toHaveLength(8)
    expect(html).toContain('aria-valuetext="45%, 3.2 of 7 MB"')
    expect(html).not.toContain('<img')
    // A strict Content Security Policy blocks style attributes in server HTML: the bars' values
    // are set in the page (UploadProgress), so none is written here.
    expect(html).not.toContain('style=')
    expect(createObjectURL).not.toHaveBeenCalled()
    expect(fake.calls.start).toEqual([])
    createObjectURL.mockRestore()
  })

  it("renders the provider's empty list", () => {
    const html = renderToString(
      <AttachmentsProvider adapter={createFakeAdapter().adapter}>
        <UploadList />
      </AttachmentsProvider>,
    )
    expect(html).toContain('role="status"')
    expect(html).not.toContain('<ul')
  })
})
