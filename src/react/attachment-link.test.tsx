import { act, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoAxeViolations } from '../../test/axe.js'
import { AttachmentError } from '../core/errors.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import type { FakeAdapter } from '../../test/fake-adapter.js'
import { hostileName, isolated } from '../../test/hostile-name.js'
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
    // The refresh at 240 s fails, its retries with it (at 243 s); the next check is at 253 s.
    await advance(250_000)
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
    // Once it expired (at 300 s, when a check starts; React hears of it a tick later) no link is
    // left, only the error.
    await advance(47_001)
    expect(screen.queryByRole('link')).toBeNull()
    const root = container.querySelector('.ca-attachment-link')
    expect(root?.getAttribute('data-status')).toBe('error')
    expect(root?.textContent).toBe('report.pdf The service had a problem. Try again.')
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

    it('refreshes the URL before it expires, by its lifetime', async () => {
      renderSkewed()
      await advance(0)
      const link = screen.getByRole('link', { name: 'Download report.pdf' })
      const first = link.getAttribute('href')
      await advance(240_001) // stale 60 s before the URL's 300 s are up
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
