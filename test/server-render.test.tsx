// Server rendering: the React entry and a tree using every hook render to a string in plain
// Node, with no request made to the adapter (nothing may start during render).
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createFakeAdapter } from './fake-adapter.js'
import { AttachmentsProvider } from '../src/react/attachments-provider.js'
import { useAttachedFile } from '../src/react/use-attached-file.js'
import { useAttachmentUpload } from '../src/react/use-attachment-upload.js'
import { useUpload } from '../src/react/use-upload.js'
import { limitsText } from '../src/react/message-text.js'
import { messagesDe } from '../src/react/messages-de.js'
import { useAttachmentsContext } from '../src/react/attachments-provider.js'

function Composer() {
  const { ids, totals, rejections, rules } = useAttachmentUpload({ concurrency: 2 })
  const context = useAttachmentsContext()
  const upload = useUpload('upload-0')
  const file = useAttachedFile('attachment-1')
  return (
    <section>
      <p>{limitsText(rules, context)}</p>
      <p data-count={ids.length} data-percent={totals.percent} data-rejected={rejections.length}>
        {String(upload?.status)}
      </p>
      <p data-file-status={file.status}>{file.url ?? 'no url'}</p>
    </section>
  )
}

describe('server rendering', () => {
  it('renders every hook to a string in Node without calling the adapter', () => {
    const fake = createFakeAdapter()
    const getFile = fake.adapter.getFile
    let getFileCalls = 0
    const adapter = { ...fake.adapter, getFile: (id: string) => (getFileCalls++, getFile(id)) }
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const html = renderToString(
      <AttachmentsProvider adapter={adapter} locale="de-DE" messages={messagesDe}>
        <Composer />
      </AttachmentsProvider>,
    )
    expect(html).toContain('data-count="0"')
    expect(html).toContain('data-percent="0"')
    expect(html).toContain('data-file-status="loading"')
    expect(html).toContain('bis 20 MB pro Datei')
    expect(fake.calls.start).toHaveLength(0)
    expect(getFileCalls).toBe(0)
  })
})
