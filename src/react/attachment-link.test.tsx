import { act, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoAxeViolations } from '../../test/axe.js'
import { AttachmentError } from '../core/errors.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import type { FakeAdapter } from '../../test/fake-adapter.js'
import { hostileName, isolated } from '../../test/hostile-name.js'
import { stubIntersectionObserver } from '../../test/fake-intersection-observer.js'
import { renderStrict } from '../../test/render.js'
import { AttachmentLink } from './attachment-link.js'

// The clock handed to the components and the fake adapter: Date.now, which fake timers move.
const clock = () => Date.now()
// Then once more at the same instant: react-query hands results to React on a zero timeout.
const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
    await vi.advanceTimersByTimeAsync(0)
  })
/** getFile calls that counted: StrictMode's first request of a mount is aborted and made again. */
const requests = (fake: FakeAdapter) => fake.getFileCalls.filter((c) => !c.signal?.aborted)

let fake: FakeAdapter
/** Each click jsdom would follow (not prevented): the href and the getFile count at that moment. */
let followed: { href: string; requests: number }[]
const follow = (event: MouseEvent) => {
  const link = (event.target as Element).closest('a')
  if (!link || event.defaultPrevented) return
  followed.push({ href: link.href, requests: requests(fake).length })
  event.preventDefault() // jsdom cannot navigate
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(Date.UTC(2026, 0, 5, 9))
  fake = createFakeAdapter({ now: clock })
  followed = []
  document.addEventListener('click', follow)
})

afterEach(() => {
  document.removeEventListener('click', follow)
  vi.restoreAllMocks()
  vi.useRealTimers()
})

const renderLink = (
  ui = <AttachmentLink fileId="a" name="report.pdf" fileOptions={{ now: clock }} />,
) => renderStrict(<p>Sent: {ui} (PDF)</p>, { adapter: fake.adapter })

