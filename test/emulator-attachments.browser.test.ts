// GET /_emulator/attachments from a real page: a browser test sees the Start and Complete calls
// behind an upload, including an attachment it abandoned, through the controls helper.
import { describe, expect, inject, it } from 'vitest'
import { emulatorControls } from './emulator-controls.js'

const base = inject('emulatorUrl')
const controls = emulatorControls(base)

const call = async (token: string, path: string, body: object): Promise<unknown> => {
  const response = await fetch(`${base}/participant/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-bearer': token },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return response.json()
}

describe('emulatorControls', () => {
  it('lists an abandoned and a completed attachment with the tokens the page sent', async () => {
    const token = await controls.chatConnectionToken()
    const start = (clientToken: string) =>
      call(token, 'start-attachment-upload', {
        ContentType: 'text/plain',
        AttachmentName: 'page.txt',
        AttachmentSizeInBytes: 4,
        ClientToken: clientToken,
      }) as Promise<{
        AttachmentId: string
        UploadMetadata: { Url: string; HeadersToInclude: Record<string, string> }
      }>
    const abandoned = await start(`abandoned-${crypto.randomUUID()}`)
    const kept = `kept-${crypto.randomUUID()}`
    const started = await start(kept)
    const headers = Object.fromEntries(
      Object.entries(started.UploadMetadata.HeadersToInclude).filter(
        ([name]) => name.toLowerCase() !== 'content-length',
      ),
    )
    const put = await fetch(started.UploadMetadata.Url, { method: 'PUT', headers, body: 'abcd' })
    expect(put.status).toBe(200)
    const completeToken = crypto.randomUUID()
    await call(token, 'complete-attachment-upload', {
      AttachmentIds: [started.AttachmentId],
      ClientToken: completeToken,
    })
    // The browser test files share one emulator: look only at this test's attachments.
    const mine = (await controls.attachments()).filter((a) =>
      [abandoned.AttachmentId, started.AttachmentId].includes(a.id),
    )
    expect(mine).toEqual([
      expect.objectContaining({ id: abandoned.AttachmentId, stored: false, completes: 0 }),
      expect.objectContaining({
        id: started.AttachmentId,
        status: 'APPROVED',
        stored: true,
        starts: 1,
        startTokens: [kept],
        completes: 1,
        completeTokens: [completeToken],
      }),
    ])
  })
})
