import { act, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoAxeViolations } from '../../test/axe.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import type { FakeAdapter } from '../../test/fake-adapter.js'
import { hostileName, isolated } from '../../test/hostile-name.js'
import { stubIntersectionObserver } from '../../test/fake-intersection-observer.js'
import { renderStrict } from '../../test/render.js'
import { AttachmentLink } from './attachment-link.js'
import { AttachmentMessage } from './attachment-message.js'
import type { ChatAttachmentItem } from './attachment-message.js'

const clock = () => Date.now()
// Then once more at the same instant: react-query hands results to React on a zero timeout.
const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
    await vi.advanceTimersByTimeAsync(0)
  })

let fake: FakeAdapter

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(Date.UTC(2026, 0, 5, 9))
  fake = createFakeAdapter({ now: clock })
  fake.scriptFile('a', 'approved')
})

afterEach(() => vi.useRealTimers())

const photo = (status: ChatAttachmentItem['status']): ChatAttachmentItem => ({
  id: 'a',
  name: 'photo.png',
  contentType: 'image/png',
  status,
})

function renderMessage(attachment: ChatAttachmentItem) {
  return renderStrict(<AttachmentMessage attachment={attachment} fileOptions={{ now: clock }} />, {
    adapter: fake.adapter,
  })
}
const root = (container: HTMLElement) =>
  container.querySelector('.ca.ca-attachment-message') as HTMLElement

describe('AttachmentMessage', () => {
  it.each([
    ['processing', 'Checking for viruses…'],
    ['rejected', 'Blocked by the virus scan'],
  ] as const)(
    'shows a %s attachment as its name and status, asking nothing',
    async (status, text) => {
      const { container } = renderMessage(photo(status))
      await advance(60_000)
      expect(root(container).dataset.status).toBe(status)
      expect(root(container).textContent).toBe(`photo.png ${text}`)
      expect(screen.queryByRole('link')).toBeNull()
      expect(screen.queryByRole('img')).toBeNull()
      expect(fake.getFileCalls).toHaveLength(0)
    },
  )

  it('shows an approved image as a download link and a lazy, sized preview', async () => {
    const { container } = renderMessage(photo('approved'))
    expect(root(container).dataset.status).toBe('approved')
    expect(screen.queryByRole('img')).toBeNull() // no src before the URL is known
    await advance(0)
    const link = screen.getByRole('link', { name: 'Download photo.png' })
    const image = screen.getByRole('img', { name: 'photo.png' })
    expect(image.getAttribute('src')).toBe(link.getAttribute('href'))
    expect(image.getAttribute('src')).toMatch(/^https:\/\/files\.fake\.test\/a\?/)
    expect(image.getAttribute('loading')).toBe('lazy')
    expect(image.getAttribute('width')).toBe('240')
    expect(image.getAttribute('height')).toBe('180')
    expect(image.getAttribute('referrerpolicy')).toBe('no-referrer')
    // The link and the preview share one request.
    expect(fake.getFileCalls.filter((c) => !c.signal?.aborted)).toHaveLength(1)
  })

  it.each([
    ['photo.avif', 'image/avif'],
    ['scan.bmp', 'image/bmp'],
  ])(
    'previews %s, as an upload row draws its thumbnail (declared %j)',
    async (name, contentType) => {
      renderMessage({ id: 'a', name, contentType, status: 'approved' })
      await advance(0)
      expect(screen.getByRole('img', { name }).getAttribute('src')).toBe(
        screen.getByRole('link', { name: `Download ${name}` }).getAttribute('href'),
      )
    },
  )

  it('shows no preview for a file that is not an image a browser draws', async () => {
    renderMessage({ id: 'a', name: 'scan.heic', contentType: 'image/heic', status: 'approved' })
    await advance(0)
    expect(screen.getByRole('link', { name: 'Download scan.heic' })).toBeDefined()
    expect(screen.queryByRole('img')).toBeNull()
  })

  it('puts no unsafe URL in a src or href', async () => {
    const url = 'javascript:alert(1)'
    fake.scriptFile('a', { download: { url, expiresAt: Date.now() + 300_000 } })
    const { container } = renderMessage(photo('approved'))
    await advance(0)
    expect(container.querySelector('[src], [href]')).toBeNull()
    expect(container.textContent).toContain('The download link is not safe to open.')
  })

  it('renders a hostile file name as inert text', async () => {
    const { container } = renderMessage({ ...photo('approved'), name: hostileName })
    await advance(0)
    expect(container.querySelectorAll('img')).toHaveLength(1)
    expect(screen.getByRole('img').getAttribute('alt')).toBe(hostileName)
    expect(screen.getByRole('link', { name: `Download ${isolated(hostileName)}` })).toBeDefined()
    expect(container.querySelector('[onerror]')).toBeNull()
  })
})

