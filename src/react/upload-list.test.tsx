import { act, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { AttachmentError } from '../core/errors.js'
import { setupUploads } from '../../test/react-upload-harness.js'
import { renderUploadList } from '../../test/render-upload-list.js'
import { fileOf } from '../../test/upload-harness.js'
import type { UploadRowRenderProps } from './upload-list.js'
import { wholeText } from '../../test/whole-text.js'

const MB = 1024 * 1024

const rowOf = (name: string) => {
  const row = screen.getByText(name, { selector: 'bdi' }).closest('li')
  if (row === null) throw new Error(`no row for ${name}`)
  return row
}

/** What a screen reader learns of a row, and its state attributes. */
function rowState(name: string) {
  const row = rowOf(name)
  const bar = within(row).queryByRole('progressbar', { name })
  return {
    status: row.getAttribute('data-status'),
    finishing: row.hasAttribute('data-finishing'),
    retrying: row.hasAttribute('data-retrying'),
    now: bar?.getAttribute('aria-valuenow'),
    text: bar?.getAttribute('aria-valuetext'),
    range: bar && [bar.getAttribute('aria-valuemin'), bar.getAttribute('aria-valuemax')],
    buttons: within(row)
      .queryAllByRole('button')
      .map((button) => button.getAttribute('aria-label')),
  }
}

describe('UploadList', () => {
  it('walks a file through every state, with roles, names, aria-* and data-status in each', async () => {
    const setup = setupUploads({
      autoPut: false,
      uploadOptions: {
        concurrency: 1,
        retry: { attempts: 2, baseDelayMs: 10_000, maxDelayMs: 10_000 },
        random: () => 0.5,
      },
    })
    const { add } = renderUploadList(setup)
    const user = userEvent.setup()
    add(fileOf('summary.pdf', 7 * MB), fileOf('report.pdf', 1000))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    const range = ['0', '100']

    expect(rowState('report.pdf')).toEqual({
      ...{
        status: 'queued',
        finishing: false,
        retrying: false,
        now: '0',
        text: 'Waiting',
        range,
      },
      buttons: ['Cancel upload of report.pdf'],
    })
    act(() => {
      setup.transport.last().progress(3.2 * MB)
      setup.frames.flush()
    })
    expect(rowState('summary.pdf')).toMatchObject({
      ...{ status: 'uploading', finishing: false, now: '45', text: '45%, 3.2 of 7 MB', range },
      buttons: ['Cancel upload of summary.pdf'],
    })
    expect(screen.getByText(wholeText('0 of 2 files uploaded'))).toBeTruthy()

    act(() => {
      setup.transport.last().request.onSent?.()
      setup.frames.flush()
    })
    expect(rowState('summary.pdf')).toMatchObject({
      ...{ status: 'uploading', finishing: true, now: '100', text: '7 MB sent, finishing' },
    })

    const complete = setup.fake.holdNext('complete')
    act(() => setup.transport.last().succeed())
    await waitFor(() => expect(rowState('summary.pdf').status).toBe('completing'))
    expect(rowState('summary.pdf')).toMatchObject({ now: '100', text: 'Finishing', buttons: [] })

    act(() => complete.release())
    await waitFor(() => expect(rowState('summary.pdf').status).toBe('succeeded'))
    expect(rowState('summary.pdf')).toMatchObject({
      ...{ now: '100', text: 'Uploaded', buttons: ['Remove summary.pdf'] },
    })

    // report.pdf's turn: a refusal that is not retried fails it, with its reason tied to the row.
    await waitFor(() => expect(setup.transport.puts).toHaveLength(2))
    act(() => setup.transport.last().fail(new AttachmentError('signature-mismatch', 'no')))
    await waitFor(() => expect(rowState('report.pdf').status).toBe('failed'))
    const reason = 'The storage service refused the upload.'
    expect(rowState('report.pdf')).toMatchObject({
      ...{ now: undefined, buttons: ['Retry upload of report.pdf', 'Remove report.pdf'] },
    })
    expect(within(rowOf('report.pdf')).getByText('Failed')).toBeTruthy()
    const retry = screen.getByRole('button', { name: /retry.*report\.pdf/i, description: reason })
    expect(screen.getByText(wholeText('1 of 2 files uploaded'))).toBeTruthy()
    expect(screen.getByText(wholeText('1 failed'))).toBeTruthy()

    // Retry from its button; the next PUT fails in a way that is retried after a wait.
    await user.click(retry)
    await waitFor(() => expect(setup.transport.puts).toHaveLength(3))
    act(() => setup.transport.last().fail(new AttachmentError('network', 'lost')))
    await waitFor(() => expect(rowState('report.pdf').retrying).toBe(true))
    expect(rowState('report.pdf')).toMatchObject({
      ...{ status: 'uploading', now: '0', text: 'Retrying in 5 seconds' },
      buttons: ['Cancel upload of report.pdf'],
    })
    // While it waits to try again it says so, and not also the last attempt's error: beside
    // "Retrying in 5 seconds", "Try again" would ask the user for what the engine is doing.
    expect(screen.getByRole('progressbar', { name: 'report.pdf', description: '' })).toBeTruthy()
    expect(within(rowOf('report.pdf')).queryByText('The connection was lost.')).toBeNull()

    await user.click(screen.getByRole('button', { name: /cancel.*report\.pdf/i }))
    expect(rowState('report.pdf')).toMatchObject({
      ...{ status: 'canceled', now: undefined },
      buttons: ['Remove report.pdf', 'Add report.pdf again'],
    })
    expect(within(rowOf('report.pdf')).getByText('Canceled')).toBeTruthy()
    expect(setup.fake.calls.complete).toHaveLength(1)

    await user.click(screen.getByRole('button', { name: /remove.*report\.pdf/i }))
    expect(screen.queryByText('report.pdf', { selector: 'bdi' })).toBeNull()
    expect(screen.getByRole('list', { name: 'Files being attached' }).children).toHaveLength(1)
  }, 20_000)

  it('says a file waits for the network while the browser is offline, then goes on', async () => {
    const setup = setupUploads({ autoPut: false })
    renderUploadList(setup).add(fileOf('report.pdf', 5000))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    act(() => setup.online.set(false))
    await waitFor(() => expect(rowState('report.pdf').text).toBe('Waiting for the network'))
    // Said once in the list's live region, as well as shown in the row.
    expect(screen.getByRole('status').textContent).toBe('Waiting for the network')
    expect(rowState('report.pdf')).toMatchObject({
      ...{ status: 'uploading', now: '0' },
      buttons: ['Cancel upload of report.pdf'],
    })
    expect(rowOf('report.pdf').hasAttribute('data-offline')).toBe(true)
    act(() => setup.online.set(true))
    await waitFor(() => expect(rowState('report.pdf').text).toBe('0%, 0 of 5 kB'))
    expect(rowOf('report.pdf').hasAttribute('data-offline')).toBe(false)
    act(() => setup.transport.last().succeed())
    await waitFor(() => expect(rowState('report.pdf').status).toBe('succeeded'))
  })

  it('cancels a running upload from its button: the PUT is aborted and nothing is completed', async () => {
    const setup = setupUploads({ autoPut: false })
    renderUploadList(setup).add(fileOf('report.pdf', 5000))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    await userEvent.click(screen.getByRole('button', { name: /cancel.*report\.pdf/i }))
    expect(setup.transport.last().aborted).toBe(true)
    expect(rowState('report.pdf').status).toBe('canceled')
    expect(setup.fake.calls.complete).toEqual([])
  })

  it('adds a canceled file again from its row as a new upload, with a new Start, in place of the row', async () => {
    const setup = setupUploads({ autoPut: false })
    renderUploadList(setup).add(fileOf('report.pdf', 5000))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(1))
    await userEvent.click(screen.getByRole('button', { name: /cancel.*report\.pdf/i }))
    // Nothing is counted beside a canceled row: no "0 of 0 files uploaded".
    expect(screen.queryByText(/ of 0 files/)).toBeNull()
    expect(document.querySelector('.ca-upload-list__totals')).toBeNull()
    // No progress bar that would read "0 %": the row's status says it stopped.
    expect(within(rowOf('report.pdf')).queryByRole('progressbar')).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Add report.pdf again' }))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(2))
    expect(screen.getAllByRole('listitem')).toHaveLength(1)
    expect(rowState('report.pdf').status).toBe('uploading')
    expect(setup.fake.calls.start).toHaveLength(2)
    act(() => setup.transport.last().succeed())
    await waitFor(() => expect(rowState('report.pdf').status).toBe('succeeded'))
    expect(setup.fake.calls.complete).toHaveLength(1)
    expect(screen.getByText(wholeText('1 of 1 file uploaded'))).toBeTruthy()
  })

  it('keeps the overall figure below 100 % while a file has failed', async () => {
    const setup = setupUploads({ autoPut: false })
    renderUploadList(setup).add(fileOf('a.pdf', MB), fileOf('b.pdf', MB))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(2))
    act(() => {
      setup.transport.puts[0]!.succeed()
      setup.transport.puts[1]!.fail(new AttachmentError('signature-mismatch', 'no'))
    })
    await waitFor(() => expect(rowState('a.pdf').status).toBe('succeeded'))
    await waitFor(() => expect(rowState('b.pdf').status).toBe('failed'))
    const totals = screen.getByText(wholeText('1 of 2 files uploaded')).parentElement!
    expect(Array.from(totals.children, (part) => part.textContent)).toEqual([
      '1 of 2 files uploaded',
      '1 failed',
      '50%, 1 of 2 MB',
    ])
  })

  it('renders again only the row whose file moved on a progress tick', async () => {
    const setup = setupUploads({ autoPut: false })
    const renders = new Map<string, number>()
    const renderRow = ({ upload }: UploadRowRenderProps) => {
      renders.set(upload.name, (renders.get(upload.name) ?? 0) + 1)
      return <li>{`${upload.name} ${upload.progress}`}</li>
    }
    const names = Array.from({ length: 20 }, (_, index) => `f${index}.pdf`)
    const { add } = renderUploadList(setup, { renderRow, hideTotals: true })
    add(...names.map((name) => fileOf(name, 1000)))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(3))
    const before = new Map(renders)
    act(() => {
      setup.transport.puts[1]!.progress(500)
      setup.frames.flush()
    })
    expect(screen.getByText('f1.pdf 50')).toBeTruthy()
    const rendered = names.filter((name) => renders.get(name) !== before.get(name))
    expect(rendered).toEqual(['f1.pdf'])
  })

  it('announces added, finished, failed, retrying and canceled once each, never a percentage', async () => {
    const setup = setupUploads({
      autoPut: false,
      uploadOptions: { retry: { attempts: 2, baseDelayMs: 10_000 }, random: () => 0.5 },
    })
    const { add } = renderUploadList(setup)
    const region = screen.getByRole('status')
    expect(region.getAttribute('aria-live')).toBe('polite')
    expect(region.textContent).toBe('')
    const heard: string[] = []
    const observer = new MutationObserver((records) => {
      for (const node of records.flatMap((record) => Array.from(record.addedNodes))) {
        if (!(node instanceof HTMLElement)) continue
        const paragraphs = node.matches('p') ? [node] : Array.from(node.querySelectorAll('p'))
        heard.push(...paragraphs.map((paragraph) => paragraph.textContent ?? ''))
      }
    })
    observer.observe(region, { childList: true, subtree: true, characterData: true })
    const user = userEvent.setup()

    add(fileOf('a.pdf', 1000), fileOf('b.pdf', 1000))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(2))
    for (const loaded of [100, 250, 450, 700, 999]) {
      act(() => {
        setup.transport.puts[0]!.progress(loaded)
        setup.transport.puts[1]!.progress(loaded)
        setup.frames.flush()
      })
    }
    act(() => setup.transport.puts[0]!.succeed())
    await waitFor(() => expect(rowState('a.pdf').status).toBe('succeeded'))
    act(() => setup.transport.puts[1]!.fail(new AttachmentError('signature-mismatch', 'no')))
    await waitFor(() => expect(rowState('b.pdf').status).toBe('failed'))
    await user.click(screen.getByRole('button', { name: /retry.*b\.pdf/i }))
    await waitFor(() => expect(setup.transport.puts).toHaveLength(3))
    act(() => setup.transport.last().fail(new AttachmentError('network', 'lost')))
    await waitFor(() => expect(rowState('b.pdf').retrying).toBe(true))
    act(() => setup.transport.last().progress(10))
    await user.click(screen.getByRole('button', { name: /cancel.*b\.pdf/i }))
    add(fileOf('c.pdf', 1000))
    await waitFor(() => expect(heard).toHaveLength(6))
    observer.disconnect()

    expect(heard).toEqual([
      '2 files added',
      'a.pdf uploaded',
      'b.pdf failed: The storage service refused the upload.',
      'Retrying b.pdf in 5 seconds',
      'Upload of b.pdf canceled',
      'c.pdf added',
    ])
    expect(region.textContent).toBe('c.pdf added')
  })
})
