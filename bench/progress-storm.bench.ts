// Progress storm: 100 files, 3 at a time, each PUT firing `onProgress` about once a millisecond.
// The adapter and transport are fakes in the page, so this measures the engine (batcher, store,
// structural sharing) and not the network.
import { createUploadManager } from '../src/core/index.js'
import type { Transport, UploadManager, UploadSnapshot } from '../src/core/index.js'
import { onSelectedChange } from '../test/selected-change.js'
import { round, type BenchRow } from './bench-row.js'
import { waitSettled } from './wait-settled.js'
import { instantAdapter } from './instant-adapter.js'

const FILES = 100
const CONCURRENCY = 3
// 40 ms per PUT at one event per ms: 34 rounds of 3 PUTs make a storm of about 1.4 s.
const PUT_MS = 40
const FILE_BYTES = 256 * 1024

/**
 * A PUT that lasts PUT_MS and reports one progress event per elapsed millisecond. Timers are
 * clamped to ~4 ms once nested, so each wake catches up with the events it owes.
 */
function stormTransport(fed: { events: number }): Transport {
  return ({ body, signal, onProgress }) =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now()
      let sent = 0
      const tick = (): void => {
        if (signal.aborted) return reject(signal.reason)
        const due = Math.min(PUT_MS, Math.floor(performance.now() - started))
        for (; sent < due; sent += 1) {
          fed.events += 1
          onProgress?.(Math.round((body.size * (sent + 1)) / PUT_MS), body.size)
        }
        if (sent >= PUT_MS) resolve()
        else setTimeout(tick, 1)
      }
      setTimeout(tick, 1)
    })
}

/** Whether a notification carried a status change (or a new list) rather than only progress. */
function changedStatus(before: UploadSnapshot, after: UploadSnapshot): boolean {
  if (before.ids !== after.ids) return true
  return after.ids.some((id) => before.byId[id]?.status !== after.byId[id]?.status)
}

/**
 * Counts store notifications, and the most of them between two animation frames. The frame
 * loop starts before any upload so that its callback always runs ahead of the batcher's in a
 * frame: each window between two of its callbacks then holds at most one batcher flush.
 */
function watchNotifications(manager: UploadManager) {
  const counts = { all: 0, progress: 0, frames: 0, maxPerFrame: 0, maxProgressPerFrame: 0 }
  let current = { all: 0, progress: 0 }
  let previous = manager.getSnapshot()
  const unsubscribe = manager.subscribe(() => {
    const next = manager.getSnapshot()
    const progressOnly = !changedStatus(previous, next)
    previous = next
    counts.all += 1
    current.all += 1
    if (progressOnly) counts.progress += 1
    if (progressOnly) current.progress += 1
  })
  const closeWindow = (): void => {
    counts.maxPerFrame = Math.max(counts.maxPerFrame, current.all)
    counts.maxProgressPerFrame = Math.max(counts.maxProgressPerFrame, current.progress)
    current = { all: 0, progress: 0 }
  }
  let handle = requestAnimationFrame(function frame() {
    counts.frames += 1
    closeWindow()
    handle = requestAnimationFrame(frame)
  })
  const stop = (): typeof counts => {
    cancelAnimationFrame(handle)
    unsubscribe()
    closeWindow()
    return counts
  }
  return { stop }
}

const files = (): File[] => {
  const bytes = new Uint8Array(FILE_BYTES)
  return Array.from({ length: FILES }, (_, i) => new File([bytes], `storm-${i}.pdf`))
}

interface StormResult {
  seconds: number
  events: number
  selectorChanges: number
  counts: ReturnType<ReturnType<typeof watchNotifications>['stop']>
}

function stormRows({ seconds, events, selectorChanges, counts }: StormResult): BenchRow[] {
  const setup = `${FILES} files, ${CONCURRENCY} at a time, ${PUT_MS} ms per PUT`
  const split = `${counts.progress} progress-only, the rest status changes`
  const rows: [string, number, string, string][] = [
    ['duration', round(seconds, 2), 's', setup],
    ['progress events fed', events, 'events', 'onProgress calls made by the fake transport'],
    ['store notifications', counts.all, 'notifications', split],
    [
      'notification rate',
      round(counts.all / seconds),
      '/s',
      `${counts.frames} frames ran; at most one per 100 ms, so ≤ 10 and the add`,
    ],
    [
      'max progress per frame',
      counts.maxProgressPerFrame,
      'notifications',
      'progress-only, between two frames; ≤ 1',
    ],
    [
      'max per frame, all',
      counts.maxPerFrame,
      'notifications',
      'status changes wait for the frame too; ≤ 1',
    ],
    ['one file selector changes', selectorChanges, 'changes', "first file's state; ≤ 101"],
  ]
  return rows.map(([name, figure, unit, meaning]) => ({
    name: `progress storm: ${name}`,
    figure,
    unit,
    meaning,
  }))
}

/** Runs the storm and reports what the store published. */
export async function run(): Promise<BenchRow[]> {
  const fed = { events: 0 }
  const manager = createUploadManager({
    adapter: instantAdapter('bench:instant'),
    transport: stormTransport(fed),
    rules: { maxFiles: FILES },
    concurrency: CONCURRENCY,
  })
  const watcher = watchNotifications(manager)
  let selectorChanges = 0
  const first = (snapshot: UploadSnapshot) => snapshot.byId[snapshot.ids[0] ?? '']
  const unselect = onSelectedChange(manager, first, () => (selectorChanges += 1))
  try {
    const started = performance.now()
    const { rejections } = manager.add(files())
    if (rejections.length > 0) throw new Error(`${rejections.length} storm files were rejected`)
    await waitSettled(manager, 30_000)
    const seconds = (performance.now() - started) / 1000
    return stormRows({ seconds, events: fed.events, selectorChanges, counts: watcher.stop() })
  } finally {
    unselect()
    watcher.stop()
    manager.dispose()
  }
}
