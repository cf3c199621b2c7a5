import { act, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { expectNoAxeViolations } from '../../test/axe.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import type { FakeAdapter } from '../../test/fake-adapter.js'
import { hostileName, isolated } from '../../test/hostile-name.js'
import { renderStrict } from '../../test/render.js'
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
