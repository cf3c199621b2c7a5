import { act, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AttachmentError } from '../core/errors.js'
import type { AttachmentAdapter } from '../core/types.js'
import { expectNoAxeViolations } from '../../test/axe.js'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import type { FakeAdapter, FileStep } from '../../test/fake-adapter.js'
import { hostileName, isolated } from '../../test/hostile-name.js'
import { renderStrict } from '../../test/render.js'
import { AttachedFileCard } from './attached-file-card.js'
import type { AttachedFileCardProps } from './attached-file-card.js'

const clock = () => Date.now()
// Then once more at the same instant: react-query hands results to React on a zero timeout.
const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
    await vi.advanceTimersByTimeAsync(0)
  })
const requests = () => fake.getFileCalls.filter((c) => !c.signal?.aborted)
/** An approved 3.2 MB PDF whose URL lives 300 s from now. */
const pdf = (): Exclude<FileStep, string | Error> => ({
  status: 'approved',
  name: 'report.pdf',
  size: 3_355_443,
  download: { url: 'https://files.fake.test/f?X-Amz-Signature=s', expiresAt: Date.now() + 300_000 },
})

let fake: FakeAdapter
let deleteFile: ReturnType<
  typeof vi.fn<(id: string, init?: { signal?: AbortSignal }) => Promise<void>>
>

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(Date.UTC(2026, 0, 5, 9))
  fake = createFakeAdapter({ now: clock })
  deleteFile = vi.fn(async () => {})
})

afterEach(() => vi.useRealTimers())

function renderCard(
  props: Partial<AttachedFileCardProps> = {},
  adapter: AttachmentAdapter = { ...fake.adapter, deleteFile },
) {
  return renderStrict(<AttachedFileCard fileId="f" fileOptions={{ now: clock }} {...props} />, {
    adapter,
    locale: 'en-US',
  })
}

const card = () => screen.getByRole('article')
const badge = () => card().querySelector('.ca-attached-file-card__badge')

