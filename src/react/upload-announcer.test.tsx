// Two lists of one manager on a page (a composer's and a side panel's) share one voice: each
// milestone is heard once, not once per list, and the second list speaks once the first goes.
import { act, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderStrict } from '../../test/render.js'
import { fileOf } from '../../test/upload-harness.js'
import { UploadList } from './upload-list.js'
import { useAttachmentUpload } from './use-attachment-upload.js'
import type { AttachmentUploadController } from './use-attachment-upload.js'

/** Every live region's text, in document order. */
const heard = () => screen.getAllByRole('status').map((region) => region.textContent)

describe('UploadList announcements with two lists of one manager', () => {
  it('says each milestone once, and hands the voice on when the first list goes', async () => {
    const setup = setupUploads({ autoPut: false })
    let controller!: AttachmentUploadController
    let hideFirst!: () => void
    function Page() {
      controller = useAttachmentUpload()
      const [first, setFirst] = useState(true)
      hideFirst = () => setFirst(false)
      return (
        <>
          {first && <UploadList controller={controller} className="first" />}
          <UploadList controller={controller} className="second" />
        </>
      )
    }
    renderStrict(<Page />, setup.provider)
    act(() => void controller.add([fileOf('a.pdf', 10)]))
    await waitFor(() => expect(heard()).toEqual(['a.pdf added', '']))

    act(() => hideFirst())
    act(() => void controller.add([fileOf('b.pdf', 10)]))
    await waitFor(() => expect(heard()).toEqual(['b.pdf added']))
  })
})