describe('AttachmentLink', () => {
  it('is a download link with the file name, a safe href, rel and download once ready', async () => {
    fake.scriptFile('a', 'approved')
    const { container } = renderLink()
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    expect(link.getAttribute('href')).toMatch(/^https:\/\/files\.fake\.test\/a\?/)
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(link.getAttribute('download')).toBe('report.pdf')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.textContent).toBe('report.pdf')
    const root = container.querySelector('.ca.ca-attachment-link')
    expect(root?.getAttribute('data-status')).toBe('ready')
    expect(root?.hasAttribute('aria-busy')).toBe(false)
    fireEvent.click(link)
    expect(followed).toEqual([{ href: link.getAttribute('href'), requests: 1 }])
  })

  it('refreshes an expired URL before the click follows it, and follows the new one', async () => {
    fake.scriptFile('a', 'approved')
    renderLink()
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    const first = link.getAttribute('href')
    // A laptop waking from sleep: 290 s passed and no timer has fired, so the URL at hand
    // expires in 10 s, within the 60 s margin.
    vi.setSystemTime(Date.now() + 290_000)
    fireEvent.click(link)
    expect(followed).toEqual([]) // held back: not followed with the old URL
    await advance(0)
    expect(requests(fake)).toHaveLength(2)
    const fresh = link.getAttribute('href')
    expect(fresh).not.toBe(first)
    expect(fresh).toMatch(/^https:\/\/files\.fake\.test\/a\?/)
    // Followed once, after the second getFile, with the fresh URL.
    expect(followed).toEqual([{ href: fresh, requests: 2 }])
    expect(screen.getByRole('link', { name: 'Download report.pdf' })).toBe(link)
  })

  it('follows a double-click on a stale URL once, with the fresh URL', async () => {
    fake.scriptFile('a', 'approved')
    renderLink()
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    vi.setSystemTime(Date.now() + 290_000) // the URL expires in 10 s, within the margin
    expect(fireEvent.click(link)).toBe(false)
    // The second click of the double-click, while the fresh URL is on its way: swallowed.
    expect(fireEvent.click(link)).toBe(false)
    await advance(0)
    expect(requests(fake)).toHaveLength(2)
    const fresh = link.getAttribute('href')
    expect(followed).toEqual([{ href: fresh, requests: 2 }])
    // Once it went, the next click is a click of its own.
    fireEvent.click(link)
    expect(followed).toHaveLength(2)
  })

  it('keeps a working link through failed refreshes, follows it while it lasts, then shows the error', async () => {
    const serverError = () => new AttachmentError('server', 'Internal error', { status: 500 })
    fake.scriptFile('a', 'approved', serverError())
    const { container } = renderLink()
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    const first = link.getAttribute('href') ?? ''
    // Nothing is asked in the background. At 250 s the pointer reaching the link asks for a
    // fresh URL, which fails, its retries with it (1 s and 2 s later).
    await advance(250_000)
    expect(requests(fake)).toHaveLength(1)
    fireEvent.pointerEnter(link)
    await advance(3_000)
    expect(requests(fake)).toHaveLength(4)
    expect(screen.getByRole('link', { name: 'Download report.pdf' })).toBe(link)
    expect(link.getAttribute('href')).toBe(first)
    // A click within the margin asks for a fresh URL; when that fails too, the URL at hand,
    // 47 s from its end, is still followed.
    fireEvent.click(link)
    expect(followed).toEqual([])
    await advance(3_000)
    expect(requests(fake)).toHaveLength(7)
    expect(followed).toEqual([{ href: first, requests: 7 }])
    // Once it expired, a click asks again; when that fails no link is left, only the error and
    // a retry.
    await advance(47_001)
    fireEvent.click(link)
    await advance(3_000)
    expect(requests(fake)).toHaveLength(10)
    expect(followed).toHaveLength(1)
    expect(screen.queryByRole('link')).toBeNull()
    const root = container.querySelector('.ca-attachment-link')
    expect(root?.getAttribute('data-status')).toBe('error')
    expect(root?.querySelector('.ca-attachment-link__status')?.textContent).toBe(
      'report.pdf The service had a problem. Try again.',
    )
    expect(screen.getByRole('button', { name: 'Try again to get report.pdf' })).toBeDefined()
  })

  describe('on a page whose clock runs 10 minutes behind the service', () => {
    // The service's clock, which its UrlExpiry is read by, and an adapter that says how long the
    // URLs it asks for live (300 s, as the real ones do).
    const serviceClock = () => Date.now() + 600_000
    const renderSkewed = () => {
      fake = createFakeAdapter({ now: serviceClock })
      fake.scriptFile('a', 'approved')
      const adapter = { ...fake.adapter, downloadUrlLifetimeMs: 300_000 }
      renderStrict(<AttachmentLink fileId="a" name="report.pdf" fileOptions={{ now: clock }} />, {
        adapter,
      })
    }

    it('counts the URL stale by its lifetime, and refreshes it on intent then', async () => {
      renderSkewed()
      await advance(0)
      const link = screen.getByRole('link', { name: 'Download report.pdf' })
      const first = link.getAttribute('href')
      await advance(240_001) // stale 60 s before the URL's 300 s are up
      expect(requests(fake)).toHaveLength(1) // nothing asked in the background
      fireEvent.focus(link)
      await advance(0)
      expect(requests(fake)).toHaveLength(2)
      expect(link.getAttribute('href')).not.toBe(first)
    })

    it('holds back a click on a URL that expired 100 s ago and follows a fresh one', async () => {
      renderSkewed()
      await advance(0)
      const link = screen.getByRole('link', { name: 'Download report.pdf' })
      const first = link.getAttribute('href')
      vi.setSystemTime(Date.now() + 400_000) // a laptop waking from sleep: no timer has fired
      fireEvent.click(link)
      expect(followed).toEqual([])
      await advance(0)
      const fresh = link.getAttribute('href')
      expect(fresh).not.toBe(first)
      expect(followed).toEqual([{ href: fresh, requests: 2 }])
    })
  })

  // What a browser does for a middle button: no click, an auxclick (UI Events).
  const middleClick = (link: Element) =>
    link.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 }))

  it('lets a middle-click on a fresh link go to the browser', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    fake.scriptFile('a', 'approved')
    renderLink()
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    expect(middleClick(link)).toBe(true) // not prevented
    await advance(0)
    expect(open).not.toHaveBeenCalled()
    expect(requests(fake)).toHaveLength(1)
  })

  it('refreshes a stale URL on a middle-click and opens the fresh one in a new tab', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    fake.scriptFile('a', 'approved')
    renderLink()
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    vi.setSystemTime(Date.now() + 290_000) // the URL expires in 10 s, within the margin
    expect(middleClick(link)).toBe(false) // prevented: the stale URL is not opened
    expect(open).not.toHaveBeenCalled()
    await advance(0)
    expect(requests(fake)).toHaveLength(2)
    const fresh = link.getAttribute('href')
    expect(fresh).toMatch(/^https:\/\/files\.fake\.test\/a\?.*fake-2$/)
    expect(open.mock.calls).toEqual([[fresh, '_blank', 'noopener,noreferrer']])
    expect(followed).toEqual([])
  })

  it.each(['ctrlKey', 'metaKey', 'shiftKey'] as const)(
    'refreshes a stale URL on a click with %s and opens the fresh one in a new tab',
    async (modifier) => {
      const open = vi.spyOn(window, 'open').mockReturnValue(null)
      fake.scriptFile('a', 'approved')
      renderLink(
        <AttachmentLink fileId="a" name="report.pdf" target="_self" fileOptions={{ now: clock }} />,
      )
      await advance(0)
      const link = screen.getByRole('link', { name: 'Download report.pdf' })
      vi.setSystemTime(Date.now() + 290_000)
      expect(fireEvent.click(link, { [modifier]: true })).toBe(false)
      await advance(0)
      expect(requests(fake)).toHaveLength(2)
      // Opened as the modified click asked, in a tab of its own, not in the link's target.
      expect(open.mock.calls).toEqual([
        [link.getAttribute('href'), '_blank', 'noopener,noreferrer'],
      ])
      expect(followed).toEqual([])
    },
  )

  it('shows an error and no href anywhere when the adapter answers a javascript: URL', async () => {
    const url = 'javascript:alert(document.cookie)'
    fake.scriptFile('a', { name: 'report.pdf', download: { url, expiresAt: Date.now() + 300_000 } })
    const { container } = renderLink()
    await advance(0)
    expect(container.querySelector('.ca-attachment-link')?.getAttribute('data-status')).toBe(
      'error',
    )
    expect(container.querySelector('[href]')).toBeNull()
    expect(screen.queryByRole('link')).toBeNull()
    expect(container.textContent).toContain('The download link is not safe to open.')
    expect(container.innerHTML).not.toContain('javascript:')
  })

  it('swaps processing for the link in place when the scan ends', async () => {
    fake.scriptFile('a', 'processing', 'approved')
    const { container } = renderLink()
    await advance(0)
    const root = container.querySelector('.ca-attachment-link') as HTMLElement
    const position = [...(root.parentElement?.childNodes ?? [])].indexOf(root)
    expect(root.dataset.status).toBe('processing')
    expect(root.getAttribute('aria-busy')).toBe('true')
    expect(root.textContent).toBe('report.pdf Checking for viruses…')
    expect(screen.queryByRole('link')).toBeNull()
    await advance(1_001) // the poll at 1 s; its answer reaches React a tick later
    expect(container.querySelector('.ca-attachment-link')).toBe(root)
    expect([...(root.parentElement?.childNodes ?? [])].indexOf(root)).toBe(position)
    expect(root.dataset.status).toBe('ready')
    expect(root.hasAttribute('aria-busy')).toBe(false)
    expect(root.firstElementChild).toBe(screen.getByRole('link', { name: 'Download report.pdf' }))
  })

  it.each([
    ['rejected', 'Blocked by the virus scan'],
    ['failed', 'Could not be checked'],
  ] as const)('shows a %s scan as text, with no link', async (status, text) => {
    fake.scriptFile('a', { status })
    const { container } = renderLink()
    await advance(0)
    expect(container.querySelector('.ca-attachment-link')?.getAttribute('data-status')).toBe(status)
    expect(container.textContent).toContain(`report.pdf ${text}`)
    expect(container.querySelector('[href]')).toBeNull()
  })

  it('renders its content through a children function', async () => {
    fake.scriptFile('a', {
      name: 'scan.png',
      size: 2048,
      download: { url: 'https://x.test/s', expiresAt: Date.now() + 300_000 },
    })
    renderLink(
      <AttachmentLink fileId="a" fileOptions={{ now: clock }}>
        {({ name, size, type, url }) => `${name} ${size} ${type} ${url}`}
      </AttachmentLink>,
    )
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download scan.png' })
    expect(link.textContent).toBe('scan.png 2048 image/png https://x.test/s')
  })

  it('renders a hostile file name as inert text', async () => {
    fake.scriptFile('a', 'approved')
    const { container } = renderLink(
      <AttachmentLink fileId="a" name={hostileName} fileOptions={{ now: clock }} />,
    )
    await advance(0)
    expect(container.querySelector('img')).toBeNull()
    const link = screen.getByRole('link', { name: `Download ${isolated(hostileName)}` })
    expect(link.querySelector('bdi')?.textContent).toBe(hostileName)
    expect(link.getAttribute('download')).toBe(hostileName)
  })
})