describe('AttachedFileCard', () => {
  it.each([
    ['processing', 'processing', 'Checking for viruses…'],
    ['approved', 'approved', 'Ready'],
    ['rejected', 'rejected', 'Blocked by the virus scan'],
    ['failed', 'failed', 'Could not be checked'],
  ] as const)('shows a %s file with its badge', async (step, status, text) => {
    fake.scriptFile(
      'f',
      step === 'approved' ? pdf() : { ...pdf(), status: step, download: undefined },
    )
    renderCard()
    expect(card().dataset.status).toBe('loading')
    expect(badge()?.textContent).toBe('Loading…')
    await advance(0)
    expect(screen.getByRole('article', { name: 'report.pdf' })).toBe(card())
    expect(card().dataset.status).toBe(status)
    expect(badge()?.getAttribute('data-status')).toBe(status)
    expect(badge()?.textContent).toBe(text)
    expect(card().textContent).toContain('3.2 MB, PDF')
    const link = screen.queryByRole('link', { name: 'Download report.pdf' })
    expect(link !== null).toBe(status === 'approved')
    expect(link?.textContent).toBe(status === 'approved' ? 'Download' : undefined)
  })

  it('shows when the file was added, relative to now, and by whom', async () => {
    fake.scriptFile('f', pdf())
    const createdAt = Date.now() - 3 * 60_000
    renderCard({ createdAt, createdBy: 'Maria García' })
    await advance(0)
    const time = card().querySelector('time')
    expect(time?.textContent).toBe('3 minutes ago')
    expect(time?.getAttribute('datetime')).toBe(new Date(createdAt).toISOString())
    // The whole date in its title, in the provider's locale (English here): Jan 5, 2026, 8:57 AM
    // in UTC, another day or hour in the machine's time zone.
    expect(time?.getAttribute('title')).toMatch(/^Jan [45], 2026, \d{1,2}:\d\d\s[AP]M$/)
    expect(card().textContent).toContain('Added by Maria García')
  })

  it('keeps the relative time current while the card stays on screen', async () => {
    fake.scriptFile('f', { ...pdf(), download: undefined, status: 'processing' })
    // Scan polls at most hourly here: two simulated hours of the default 16 s polls are 450
    // renders, which a busy machine took past the test's timeout.
    renderCard({
      createdAt: Date.now() - 20_000,
      fileOptions: { now: clock, pollMaxMs: 3_600_000 },
    })
    await advance(0)
    const time = () => card().querySelector('time')?.textContent
    expect(time()).toBe('20 seconds ago')
    await advance(30_000)
    expect(time()).toBe('50 seconds ago')
    await advance(3 * 60_000)
    expect(time()).toBe('4 minutes ago')
    await advance(2 * 3_600_000)
    expect(time()).toBe('2 hours ago')
  })

  it("shows the service's creation time when the host gives none, and the host's over it", async () => {
    const createdAt = Date.now() - 2 * 3_600_000
    fake.scriptFile('f', { ...pdf(), createdAt })
    const { unmount } = renderCard()
    await advance(0)
    expect(card().querySelector('time')?.textContent).toBe('2 hours ago')
    unmount()
    renderCard({ createdAt: Date.now() - 60_000 })
    await advance(0)
    expect(card().querySelector('time')?.textContent).toBe('1 minute ago')
  })

  it('leaves time and creator out where they are unknown', async () => {
    fake.scriptFile('f', pdf())
    renderCard()
    await advance(0)
    expect(card().querySelector('time')).toBeNull()
    expect(card().textContent).not.toContain('Added by')
  })

  it('deletes after confirmation: one deleteFile, onDeleted, the query gone, no more requests', async () => {
    fake.scriptFile('f', pdf())
    const onDeleted = vi.fn()
    const { queryClient } = renderCard({ onDeleted })
    await advance(0)
    fireEvent.click(screen.getByRole('button', { name: 'Delete report.pdf' }))
    expect(deleteFile).not.toHaveBeenCalled()
    const question = screen.getByRole('group', {
      name: 'Delete report.pdf? This cannot be undone.',
    })
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep' }))
    fireEvent.click(within(question).getByRole('button', { name: 'Delete' }))
    fireEvent.click(within(question).getByRole('button', { name: 'Delete' }))
    await advance(0)
    expect(deleteFile).toHaveBeenCalledTimes(1)
    expect(deleteFile).toHaveBeenCalledWith('f', { signal: expect.any(AbortSignal) })
    expect(onDeleted).toHaveBeenCalledTimes(1)
    expect(onDeleted).toHaveBeenCalledWith({ fileId: 'f' })
    expect(
      queryClient.getQueryCache().findAll({ queryKey: ['connect-attachments', 'file'] }),
    ).toEqual([])
    const notice = document.activeElement!
    expect(notice.textContent).toBe('report.pdf deleted')
    expect(document.activeElement).toBe(notice)
    expect(screen.queryByRole('article')).toBeNull()
    const made = requests().length
    await advance(3_600_000)
    expect(requests()).toHaveLength(made)
  })

  it('says the deletion once: its notice takes focus and is no live region', async () => {
    fake.scriptFile('f', pdf())
    const { container } = renderCard()
    await advance(0)
    fireEvent.click(screen.getByRole('button', { name: 'Delete report.pdf' }))
    fireEvent.click(within(screen.getByRole('group')).getByRole('button', { name: 'Delete' }))
    await advance(0)
    const notice = container.querySelector('[data-status="deleted"] p')!
    expect(document.activeElement).toBe(notice)
    expect(notice.textContent).toBe('report.pdf deleted')
    const live = '[role="status"], [role="alert"], [role="log"], [aria-live]'
    expect(notice.closest(live)).toBeNull()
    expect(container.querySelectorAll(live)).toHaveLength(0)
  })

  it.each([
    [
      'Keep',
      (group: HTMLElement) => fireEvent.click(within(group).getByRole('button', { name: 'Keep' })),
    ],
    ['Escape', (group: HTMLElement) => fireEvent.keyDown(group, { key: 'Escape' })],
  ])('does nothing when the confirmation is closed with %s', async (_, close) => {
    fake.scriptFile('f', pdf())
    const onDeleted = vi.fn()
    renderCard({ onDeleted })
    await advance(0)
    fireEvent.click(screen.getByRole('button', { name: 'Delete report.pdf' }))
    close(screen.getByRole('group'))
    await advance(0)
    expect(screen.queryByRole('group')).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete report.pdf' }))
    expect(deleteFile).not.toHaveBeenCalled()
    expect(onDeleted).not.toHaveBeenCalled()
    expect(card().dataset.status).toBe('approved')
  })

  it('says why a delete failed and offers it again', async () => {
    fake.scriptFile('f', pdf())
    deleteFile.mockRejectedValueOnce(
      new AttachmentError('access-denied', 'Denied', { status: 403 }),
    )
    const onDeleted = vi.fn()
    renderCard({ onDeleted })
    await advance(0)
    fireEvent.click(screen.getByRole('button', { name: 'Delete report.pdf' }))
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    await advance(0)
    expect(screen.getByRole('alert').textContent).toBe(
      'You are not allowed to do this. The session may have ended.',
    )
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete report.pdf' }))
    expect(onDeleted).not.toHaveBeenCalled()
  })

  it('ends a delete that never answers at its deadline, aborted, and offers it again', async () => {
    fake.scriptFile('f', pdf())
    const signals: AbortSignal[] = []
    deleteFile.mockImplementationOnce(
      (_id: string, init?: { signal?: AbortSignal }) =>
        new Promise<void>(() => void signals.push(init!.signal!)),
    )
    const onDeleted = vi.fn()
    renderStrict(
      <AttachedFileCard fileId="f" fileOptions={{ now: clock }} onDeleted={onDeleted} />,
      {
        adapter: { ...fake.adapter, deleteFile },
        locale: 'en-US',
        uploadOptions: { callTimeoutMs: 10_000 },
      },
    )
    await advance(0)
    fireEvent.click(screen.getByRole('button', { name: 'Delete report.pdf' }))
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    await advance(9_000)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(signals.map((signal) => signal.aborted)).toEqual([false])
    await advance(1_000)
    expect(signals.map((signal) => signal.aborted)).toEqual([true])
    expect(screen.getByRole('alert').textContent).toBe('The connection stopped responding.')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete report.pdf' }))
    fireEvent.click(screen.getByRole('button', { name: 'Delete report.pdf' }))
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    await advance(0)
    expect(deleteFile).toHaveBeenCalledTimes(2)
    expect(onDeleted).toHaveBeenCalledTimes(1)
  })

  it('hides delete where the adapter cannot delete, or the host says not to', async () => {
    fake.scriptFile('f', pdf())
    const { unmount } = renderCard({}, fake.adapter)
    await advance(0)
    expect(screen.getByRole('link', { name: 'Download report.pdf' })).toBeDefined()
    expect(screen.queryByRole('button')).toBeNull()
    unmount()
    renderCard({ allowDelete: false })
    await advance(0)
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('closes an open confirmation when the host turns delete off, and shows Delete when it is back', async () => {
    fake.scriptFile('f', pdf())
    const { rerender } = renderCard()
    await advance(0)
    fireEvent.click(screen.getByRole('button', { name: 'Delete report.pdf' }))
    expect(
      screen.getByRole('group', { name: 'Delete report.pdf? This cannot be undone.' }),
    ).toBeDefined()
    rerender(<AttachedFileCard fileId="f" fileOptions={{ now: clock }} allowDelete={false} />)
    expect(screen.queryByRole('group')).toBeNull()
    expect(screen.queryByRole('button')).toBeNull()
    const link = screen.getByRole('link', { name: 'Download report.pdf' })
    link.focus()
    rerender(<AttachedFileCard fileId="f" fileOptions={{ now: clock }} allowDelete />)
    // The button again, not the question, which would take the focus from where the user is.
    expect(screen.queryByRole('group')).toBeNull()
    expect(screen.getByRole('button', { name: 'Delete report.pdf' })).toBeDefined()
    expect(document.activeElement).toBe(link)
    expect(deleteFile).not.toHaveBeenCalled()
  })

  it('renders a hostile file name as inert text', async () => {
    fake.scriptFile('f', { ...pdf(), name: hostileName })
    const { container } = renderCard()
    await advance(0)
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByRole('article', { name: hostileName })).toBeDefined()
    expect(screen.getByRole('button', { name: `Delete ${isolated(hostileName)}` })).toBeDefined()
  })
})

describe('AttachedFileCard accessibility', () => {
  const states = ['processing', 'approved', 'rejected', 'failed', 'confirming', 'deleted'] as const
  it.each(states.flatMap((s) => [[s, 'light', 'ltr'] as const, [s, 'dark', 'rtl'] as const]))(
    'has no axe violation when %s (%s, %s)',
    async (state, theme, dir) => {
      const confirming = state === 'confirming' || state === 'deleted'
      fake.scriptFile(
        'f',
        confirming || state === 'approved'
          ? pdf()
          : { ...pdf(), status: state as 'processing', download: undefined },
      )
      const { container } = renderStrict(
        <div data-theme={theme} dir={dir}>
          <AttachedFileCard
            fileId="f"
            createdAt={Date.now() - 86_400_000}
            createdBy="Maria García"
            fileOptions={{ now: clock }}
          />
        </div>,
        { adapter: { ...fake.adapter, deleteFile } },
      )
      await advance(0)
      if (confirming) fireEvent.click(screen.getByRole('button', { name: 'Delete report.pdf' }))
      if (state === 'deleted') fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
      await advance(0)
      expect(container.querySelector('.ca-attached-file-card')?.getAttribute('data-status')).toBe(
        confirming ? (state === 'deleted' ? 'deleted' : 'approved') : state,
      )
      vi.useRealTimers()
      await expectNoAxeViolations(container)
    },
  )
})
