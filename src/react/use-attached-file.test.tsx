import { notifyManager, QueryClient } from '@tanstack/react-query'
import { act } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AttachmentError } from '../core/errors.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import type { FakeAdapter } from '../../test/fake-adapter.js'
import { renderHookStrict, renderStrict } from '../../test/render.js'
import { useAttachedFile } from './use-attached-file.js'
import type { UseAttachedFileOptions } from './use-attached-file.js'

// The clock handed to the hook and the fake adapter; it is Date.now, which the fake timers move.
const clock = () => Date.now()
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))
let fake: FakeAdapter

/**
 * The times of the getFile calls that counted. Under <StrictMode> on React 18 the first request of
 * a mount is aborted by the simulated unmount and made again by the remount (React 19 makes one);
 * an aborted one is left out, and the fake adapter spends no scripted answer on it.
 */
const requestTimes = () =>
  fake.getFileCalls.filter((call) => !call.signal?.aborted).map((call) => call.at)
const gaps = (times: number[]) => times.slice(1).map((time, i) => time - (times[i] ?? 0))

function renderFile(id: string, options: UseAttachedFileOptions = {}) {
  return renderHookStrict(() => useAttachedFile(id, { now: clock, ...options }), {
    adapter: fake.adapter,
  })
}

beforeEach(() => {
  // react-query hands results to React in a setTimeout(0), which the fake timers run a tick
  // later; a microtask delivers them within the advance that produced them.
  notifyManager.setScheduler(queueMicrotask)
  vi.useFakeTimers()
  vi.setSystemTime(Date.UTC(2026, 0, 5, 9))
  fake = createFakeAdapter({ now: clock })
})

afterEach(() => {
  notifyManager.setScheduler((callback) => setTimeout(callback, 0))
  vi.useRealTimers()
})

