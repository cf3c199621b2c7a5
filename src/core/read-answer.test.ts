import { describe, expect, it } from 'vitest'
import { attachmentErrorOf } from '../../test/attachment-error-of.js'
import { MAX_SERVICE_ANSWER_BYTES, readAnswer } from './read-answer.js'

/** A response whose body is `chunks`, then (unless `endless`) its end; counts the reads. */
function streamed(chunks: Uint8Array[], endless = false) {
  const stats = { pulls: 0, canceled: false }
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulls += 1
      const chunk = chunks.shift()
      if (chunk) controller.enqueue(chunk)
      else if (!endless) controller.close()
      else controller.enqueue(new Uint8Array(64 * 1024))
    },
    cancel() {
      stats.canceled = true
    },
  })
  return { response: new Response(body), stats }
}

describe('readAnswer', () => {
  it('reads a body as UTF-8, a character split across chunks included', async () => {
    const bytes = new TextEncoder().encode('{"AttachmentName":"Übersicht – 報告.pdf"}')
    const { response } = streamed([bytes.slice(0, 22), bytes.slice(22, 33), bytes.slice(33)])
    expect(await readAnswer(response, 'GetAttachment')).toBe(
      '{"AttachmentName":"Übersicht – 報告.pdf"}',
    )
  })

  it('reads an empty body, and a response without one', async () => {
    expect(await readAnswer(new Response(''), 'CompleteAttachmentUpload')).toBe('')
    expect(await readAnswer(new Response(null, { status: 204 }), 'DeleteAttachedFile')).toBe('')
  })

  it('stops reading past the limit and fails with {invalid-response}', async () => {
    const { response, stats } = streamed([], true)
    const error = await attachmentErrorOf(readAnswer(response, 'GetTranscript'))
    expect(error).toMatchObject({ code: 'invalid-response' })
    expect(error.message).toContain('GetTranscript')
    expect(stats.canceled).toBe(true)
    expect(stats.pulls).toBeLessThanOrEqual(MAX_SERVICE_ANSWER_BYTES / (64 * 1024) + 2)
  })
})