/** Sets what `document.visibilityState` reads and tells the page, as a browser does. */
const setVisibility = (state: DocumentVisibilityState) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
}

describe('AttachmentLink on intent', () => {
  afterEach(() => {
    delete (document as { visibilityState?: unknown }).visibilityState
  })

  // 50 links to 10 files, five links to each, as a long chat transcript may show them.
  const renderTranscript = () => {
    for (let f = 0; f < 10; f++) fake.scriptFile(`f${f}`, 'approved')
    return renderStrict(
      <ul>
        {Array.from({ length: 50 }, (_, n) => (
          <li key={n}>
            <AttachmentLink
              fileId={`f${n % 10}`}
              name={`file-${n % 10}.pdf`}
              fileOptions={{ now: clock }}
            />
          </li>
        ))}
      </ul>,
      { adapter: fake.adapter },
    )
  }

  it('makes one request per file for 50 links to 10 files shown for an hour, and one more for a click after expiry', async () => {
    renderTranscript()
    await advance(0)
    expect(requests(fake)).toHaveLength(10)
    for (let minute = 1; minute <= 60; minute++) await advance(60_000)
    expect(requests(fake)).toHaveLength(10)

    // A click on a link whose URL expired long ago: one request, then the fresh URL is followed.
    const link = screen.getAllByRole('link', {
      name: 'Download file-3.pdf',
    })[2] as HTMLAnchorElement
    const expired = link.href
    expect(fireEvent.click(link)).toBe(false)
    expect(followed).toEqual([])
    await advance(0)
    expect(
      requests(fake)
        .map((call) => call.id)
        .slice(10),
    ).toEqual(['f3'])
    expect(link.href).not.toBe(expired)
    expect(followed).toEqual([{ href: link.href, requests: 11 }])
    // Every link to that file now holds the fresh URL, and none asked again.
    const hrefs = screen
      .getAllByRole('link', { name: 'Download file-3.pdf' })
      .map((a) => a.getAttribute('href'))
    expect(new Set(hrefs)).toEqual(new Set([link.href]))
  })

  it('asks nothing while the page is hidden, and loads the files once it shows', async () => {
    setVisibility('hidden')
    renderTranscript()
    await advance(3_600_000)
    expect(fake.getFileCalls).toHaveLength(0)
    setVisibility('visible')
    await advance(0)
    expect(requests(fake)).toHaveLength(10)
    await advance(3_600_000)
    expect(requests(fake)).toHaveLength(10)
  })
})

