// The stall rule as a function of the progress a PUT has shown, and the transport's timer
// following it, under fake timers with a scripted XMLHttpRequest (Node has none). What Chromium
// really reports on a slow link is in test/xhr-transport-emulator.browser.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { attachmentErrorOf } from '../../test/attachment-error-of.js'
import {
  answerWaitMs,
  DEFAULT_STALL_TIMEOUT_MS,
  observePace,
  stalledAt,
  startPace,
  xhrTransport,
} from './xhr-transport.js'
import type { Pace } from './xhr-transport.js'

const MB = 1024 * 1024

/** The pace after progress events at the given [ms, bytes] points of a PUT begun at 0. */
const paceOf = (...events: [number, number][]): Pace =>
  events.reduce((pace, [at, loaded]) => observePace(pace, at, loaded), startPace(0))

describe('stalledAt', () => {
  it('gives a PUT its first 30 s whatever the minimum, as a quick burst shows no rhythm', () => {
    expect(stalledAt(startPace(0), 3000)).toBe(DEFAULT_STALL_TIMEOUT_MS)
    expect(stalledAt(paceOf([500, 4 * MB]), 3000)).toBe(30_000)
    expect(stalledAt(paceOf([500, 2 * MB], [600, 4 * MB]), 3000)).toBe(30_000)
  })

  it('never comes before the minimum after the last progress', () => {
    expect(stalledAt(paceOf([40_000, MB]), 3000)).toBe(43_000)
    expect(stalledAt(paceOf([500, MB]), 60_000)).toBe(60_500)
  })

  it('allows three times the longest gap between progress events seen so far', () => {
    // Chromium's steps at 512 KB/s: a 4 MB burst, then about every 2.5 s.
    const steps: [number, number][] = [[500, 4 * MB]]
    for (let i = 1; i <= 14; i++) steps.push([500 + i * 2500, 4 * MB + i * 1.25 * MB])
    steps.push([36_000, 22 * MB], [36_100, 22.1 * MB])
    expect(stalledAt(paceOf(...steps), 3000)).toBe(36_100 + 7500)
  })

  it('ignores events that moved no byte', () => {
    expect(paceOf([500, MB], [3000, 2 * MB], [9000, 2 * MB])).toMatchObject({
      last: 3000,
      longest: 2500,
    })
  })
})

describe('answerWaitMs', () => {
  it('waits the minimum when the body left in one step and showed no rate', () => {
    expect(answerWaitMs(paceOf([20, 64 * 1024]), 60_000)).toBe(60_000)
    expect(answerWaitMs(startPace(0), 800)).toBe(800)
  })

  it('scales with what the first step put in the buffers and the rate seen since', () => {
    // 4 MB taken at once, then 16 MB over 64 s: 256 KB/s, 16 s to drain 4 MB, waited 3 times.
    const pace = paceOf([2000, 4 * MB], [66_000, 20 * MB])
    expect(answerWaitMs(pace, 3000)).toBeCloseTo(48_000)
    expect(answerWaitMs(pace, 60_000)).toBe(60_000)
    // At a phone's 32 KB/s the same buffers take two minutes to drain.
    expect(answerWaitMs(paceOf([2000, 4 * MB], [514_000, 20 * MB]), 60_000)).toBeCloseTo(384_000)
  })
})

/** A scripted XMLHttpRequest: the test moves its progress and answers it. */
class ScriptedXhr {
  static last: ScriptedXhr | undefined
  upload: { onprogress?: (event: object) => void; onload?: () => void } = {}
  onload?: () => void
  onerror?: () => void
  onprogress?: () => void
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

describe('xhrTransport stall rule', () => {
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
    // A byte of the answer is a sign of life: the wait starts again.
    run.xhr.onprogress?.()
    const answering = sent + 48_000 - 1
    await run.until(answering + 48_000 - 1)
    expect(run.settled()).toBe(false)
    await run.until(answering + 48_000)
    expect(await run.result()).toMatchObject({ code: 'timeout', message: 'No answer' })
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
