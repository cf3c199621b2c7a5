// xhrTransport's timer following the pace of a PUT (put-pace.ts), and its reading of the answer,
// under fake timers with a scripted XMLHttpRequest (Node has none). What Chromium really reports
// on a slow link is in test/xhr-transport-emulator.browser.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { attachmentErrorOf } from '../../test/attachment-error-of.js'
import { xhrTransport } from './xhr-transport.js'

const MB = 1024 * 1024

/** A scripted XMLHttpRequest: the test moves its progress and answers it. */
class ScriptedXhr {
  static last: ScriptedXhr | undefined
  upload: { onprogress?: (event: object) => void; onload?: () => void } = {}
  onload?: () => void
  onerror?: () => void
  onprogress?: (event: { loaded: number }) => void
  status = 0
  responseText = ''
  aborted = false
  open(): void {}
  setRequestHeader(): void {}
  send(): void {
    ScriptedXhr.last = this
  }
  abort(): void {
    this.aborted = true
  }
}

describe('xhrTransport stall rule and answer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.stubGlobal('XMLHttpRequest', ScriptedXhr)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  const size = 20 * MB
  /** Starts a PUT of `size` bytes; `progress(ms, bytes)` reports bytes sent at a fake time. */
  function put(options: { stallTimeoutMs?: number; responseTimeoutMs?: number }) {
    const start = Date.now()
    const sending = xhrTransport({
      url: 'https://bucket.test/a',
      headers: {},
      body: new Blob([new Uint8Array(size)]),
      signal: new AbortController().signal,
      ...options,
    })
    const xhr = ScriptedXhr.last!
    let settled = false
    const done = () => (settled = true)
    sending.then(done, done)
    return {
      sending,
      /** The error it failed with. */
      result: () => attachmentErrorOf(sending),
      xhr,
      settled: () => settled,
      /** Moves the clock to `ms` after the start and reports `loaded` bytes sent. */
      async progress(ms: number, loaded: number) {
        await vi.advanceTimersByTimeAsync(start + ms - Date.now())
        xhr.upload.onprogress?.({ lengthComputable: true, loaded, total: size })
        if (loaded === size) xhr.upload.onload?.()
      },
      /** Moves the clock to `ms` after the start. */
      until: (ms: number) => vi.advanceTimersByTimeAsync(start + ms - Date.now()),
    }
  }

  it('lets a link with 5.5 s steps through a 3 s minimum, and fails it once it stops for three steps', async () => {
    const run = put({ stallTimeoutMs: 3000 })
    await run.progress(2300, 4 * MB)
    // The first step comes after the minimum, within the 30 s a PUT has to show its rhythm.
    for (let i = 1; i <= 8; i++) await run.progress(2300 + i * 5500, 4 * MB + i * MB)
    expect(run.settled()).toBe(false)
    const last = 2300 + 8 * 5500
    await run.until(last + 3 * 5500 - 1)
    expect(run.settled()).toBe(false)
    await run.until(last + 3 * 5500)
    expect(await run.result()).toMatchObject({ code: 'timeout', status: 0 })
    expect((await run.result()).message).toContain('stalled')
    expect(run.xhr.aborted).toBe(true)
  })

  it('fails a PUT that moves nothing after its first burst 30 s after it began', async () => {
    const run = put({ stallTimeoutMs: 3000 })
    await run.progress(700, 4 * MB)
    await run.until(29_999)
    expect(run.settled()).toBe(false)
    await run.until(30_000)
    expect((await run.result()).code).toBe('timeout')
  })

  it('waits for the answer as long as the rate seen needs to drain the first burst, three times', async () => {
    const run = put({ stallTimeoutMs: 3000, responseTimeoutMs: 1000 })
    await run.progress(2000, 4 * MB)
    for (let i = 1; i <= 16; i++) await run.progress(2000 + i * 4000, 4 * MB + i * MB)
    // 16 MB in 64 s after the burst: 256 KB/s, so 4 MB still in the buffers take 16 s.
    const sent = 2000 + 16 * 4000
    await run.until(sent + 48_000 - 1)
    expect(run.settled()).toBe(false)
    await run.until(sent + 48_000)
    expect(await run.result()).toMatchObject({ code: 'timeout', message: 'No answer' })
  })

  it('ends an answer that never ends by the same wait: its bytes do not extend it', async () => {
    const run = put({ responseTimeoutMs: 5000 })
    await run.progress(100, size)
    for (let at = 1000; at < 5000; at += 1000) {
      await run.until(at)
      run.xhr.onprogress?.({ loaded: at })
    }
    await run.until(5100)
    expect(await run.result()).toMatchObject({ code: 'timeout', message: 'No answer' })
  })

  it('refuses an answer longer than any S3 sends as {invalid-response}, and stops reading it', async () => {
    const run = put({})
    await run.progress(100, size)
    run.xhr.onprogress?.({ loaded: 64 * 1024 })
    expect(run.settled()).toBe(false)
    run.xhr.onprogress?.({ loaded: 64 * 1024 + 1 })
    expect(await run.result()).toMatchObject({ code: 'invalid-response' })
    expect(run.xhr.aborted).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('resolves on a 2xx answer and leaves no timer behind', async () => {
    const run = put({ stallTimeoutMs: 3000 })
    await run.progress(100, size)
    run.xhr.status = 200
    run.xhr.onload?.()
    await run.sending
    expect(vi.getTimerCount()).toBe(0)
  })
})
