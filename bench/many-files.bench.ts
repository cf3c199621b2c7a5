// Many files: 10 000 files dropped at once, then cleared, and again then disposed. The adapter
// answers at once and every PUT hangs until it is aborted, so three files are uploading and the
// rest queued when the batch goes: the figures are the engine's (store copies, notifications),
// not the network's. Each of these operations blocks the page for as long as it takes.
import { createUploadManager } from '../src/core/index.js'
import type { Transport, UploadManager } from '../src/core/index.js'
import { median, round, type BenchRow } from './bench-row.js'
import { instantAdapter } from './instant-adapter.js'

const FILES = 10_000
const CONCURRENCY = 3
const RUNS = 5

/** A PUT that never ends on its own: it waits for its signal to abort. */
const hangingTransport: Transport = ({ signal }) =>
  new Promise<void>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })

const files = (): File[] => {
  const bytes = new Uint8Array(1)
  return Array.from({ length: FILES }, (_, i) => new File([bytes], `many-${i}.pdf`))
}

/** One macrotask: the first uploads' Start answers and their PUTs begin. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

interface Timing {
  addMs: number
  endMs: number
  notifications: number
}

/** Adds the files, lets the first ones start, then ends them all with `end`; times both. */
async function timeRun(batch: File[], end: (manager: UploadManager) => void): Promise<Timing> {
  const manager = createUploadManager({
    adapter: instantAdapter('bench:many'),
    transport: hangingTransport,
    rules: { maxFiles: FILES },
    concurrency: CONCURRENCY,
  })
  let started = performance.now()
  const { rejections } = manager.add(batch)
  const addMs = performance.now() - started
  if (rejections.length > 0) throw new Error(`${rejections.length} files were rejected`)
  await nextTask()
  let notifications = 0
  const unsubscribe = manager.subscribe(() => (notifications += 1))
  started = performance.now()
  end(manager)
  const endMs = performance.now() - started
  unsubscribe()
  manager.dispose()
  return { addMs, endMs, notifications }
}

/** Times adding 10 000 files and then clearing or disposing of them, median of a few runs. */
export async function run(): Promise<BenchRow[]> {
  const cleared: Timing[] = []
  const disposed: Timing[] = []
  // Made once: 10,000 Blobs take Chromium about two seconds, which no figure includes.
  const batch = files()
  for (let i = 0; i < RUNS; i += 1) {
    cleared.push(await timeRun(batch, (manager) => manager.clear()))
    disposed.push(await timeRun(batch, (manager) => manager.dispose()))
  }
  const ms = (timings: Timing[], key: 'addMs' | 'endMs') =>
    round(median(timings.map((timing) => timing[key])))
  const setup = `${FILES.toLocaleString('en-US')} files, ${CONCURRENCY} uploading; median of ${RUNS}`
  const row = (name: string, figure: number, unit: string, meaning: string): BenchRow => ({
    name: `many files: ${name}`,
    figure,
    unit,
    meaning,
  })
  return [
    row('add', ms([...cleared, ...disposed], 'addMs'), 'ms', `${setup}, validation included`),
    row('clear', ms(cleared, 'endMs'), 'ms', `${setup}; empties the store`),
    row('dispose', ms(disposed, 'endMs'), 'ms', `${setup}; cancels every upload`),
    row(
      'notifications to end',
      Math.max(...[...cleared, ...disposed].map((timing) => timing.notifications)),
      'notifications',
      'most of any clear or dispose; 1',
    ),
  ]
}