describe('AttachmentLink while it fetches a fresh URL', () => {
  /**
   * The fake adapter, with getFile hanging (until its signal aborts) while `hang` is set, or
   * answering `delayMs` late.
   */
  const hangingAdapter = () => {
    const control = { hang: false, delayMs: 0, signals: [] as AbortSignal[] }
    const adapter = {
      ...fake.adapter,
      getFile: async (id: string, init: { signal?: AbortSignal } = {}) => {
        if (control.delayMs) await new Promise((resolve) => setTimeout(resolve, control.delayMs))
        if (!control.hang) return fake.adapter.getFile(id, init)
        control.signals.push(init.signal!)
        return new Promise<never>((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        )
      },
    }
    return { adapter, control }
  }
  const root = (container: HTMLElement) =>
    container.querySelector('.ca-attachment-link') as HTMLElement

  it('shows it is busy, then says it hangs and offers a retry that aborts it and asks again', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    fake.scriptFile('a', 'approved')
    const { adapter, control } = hangingAdapter()
    const { container } = renderStrict(
      <AttachmentLink fileId="a" name="report.pdf" fileOptions={{ now: clock }} />,
      { adapter },
    )
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    const first = link.getAttribute('href')
    vi.setSystemTime(Date.now() + 400_000) // expired
    control.hang = true
    expect(fireEvent.click(link)).toBe(false)
    await advance(0)
    expect(root(container).dataset.status).toBe('refreshing')
    expect(root(container).getAttribute('aria-busy')).toBe('true')
    expect(screen.getByRole('status').textContent).toBe('Loading…')
    expect(screen.queryByRole('button')).toBeNull()
    // A second click while it waits is held too, and the link still says it is busy.
    expect(fireEvent.click(link)).toBe(false)
    await advance(4_999)
    expect(screen.queryByRole('button')).toBeNull()
    await advance(1)
    expect(screen.getByRole('status').textContent).toBe('The connection stopped responding.')
    expect(root(container).getAttribute('aria-busy')).toBe('true')
    expect(control.signals.filter((signal) => !signal.aborted)).toHaveLength(1)
    const hung = control.signals.find((signal) => !signal.aborted)
    expect(followed).toEqual([])

    // The retry aborts the hung request and asks again; the click that waited goes on then.
    control.hang = false
    fireEvent.click(screen.getByRole('button', { name: 'Try again to get report.pdf' }))
    await advance(0)
    expect(hung?.aborted).toBe(true)
    expect(link.getAttribute('href')).not.toBe(first)
    expect(followed).toEqual([{ href: link.getAttribute('href'), requests: 2 }])
    expect(open).not.toHaveBeenCalled()
    expect(root(container).dataset.status).toBe('ready')
    expect(root(container).hasAttribute('aria-busy')).toBe(false)
    expect(screen.queryByRole('status')).toBeNull()
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('does not open a fresh URL that came after the click could still open a tab', async () => {
    fake.scriptFile('a', 'approved')
    const { adapter, control } = hangingAdapter()
    renderStrict(<AttachmentLink fileId="a" name="report.pdf" fileOptions={{ now: clock }} />, {
      adapter,
    })
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    vi.setSystemTime(Date.now() + 400_000)
    // The answer comes 8 s later, when the browser would block a new tab: the link is ready
    // with the fresh URL for the next click, which then goes through with no request.
    control.delayMs = 8_000
    fireEvent.click(link)
    await advance(7_999)
    expect(screen.getByRole('status').textContent).toBe('The connection stopped responding.')
    await advance(1)
    expect(followed).toEqual([])
    expect(screen.queryByRole('status')).toBeNull()
    expect(link.getAttribute('href')).toMatch(/fake-2$/)
    fireEvent.click(link)
    expect(followed).toEqual([{ href: link.getAttribute('href'), requests: 2 }])
  })

  it.each([
    [
      'server',
      new AttachmentError('server', 'Internal error', { status: 500 }),
      'The service had a problem. Try again.',
    ],
    [
      'timeout',
      new AttachmentError('timeout', 'No answer in 30 s'),
      'The connection stopped responding.',
    ],
  ] as const)(
    'shows a refresh that failed with %s and a retry, which brings the link back',
    async (_, error, text) => {
      fake.scriptFile('a', 'approved', error, error, error, 'approved')
      const { container } = renderLink()
      await advance(0)
      const link = screen.getByRole('link', { name: 'Download report.pdf' })
      vi.setSystemTime(Date.now() + 400_000) // expired
      fireEvent.click(link)
      await advance(2_999) // the try and two retries, 1 s and 2 s apart
      expect(root(container).dataset.status).toBe('refreshing')
      await advance(1)
      expect(requests(fake)).toHaveLength(4)
      expect(followed).toEqual([])
      expect(screen.queryByRole('link')).toBeNull()
      expect(root(container).dataset.status).toBe('error')
      expect(root(container).textContent).toBe(`report.pdf ${text}Try again`)
      fireEvent.click(screen.getByRole('button', { name: 'Try again to get report.pdf' }))
      await advance(0)
      expect(requests(fake)).toHaveLength(5)
      expect(screen.getByRole('link', { name: 'Download report.pdf' })).toBeDefined()
      expect(root(container).dataset.status).toBe('ready')
      expect(screen.queryByRole('button')).toBeNull()
    },
  )

  it('says a first load that hangs, with a retry', async () => {
    fake.scriptFile('a', 'approved')
    const { adapter, control } = hangingAdapter()
    control.hang = true
    const { container } = renderStrict(
      <AttachmentLink fileId="a" name="report.pdf" fileOptions={{ now: clock }} />,
      { adapter },
    )
    await advance(4_999)
    expect(root(container).textContent).toBe('report.pdf Loading…')
    await advance(1)
    expect(root(container).dataset.status).toBe('loading')
    expect(root(container).textContent).toBe(
      'report.pdf The connection stopped responding.Try again',
    )
    control.hang = false
    fireEvent.click(screen.getByRole('button', { name: 'Try again to get report.pdf' }))
    await advance(0)
    expect(control.signals.every((signal) => signal.aborted)).toBe(true)
    expect(screen.getByRole('link', { name: 'Download report.pdf' })).toBeDefined()
  })
})

describe('AttachmentLink whose request never answers', () => {
  /** The fake adapter with a getFile that never settles, whatever its signal does. */
  const deadAdapter = () => {
    const signals: AbortSignal[] = []
    let dead = false
    const adapter = {
      ...fake.adapter,
      getFile: (id: string, init: { signal?: AbortSignal } = {}) => {
        if (!dead) return fake.adapter.getFile(id, init)
        signals.push(init.signal!)
        return new Promise<never>(() => {})
      },
    }
    return { adapter, signals, kill: () => void (dead = true) }
  }
  const root = (container: HTMLElement) =>
    container.querySelector('.ca-attachment-link') as HTMLElement

  it('ends a first load at its deadline as timeout, aborted, with a retry', async () => {
    fake.scriptFile('a', 'approved')
    const { adapter, signals, kill } = deadAdapter()
    kill()
    const { container } = renderStrict(
      <AttachmentLink fileId="a" name="report.pdf" fileOptions={{ now: clock }} />,
      { adapter },
    )
    await advance(29_999)
    expect(root(container).dataset.status).toBe('loading')
    await advance(1_000)
    expect(root(container).dataset.status).toBe('error')
    expect(root(container).hasAttribute('aria-busy')).toBe(false)
    expect(root(container).textContent).toBe(
      'report.pdf The connection stopped responding.Try again',
    )
    expect(signals.length).toBeGreaterThan(0)
    expect(signals.every((signal) => signal.aborted)).toBe(true)
  })

  it('ends a click waiting for a fresh URL at the deadline set by the provider, with a retry', async () => {
    fake.scriptFile('a', 'approved')
    const { adapter, signals, kill } = deadAdapter()
    const { container } = renderStrict(
      <AttachmentLink fileId="a" name="report.pdf" fileOptions={{ now: clock }} />,
      { adapter, uploadOptions: { callTimeoutMs: 10_000 } },
    )
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    vi.setSystemTime(Date.now() + 400_000) // expired
    kill()
    fireEvent.click(link)
    await advance(9_999)
    expect(root(container).dataset.status).toBe('refreshing')
    await advance(1_000)
    expect(followed).toEqual([])
    expect(root(container).dataset.status).toBe('error')
    expect(screen.queryByRole('status')).toBeNull()
    expect(root(container).textContent).toBe(
      'report.pdf The connection stopped responding.Try again',
    )
    expect(signals).toHaveLength(1)
    expect(signals[0]?.aborted).toBe(true)
  })
})

describe('AttachmentLink on and off screen', () => {
  let screenOf: ReturnType<typeof stubIntersectionObserver>
  beforeEach(() => {
    screenOf = stubIntersectionObserver()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('asks for a file only once a link to it is on screen', async () => {
    fake.scriptFile('a', 'approved')
    fake.scriptFile('b', 'approved')
    const { container } = renderStrict(
      <>
        <AttachmentLink fileId="a" name="a.pdf" fileOptions={{ now: clock }} />
        <AttachmentLink fileId="b" name="b.pdf" fileOptions={{ now: clock }} />
      </>,
      { adapter: fake.adapter },
    )
    const [a, b] = [...container.querySelectorAll('.ca-attachment-link')] as HTMLElement[]
    await advance(60_000)
    expect(fake.getFileCalls).toHaveLength(0) // nothing before the browser says what shows
    expect(screenOf.watched()).toEqual([a, b])
    screenOf.show(a!)
    screenOf.show(b!, false)
    await advance(0)
    expect(requests(fake).map((call) => call.id)).toEqual(['a'])
    expect(a?.dataset.status).toBe('ready')
    expect(b?.dataset.status).toBe('loading')
    screenOf.show(b!)
    await advance(0)
    expect(requests(fake).map((call) => call.id)).toEqual(['a', 'b'])
    // Scrolled away and back an hour later: a link asks nothing until it is used.
    screenOf.show(a!, false)
    await advance(3_600_000)
    screenOf.show(a!)
    await advance(0)
    expect(requests(fake)).toHaveLength(2)
  })
})

describe('AttachmentLink accessibility', () => {
  const states = [
    ['processing', ['processing'] as const],
    ['ready', ['approved'] as const],
    ['rejected', [{ status: 'rejected' }] as const],
    ['error', [new Error('boom')] as const],
  ] as const
  it.each(
    states.flatMap(
      ([state, steps]) =>
        [
          [state, steps, 'light', 'ltr'],
          [state, steps, 'dark', 'rtl'],
        ] as const,
    ),
  )('has no axe violation when %s (%s, %s)', async (state, steps, theme, dir) => {
    fake.scriptFile('a', ...steps)
    const { container } = renderStrict(
      <div data-theme={theme} dir={dir} lang="en">
        <AttachmentLink fileId="a" name="report.pdf" fileOptions={{ now: clock }} />
      </div>,
      { adapter: fake.adapter },
    )
    await advance(0)
    expect(container.querySelector('.ca-attachment-link')?.getAttribute('data-status')).toBe(state)
    vi.useRealTimers()
    await expectNoAxeViolations(container)
  })
})