describe('AttachmentMessage preview and expiry', () => {
  /** Every URL the adapter hands out, with when it expires. */
  let issued: Map<string, number>
  /** Every `src` a preview was given, with the time it was given. */
  let sources: { src: string; at: number }[]
  let watcher: MutationObserver
  const adapter = () => ({
    ...fake.adapter,
    getFile: async (id: string, init?: { signal?: AbortSignal }) => {
      const file = await fake.adapter.getFile(id, init)
      if (file.download) issued.set(file.download.url, file.download.expiresAt)
      return file
    },
  })
  const record = (image: Element) => {
    const src = image.getAttribute('src')
    if (src !== null && sources.at(-1)?.src !== src) sources.push({ src, at: Date.now() })
  }

  beforeEach(() => {
    issued = new Map()
    sources = []
    watcher = new MutationObserver((changes) => {
      for (const change of changes) {
        const nodes = [change.target, ...change.addedNodes] as Element[]
        for (const node of nodes) if (node.nodeName === 'IMG') record(node)
      }
    })
    watcher.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['src'],
    })
  })
  afterEach(() => {
    watcher.disconnect()
    vi.unstubAllGlobals()
  })

  /** Asserts that every src was given while its URL had at least the 60 s margin left. */
  const expectOnlyFreshSources = () => {
    expect(sources.length).toBeGreaterThan(0)
    for (const { src, at } of sources) expect(issued.get(src)! - at).toBeGreaterThanOrEqual(60_000)
  }

  it('mounted again after its URL went stale, asks for a fresh one before it shows one', async () => {
    const first = renderStrict(
      <AttachmentMessage attachment={photo('approved')} fileOptions={{ now: clock }} />,
      { adapter: adapter() },
    )
    await advance(0)
    first.unmount()
    vi.setSystemTime(Date.now() + 290_000) // the URL expires in 10 s, within the margin
    const { container } = renderStrict(
      <AttachmentMessage attachment={photo('approved')} fileOptions={{ now: clock }} />,
      { adapter: adapter(), queryClient: first.queryClient },
    )
    expect(container.querySelector('img')).toBeNull()
    await advance(0)
    expect(fake.getFileCalls.filter((c) => !c.signal?.aborted)).toHaveLength(2)
    const image = screen.getByRole('img', { name: 'photo.png' })
    expect(image.getAttribute('src')).toMatch(/fake-2$/)
    expect(sources.map(({ src }) => src.slice(-6))).toEqual(['fake-1', 'fake-2'])
    expectOnlyFreshSources()
  })

  it('coming on screen after its URL went stale, asks for a fresh one before it shows one', async () => {
    // A link elsewhere on screen loads the file; the message is scrolled away until 10 minutes
    // later.
    const screenOf = stubIntersectionObserver()
    const { container } = renderStrict(
      <>
        <AttachmentLink fileId="a" name="photo.png" fileOptions={{ now: clock }} />
        <AttachmentMessage attachment={photo('approved')} fileOptions={{ now: clock }} />
      </>,
      { adapter: adapter() },
    )
    const [link, message] = [...container.children]
    screenOf.show(link!)
    await advance(0)
    expect(fake.getFileCalls.filter((c) => !c.signal?.aborted)).toHaveLength(1)
    expect(container.querySelector('img')).toBeNull()
    await advance(600_000)
    screenOf.show(message!)
    expect(container.querySelector('img')).toBeNull()
    await advance(0)
    expect(fake.getFileCalls.filter((c) => !c.signal?.aborted)).toHaveLength(2)
    expect(screen.getByRole('img', { name: 'photo.png' }).getAttribute('src')).toMatch(/fake-2$/)
    expectOnlyFreshSources()
    // Once given, the image keeps its URL: nothing more is asked for it.
    await advance(3_600_000)
    expect(fake.getFileCalls.filter((c) => !c.signal?.aborted)).toHaveLength(2)
  })
})

describe('AttachmentMessage accessibility', () => {
  const states = ['processing', 'approved', 'rejected'] as const
  it.each(states.flatMap((s) => [[s, 'light', 'ltr'] as const, [s, 'dark', 'rtl'] as const]))(
    'has no axe violation when %s (%s, %s)',
    async (status, theme, dir) => {
      const { container } = renderStrict(
        <div data-theme={theme} dir={dir}>
          <AttachmentMessage attachment={photo(status)} fileOptions={{ now: clock }} />
        </div>,
        { adapter: fake.adapter },
      )
      await advance(0)
      expect(root(container).dataset.status).toBe(status)
      vi.useRealTimers()
      await expectNoAxeViolations(container)
    },
  )
})
