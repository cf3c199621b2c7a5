// Render-free throughput of a real upload: the chat adapter and the default XHR transport send a
// 20 MiB file (three times), then 10 files of 1 MiB, to the emulator over loopback. Nothing
// subscribes to render, so the figures are the engine's and the network stack's.
import { createUploadManager } from '../src/core/index.js'
import type { UploadManager } from '../src/core/index.js'
import { createParticipantAdapter } from '../src/participant/index.js'
import { median, round, type BenchRow, type BenchConfig } from './bench-row.js'
import { emulatorControls } from '../test/emulator-controls.js'
import { waitSettled } from './wait-settled.js'

const MiB = 1024 * 1024
const SMALL_FILES = 10
// The 20 MiB upload runs this many times (the machine's load moves single runs a lot); with the
// warm-up and the small files that stays under the chat's 35 attachments.
const BIG_RUNS = 3
const TIMEOUT_MS = 60_000

// `performance.memory` is Chromium's own; precise only with --enable-precise-memory-info.
// `gc` exists when Chromium runs with --js-flags=--expose-gc.
type ChromiumPerformance = Performance & { memory?: { usedJSHeapSize: number } }
type MaybeGc = typeof globalThis & { gc?: () => void }

/** The JS heap in use after a collection, in MiB, or `n/a` where the browser does not say. */
function heapMiB(): number | string {
  ;(globalThis as MaybeGc).gc?.()
  const used = (performance as ChromiumPerformance).memory?.usedJSHeapSize
  return used === undefined ? 'n/a' : round(used / MiB, 2)
}

/** Uploads `files` and returns how long it took, in ms. */
async function timeUpload(manager: UploadManager, files: File[]): Promise<number> {
  const started = performance.now()
  const { rejections } = manager.add(files)
  if (rejections.length > 0) throw new Error(`${rejections[0]?.file.name} was rejected`)
  await waitSettled(manager, TIMEOUT_MS)
  return performance.now() - started
}

// Files are built from one shared chunk, so that building them leaves no 30 MiB of arrays on
// the JS heap to blur the heap figures.
const chunk = new Uint8Array(64 * 1024)

function pdf(name: string, bytes: number): File {
  const parts = Array.from({ length: Math.floor(bytes / chunk.length) }, () => chunk)
  return new File([...parts, chunk.subarray(0, bytes % chunk.length)], name, {
    type: 'application/pdf',
  })
}

interface UploadTimes {
  /** The median of the 20 MiB uploads, ms. */
  bigMs: number
  /** All the 1 MiB files, wall time, ms. */
  smallMs: number
  heapBefore: number | string
  heapAfter: number | string
}

function uploadRows({ bigMs, smallMs, heapBefore, heapAfter }: UploadTimes): BenchRow[] {
  const row = (name: string, figure: number | string, unit: string, meaning: string) =>
    ({ name: `real upload: ${name}`, figure, unit, meaning }) satisfies BenchRow
  const rate = (bytes: number, ms: number) => round(bytes / MiB / (ms / 1000))
  const big = `Start, XHR PUT and Complete of one file, median of ${BIG_RUNS}`
  const small = `${SMALL_FILES} × 1 MiB, 6 at a time (the default)`
  return [
    row('20 MiB file', rate(20 * MiB, bigMs), 'MiB/s', big),
    row('20 MiB file', round(bigMs), 'ms', big),
    row('1 MiB files', rate(SMALL_FILES * MiB, smallMs), 'MiB/s', small),
    row('1 MiB files', round(smallMs / SMALL_FILES), 'ms/file', `${small}: wall time / files`),
    row(
      'JS heap before',
      heapBefore,
      'MiB',
      'after a GC and a warm-up; n/a: no performance.memory',
    ),
    row('JS heap after', heapAfter, 'MiB', 'after a GC, the manager holding every upload done'),
  ]
}

/** Uploads through the real adapter and transport and reports the rates. */
export async function run({ emulatorUrl }: BenchConfig): Promise<BenchRow[]> {
  const adapter = createParticipantAdapter({
    endpoint: emulatorUrl,
    connectionToken: await emulatorControls(emulatorUrl).chatConnectionToken(),
  })
  const big = Array.from({ length: BIG_RUNS }, (_, i) => pdf(`big-${i}.pdf`, 20 * MiB))
  const small = Array.from({ length: SMALL_FILES }, (_, i) => pdf(`small-${i}.pdf`, MiB))
  const manager = createUploadManager({ adapter })
  try {
    // One small upload first, so that connections, JIT and the emulator are warm.
    await timeUpload(manager, [pdf('warm-up.pdf', 1024)])
    const heapBefore = heapMiB()
    const bigTimes: number[] = []
    for (const file of big) bigTimes.push(await timeUpload(manager, [file]))
    const smallMs = await timeUpload(manager, small)
    return uploadRows({ bigMs: median(bigTimes), smallMs, heapBefore, heapAfter: heapMiB() })
  } finally {
    manager.dispose()
  }
}
