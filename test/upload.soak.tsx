// The soak, run by `npm run soak` only: 200 files of mixed sizes through UploadList in Chromium
// against the emulator, while a seeded generator keeps injecting faults (429, 500, 503, resets)
// into Start, the PUT and Complete. Every file must end accounted for: uploaded once with its
// bytes intact, or failed with a reason and a Retry offered. The longest main-thread task is
// measured; a summary table is printed.
import { cleanup } from '@testing-library/react'
import { afterEach, expect, inject, it } from 'vitest'
import { createParticipantAdapter } from '../src/participant/index.js'
import { AttachmentDropzone } from '../src/react/attachment-dropzone.js'
import { UploadList } from '../src/react/upload-list.js'
import { emulatorControls } from './emulator-controls.js'
import { randomBytes, sha256Hex } from './emulator-inspect.js'
import type { StoredObjectInfo } from './emulator-inspect.js'
import { renderStrict } from './render.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)
const SEED = 19
const FILES = 200
/** Files per chat: under the 35 attachments a chat takes, leaving room for abandoned Starts. */
const PER_CHAT = 25
const BOUND_MS = 3 * 60_000

afterEach(async () => {
  cleanup()
  await controls.clearFaults()
})

/** mulberry32: a small seeded generator, so a run's faults can be repeated. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

it('200 files with random faults on every call all end accounted for, once each, bytes intact', async () => {
  const started = performance.now()
  const random = prng(SEED)
  let longestTask = 0
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration)
  })
  observer.observe({ type: 'longtask', buffered: true })

  // Mixed sizes: mostly small, some of a few hundred KB, a few of several MB.
  const sizes = Array.from({ length: FILES }, () => {
    const r = random()
    return r < 0.6
      ? 1 + Math.floor(random() * 20_000)
      : r < 0.95
        ? 100_000 + Math.floor(random() * 400_000)
        : 2_000_000 + Math.floor(random() * 3_000_000)
  })
  const files = sizes.map(
    (size, index) =>
      new File([randomBytes(size)], `soak-${SEED}-${Date.now()}-${index}.txt`, {
        type: 'text/plain',
      }),
  )

  // One chat (and provider, with its UploadList) per PER_CHAT files.
  const chats = Math.ceil(FILES / PER_CHAT)
  const adapters = []
  for (let chat = 0; chat < chats; chat += 1) {
    const connectionToken = await controls.chatConnectionToken()
    adapters.push(createParticipantAdapter({ endpoint: emulator, connectionToken }))
  }
  const views = adapters.map((adapter, chat) =>
    renderStrict(
      <section data-chat={chat}>
        {/* Every row shown: the soak reads each file's row. */}
        <UploadList maxRows={PER_CHAT} />
        <AttachmentDropzone />
      </section>,
      { adapter, uploadOptions: { retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 } } },
    ),
  )

  // A fault on some operation every 150 ms: a status or a reset, for one to three calls.
  const operations = ['StartAttachmentUpload', 'PutObject', 'CompleteAttachmentUpload']
  const faults: Record<string, number> = {}
  let faulting = true
  const faultLoop = (async () => {
    while (faulting) {
      const operation = operations[Math.floor(random() * operations.length)]!
      const kind = random()
      const fault =
        kind < 0.3
          ? { status: 429 }
          : kind < 0.6
            ? { status: 500 }
            : kind < 0.8
              ? { status: 503 }
              : { resetAfterBytes: 1000 }
      const name = `${operation} ${'status' in fault ? fault.status : 'reset'}`
      faults[name] = (faults[name] ?? 0) + 1
      await controls.setFault(operation, { ...fault, times: 1 + Math.floor(random() * 3) })
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  })()

  // One drop per chat, carrying its files (as a user drops a selection from the desktop).
  views.forEach((view, chat) => {
    const data = new DataTransfer()
    for (const file of files.slice(chat * PER_CHAT, (chat + 1) * PER_CHAT)) data.items.add(file)
    const target = view.container.querySelector('.ca-attachment-dropzone__target')!
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
      )
    }
  })

  const rows = () => Array.from(document.querySelectorAll<HTMLElement>('.ca-upload-list__row'))
  const final = new Set(['succeeded', 'failed', 'canceled'])
  // Waits until every row is over, or the bound passes; the counts below then say what was left.
  const over = () =>
    rows().length === FILES && rows().every((row) => final.has(row.dataset.status ?? ''))
  while (!over() && performance.now() - started < BOUND_MS) {
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  faulting = false
  await faultLoop
  observer.disconnect()
  const elapsed = performance.now() - started

  const records = await controls.attachments()
  const objects = (await (
    await fetch(`${emulator}/_emulator/objects`)
  ).json()) as StoredObjectInfo[]
  const counts = { succeeded: 0, failed: 0, duplicated: 0, corrupted: 0, unaccounted: 0 }
  for (const file of files) {
    const row = rows().find((candidate) => candidate.textContent?.includes(file.name))
    const mine = records.filter((record) => record.name === file.name)
    const completed = mine.filter((record) => record.completes > 0)
    if (completed.length > 1) counts.duplicated += 1
    if (row?.dataset.status === 'succeeded') {
      counts.succeeded += 1
      const stored = objects.find((object) => object.key === completed[0]?.key)
      if (stored?.sha256 !== (await sha256Hex(await file.arrayBuffer()))) counts.corrupted += 1
    } else if (
      row?.dataset.status === 'failed' &&
      row.querySelector('.ca-upload-list__error')?.textContent &&
      row.querySelector('button[aria-label^="Retry upload of"]')
    ) {
      counts.failed += 1
    } else counts.unaccounted += 1
  }

  // eslint-disable-next-line no-console
  console.log(
    `soak (seed ${SEED}): ${FILES} files, ${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB`,
  )
  const summary = {
    ...counts,
    'faults injected': Object.values(faults).reduce((a, b) => a + b, 0),
    'longest task (ms)': Math.round(longestTask),
    'elapsed (s)': Math.round(elapsed / 1000),
  }
  // eslint-disable-next-line no-console
  console.log(
    Object.entries(summary)
      .map(([label, value]) => `${label.padEnd(20)}${String(value).padStart(8)}`)
      .join('\n'),
  )
  // eslint-disable-next-line no-console
  console.log(`faults: ${JSON.stringify(faults)}`)
  const statuses: Record<string, number> = { rows: rows().length }
  for (const row of rows())
    statuses[row.dataset.status ?? '?'] = (statuses[row.dataset.status ?? '?'] ?? 0) + 1
  // eslint-disable-next-line no-console
  console.log(`rows by status: ${JSON.stringify(statuses)}`)

  expect(counts).toMatchObject({ duplicated: 0, corrupted: 0, unaccounted: 0 })
  expect(counts.succeeded + counts.failed).toBe(FILES)
  expect(elapsed).toBeLessThan(BOUND_MS)
})