describe('useAttachedFile', () => {
  it('polls a processing file with growing intervals until it is ready, then stops polling', async () => {
    const processing = Array.from({ length: 6 }, () => 'processing' as const)
    fake.scriptFile('a', ...processing, 'approved')
    const { result } = renderFile('a', { pollBaseMs: 1_000, pollMaxMs: 4_000 })
    expect(result.current.status).toBe('loading')
    await advance(0)
    expect(result.current.status).toBe('processing')
    await advance(18_999)
    expect(result.current.status).toBe('processing')
    await advance(1)
    expect(result.current).toMatchObject({ status: 'ready', url: expect.stringMatching(/^https:/) })
    expect(gaps(requestTimes())).toEqual([1_000, 2_000, 4_000, 4_000, 4_000, 4_000])
    await advance(200_000)
    expect(requestTimes()).toHaveLength(7)
  })

  it('fills in the default timing for what is left out or undefined', async () => {
    fake.scriptFile('a', ...Array.from({ length: 6 }, () => 'processing' as const), 'approved')
    const { result } = renderFile('a', { marginMs: 10_000, pollMaxMs: undefined })
    await advance(47_000)
    // Polls at the default base and cap: 1, 2, 4, 8, then every 16 s.
    expect(gaps(requestTimes())).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 16_000])
    expect(result.current.status).toBe('ready')
    // The URL of 300 s counts as stale 10 s before its end: the margin given.
    vi.setSystemTime(Date.now() + 289_999)
    expect(result.current.isStale()).toBe(false)
    vi.setSystemTime(Date.now() + 1)
    expect(result.current.isStale()).toBe(true)
  })

  it('refreshes a URL inside its margin before getFreshUrl resolves, and only then', async () => {
    fake.scriptFile('a', 'approved')
    const { result } = renderFile('a')
    await advance(0)
    const first = result.current.url
    expect(first).toBeDefined()
    await act(async () => expect(await result.current.getFreshUrl()).toBe(first))
    expect(requestTimes()).toHaveLength(1)

    // A laptop waking from sleep: the clock jumped 250 s and no timer has fired yet, so the URL
    // at hand expires in 50 s, within the 60 s margin.
    vi.setSystemTime(Date.now() + 250_000)
    let fresh: string[] = []
    await act(async () => {
      fresh = await Promise.all([1, 2, 3].map(() => result.current.getFreshUrl()))
    })
    await advance(0)
    expect(requestTimes()).toHaveLength(2)
    expect(new Set(fresh).size).toBe(1)
    expect(fresh[0]).not.toBe(first)
    expect(result.current).toMatchObject({ url: fresh[0], expiresAt: Date.now() + 300_000 })
  })

  it('makes one getFile for 20 components showing one file over an hour, and one more for a component mounted with a stale URL', async () => {
    fake.scriptFile('a', 'approved')
    function Link({ n }: { n: number }) {
      const file = useAttachedFile('a', { now: clock })
      return (
        <a href={file.url} data-status={file.status} data-expires-at={file.expiresAt}>
          link {n}
        </a>
      )
    }
    const { container, rerender } = renderStrict(
      <>
        {Array.from({ length: 20 }, (_, n) => (
          <Link key={n} n={n} />
        ))}
      </>,
      { adapter: fake.adapter },
    )
    // querySelectorAll, not getAllByRole: 122 role queries over 20 links take seconds in jsdom.
    const links = () => [...container.querySelectorAll('a')]
    for (let minute = 0; minute <= 60; minute++) {
      await advance(minute === 0 ? 0 : 60_000)
      expect(new Set(links().map((link) => link.getAttribute('href'))).size).toBe(1)
    }
    // Nothing is asked on a timer: one request at mount.
    expect(requestTimes()).toHaveLength(1)
    // One more component, mounted when the URL at hand is long expired, gets a fresh URL before
    // it shows one, and so do the others.
    const first = links()[0]?.getAttribute('href')
    rerender(
      <>
        {Array.from({ length: 21 }, (_, n) => (
          <Link key={n} n={n} />
        ))}
      </>,
    )
    await advance(0)
    expect(requestTimes()).toHaveLength(2)
    expect(new Set(links().map((link) => link.getAttribute('href')))).toEqual(
      new Set([links()[20]?.getAttribute('href')]),
    )
    expect(links()[20]?.getAttribute('href')).not.toBe(first)
    // No link shows a URL within the 60 s margin of its expiry.
    const expiresAt = Number(links()[0]?.dataset.expiresAt)
    expect(expiresAt - Date.now()).toBeGreaterThanOrEqual(60_000)
  })

  it.each([
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'http://example.com/a.pdf',
  ])('reports %s from the adapter as error invalid-url, never as the url', async (url) => {
    fake.scriptFile('a', { download: { url, expiresAt: Date.now() + 300_000 } })
    const { result } = renderFile('a')
    await advance(0)
    expect(result.current.status).toBe('error')
    expect(result.current.error?.code).toBe('invalid-url')
    expect(result.current.url).toBeUndefined()
    expect(result.current.error?.message).not.toContain(url.slice(0, 8))
    await advance(60_000)
    expect(requestTimes()).toHaveLength(1)
  })

  it.each(['rejected', 'failed'] as const)(
    'reports a %s scan as its own status and asks no more',
    async (status) => {
      fake.scriptFile('a', { status, name: 'virus.pdf' })
      const { result } = renderFile('a')
      await advance(0)
      expect(result.current).toMatchObject({ status, name: 'virus.pdf', type: 'application/pdf' })
      expect(result.current.url).toBeUndefined()
      await advance(3_600_000)
      expect(requestTimes()).toHaveLength(1)
      await act(() => expect(result.current.getFreshUrl()).rejects.toBeInstanceOf(AttachmentError))
    },
  )

  it('reports an adapter error as error with its code, without retrying it', async () => {
    fake.scriptFile('a', new AttachmentError('access-denied', 'Denied', { status: 403 }))
    const { result } = renderFile('a')
    await advance(0)
    expect(result.current.status).toBe('error')
    expect(result.current.error).toMatchObject({ code: 'access-denied', status: 403 })
    await advance(60_000)
    expect(requestTimes()).toHaveLength(1)
  })

  it('wraps an error of another kind as unexpected', async () => {
    const bug = new TypeError('x is undefined')
    fake.scriptFile('a', bug)
    const { result } = renderFile('a')
    await advance(0)
    expect(result.current.error).toMatchObject({ code: 'unexpected', cause: bug })
  })

  it('retries a throttled request twice, then reports throttled', async () => {
    const throttled = () => new AttachmentError('throttled', 'Slow down', { status: 429 })
    fake.scriptFile('a', throttled(), throttled(), throttled(), throttled())
    const { result } = renderFile('a')
    await advance(10_000)
    expect(result.current.error?.code).toBe('throttled')
    expect(requestTimes()).toHaveLength(3)
  })

  // A 500 is the service's passing trouble: each check is the try and two retries (1 s and 2 s
  // apart), and a check that failed is made again later, with growing waits.
  const serverError = () => new AttachmentError('server', 'Internal error', { status: 500 })

  it('keeps polling a processing file through failed checks and shows it ready once the service recovers', async () => {
    fake.scriptFile('a', 'processing', serverError(), serverError(), serverError(), 'approved')
    // The library's own default client, as a host without react-query gets it.
    const { result } = renderHookStrict(() => useAttachedFile('a', { now: clock }), {
      adapter: fake.adapter,
      queryClient: new QueryClient(),
    })
    await advance(0)
    expect(result.current.status).toBe('processing')
    await advance(4_000) // the poll at 1 s, its retries at 2 s and 4 s
    expect(result.current).toMatchObject({ status: 'error', error: { code: 'server' } })
    await advance(9_999)
    expect(requestTimes()).toHaveLength(4)
    await advance(1)
    expect(result.current).toMatchObject({ status: 'ready', url: expect.stringMatching(/^https:/) })
    expect(gaps(requestTimes())).toEqual([1_000, 1_000, 2_000, 10_000])
  })

  it('checks again after failures with waits that double up to a minute', async () => {
    const failures = Array.from({ length: 18 }, serverError)
    fake.scriptFile('a', 'processing', ...failures, 'approved')
    const { result } = renderFile('a')
    await advance(300_000)
    expect(result.current.status).toBe('ready')
    // The first attempt of each check: the poll at 1 s, then 3 s of retries and the wait.
    const checks = requestTimes().filter((_, i) => i % 3 === 1)
    expect(gaps(checks)).toEqual([13_000, 23_000, 43_000, 63_000, 63_000, 63_000])
    await advance(0)
    expect(requestTimes()).toHaveLength(20)
  })

  it('keeps the last URL while a failed refresh may pass, and shows the error once it expired', async () => {
    fake.scriptFile('a', 'approved', serverError())
    const { result } = renderFile('a')
    await advance(0)
    const { url, expiresAt = 0 } = result.current
    expect(url).toMatch(/^https:/)
    // Nothing is asked by itself; a fresh URL asked for at 250 s fails (its retries end at
    // 253 s), and the URL at hand stays while it lasts.
    await advance(250_000)
    expect(requestTimes()).toHaveLength(1)
    let asked = expect(result.current.getFreshUrl()).rejects.toMatchObject({ code: 'server' })
    await advance(3_000)
    await asked
    expect(result.current.isStale()).toBe(true)
    expect(result.current).toMatchObject({ status: 'ready', url, expiresAt })
    expect(requestTimes()).toHaveLength(1 + 3)
    await advance(expiresAt - Date.now() - 1)
    expect(result.current).toMatchObject({ status: 'ready', url })
    expect(requestTimes()).toHaveLength(1 + 3) // a failed refresh is not asked again by itself
    // Once it expired, the next ask that fails shows the error.
    await advance(1)
    asked = expect(result.current.getFreshUrl()).rejects.toMatchObject({ code: 'server' })
    await advance(3_000)
    await asked
    expect(result.current).toMatchObject({ status: 'error', error: { code: 'server' } })
    expect(result.current.url).toBeUndefined()
    await advance(200_000)
    expect(requestTimes()).toHaveLength(1 + 6)
  })

  it.each([
    new AttachmentError('access-denied', 'Denied', { status: 403 }),
    new AttachmentError('not-found', 'Gone', { status: 404 }),
  ])('stops at a refresh refused with $code and shows the refusal', async (refusal) => {
    fake.scriptFile('a', 'approved', refusal)
    const { result } = renderFile('a')
    await advance(240_000)
    await act(() => expect(result.current.getFreshUrl()).rejects.toBe(refusal))
    expect(result.current).toMatchObject({ status: 'error', error: { code: refusal.code } })
    await advance(3_600_000)
    expect(requestTimes()).toHaveLength(2)
  })

  it('stops polling when the last component showing the file unmounts', async () => {
    fake.scriptFile('a', 'processing')
    const { result, unmount } = renderFile('a')
    await advance(3_000)
    expect(result.current.status).toBe('processing')
    const made = fake.getFileCalls.length
    expect(made).toBeGreaterThan(2)
    unmount()
    await advance(600_000)
    expect(fake.getFileCalls).toHaveLength(made)
  })

  it('asks again at once on refresh', async () => {
    fake.scriptFile('a', 'approved')
    const { result } = renderFile('a')
    await advance(0)
    const first = result.current.url
    await act(() => result.current.refresh())
    await advance(0)
    expect(requestTimes()).toHaveLength(2)
    expect(result.current.url).not.toBe(first)
  })

  it('asks nothing by itself while not enabled, yet answers refresh and getFreshUrl', async () => {
    fake.scriptFile('a', 'processing', 'approved')
    const { result, rerender } = renderHookStrict(
      ({ enabled }: { enabled: boolean }) => useAttachedFile('a', { now: clock, enabled }),
      { adapter: fake.adapter, initialProps: { enabled: false } },
    )
    await advance(60_000)
    expect(fake.getFileCalls).toHaveLength(0)
    expect(result.current.status).toBe('loading')
    rerender({ enabled: true })
    await advance(0)
    expect(result.current.status).toBe('processing')
    rerender({ enabled: false })
    await advance(60_000) // no scan poll while disabled
    expect(requestTimes()).toHaveLength(1)
    await act(() => result.current.refresh())
    expect(result.current.status).toBe('ready')
    const url = await act(() => result.current.getFreshUrl())
    expect(url).toBe(result.current.url)
    expect(requestTimes()).toHaveLength(2)
  })

  /**
   * The fake adapter with a getFile that never settles while `hang` is set, whatever its signal
   * does (a service lost in a dead connection), and the signals it was given.
   */
  const hangingAdapter = () => {
    const control = { hang: true, signals: [] as AbortSignal[] }
    const adapter = {
      ...fake.adapter,
      getFile: (id: string, init: { signal?: AbortSignal } = {}) => {
        if (init.signal) control.signals.push(init.signal)
        return control.hang ? new Promise<never>(() => {}) : fake.adapter.getFile(id, init)
      },
    }
    return { adapter, control }
  }

  it('aborts a request that hangs on refresh and asks again', async () => {
    const { adapter, control } = hangingAdapter()
    fake.scriptFile('a', 'approved')
    const { result } = renderHookStrict(() => useAttachedFile('a', { now: clock }), { adapter })
    await advance(20_000) // within its 30 s deadline
    expect(result.current).toMatchObject({ status: 'loading', isFetching: true })
    const hung = control.signals.filter((signal) => !signal.aborted)
    expect(hung).toHaveLength(1)
    control.hang = false
    await act(() => result.current.refresh())
    expect(hung[0]?.aborted).toBe(true)
    expect(result.current).toMatchObject({ status: 'ready', isFetching: false })
  })

  it('ends a getFile that never answers as timeout at its deadline, aborted, and asks again on refresh', async () => {
    const { adapter, control } = hangingAdapter()
    fake.scriptFile('a', 'approved')
    const { result } = renderHookStrict(() => useAttachedFile('a', { now: clock }), { adapter })
    await advance(29_999)
    expect(result.current).toMatchObject({ status: 'loading', isFetching: true })
    await advance(1_001)
    expect(result.current).toMatchObject({
      status: 'error',
      error: { code: 'timeout' },
      isFetching: false,
    })
    expect(control.signals.length).toBeGreaterThan(0)
    expect(control.signals.every((signal) => signal.aborted)).toBe(true)
    control.hang = false
    await act(() => result.current.refresh())
    expect(result.current).toMatchObject({ status: 'ready', isFetching: false })
  })

  it('takes its deadline from callTimeoutMs, else from uploadOptions of the provider', async () => {
    const { adapter } = hangingAdapter()
    const own = renderHookStrict(() => useAttachedFile('a', { now: clock, callTimeoutMs: 5_000 }), {
      adapter,
      uploadOptions: { callTimeoutMs: 60_000 },
    })
    const provided = renderHookStrict(() => useAttachedFile('b', { now: clock }), {
      adapter,
      uploadOptions: { callTimeoutMs: 10_000 },
    })
    await advance(4_999)
    expect(own.result.current.status).toBe('loading')
    await advance(1)
    expect(own.result.current.error?.code).toBe('timeout')
    await advance(4_999)
    expect(provided.result.current.status).toBe('loading')
    await advance(1)
    expect(provided.result.current.error?.code).toBe('timeout')
  })

  it('spreads the refreshes of stale URLs that components mount with together', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f']
    for (const id of ids) fake.scriptFile(id, 'approved')
    const Image = ({ id }: { id: string }) => {
      const file = useAttachedFile(id, { now: clock })
      return file.isStale() ? null : <img src={file.url} alt={id} />
    }
    const { rerender, container } = renderStrict(
      <>
        {ids.map((id) => (
          <Image key={id} id={id} />
        ))}
      </>,
      { adapter: fake.adapter },
    )
    await advance(0)
    expect(requestTimes()).toHaveLength(6)
    rerender(<></>)
    vi.setSystemTime(Date.now() + 600_000)
    const mountedAt = Date.now()
    rerender(
      <>
        {ids.map((id) => (
          <Image key={id} id={id} />
        ))}
      </>,
    )
    expect(container.querySelectorAll('img')).toHaveLength(0) // never an expired URL
    // Each waits a random time up to 250 ms for each refresh in flight before it.
    await advance(1_250)
    const spread = requestTimes()
      .slice(6)
      .map((at) => at - mountedAt)
    expect(spread).toHaveLength(6)
    expect(new Set(spread).size).toBeGreaterThan(1)
    expect(Math.max(...spread)).toBeLessThanOrEqual(1_250)
    expect(container.querySelectorAll('img')).toHaveLength(6)
    // One alone goes at once.
    rerender(<></>)
    vi.setSystemTime(Date.now() + 600_000)
    rerender(<Image id="a" />)
    await advance(0)
    expect(requestTimes().at(-1)).toBe(Date.now())
    expect(container.querySelectorAll('img')).toHaveLength(1)
  })
})
