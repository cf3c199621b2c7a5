import { vi } from 'vitest'
import { createUploadManager } from '../src/core/upload-manager.js'
import type { UploadManagerOptions } from '../src/core/upload-manager-options.js'
import { createFakeAdapter } from './fake-adapter.js'
import type { FakeAdapterOptions } from './fake-adapter.js'
import { createFakeFrames, createFakeOnline } from './fake-online.js'
import { createFakeTransport } from './fake-transport.js'

// Taken before any test fakes the timers: one real macrotask lets every pending promise
// chain run to its end, with no fake time passing.
const realSetImmediate = globalThis.setImmediate

/** Runs every pending microtask (promise continuation) without moving fake time. */
export function settle(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve))
}

/** A `File` of `size` zero bytes. */
export function fileOf(name = 'report.pdf', size = 1000, type = 'application/pdf'): File {
  return new File([new Uint8Array(size)], name, { type })
}

/** Options of {@link setupManager}: the manager's own, plus how the fakes behave. */
export type HarnessOptions = Partial<UploadManagerOptions> & {
  autoPut?: boolean
  startOffline?: boolean
  adapterOptions?: FakeAdapterOptions
}

/**
 * An upload manager wired to the fakes: a scripted adapter, a fake transport, a switchable
 * online signal, frames that run on `frames.flush()`, the fake clock, and jitter fixed at half.
 * Call with fake timers on.
 */
export function setupManager(options: HarnessOptions = {}) {
  const { autoPut, startOffline, adapterOptions, ...managerOptions } = options
  const now = (): number => Date.now()
  const fake = createFakeAdapter({ now, ...adapterOptions })
  const transport = createFakeTransport({ auto: autoPut ?? true })
  const online = createFakeOnline(!startOffline)
  const frames = createFakeFrames()
  const manager = createUploadManager({
    adapter: fake.adapter,
    transport: transport.transport,
    online,
    scheduleFrame: frames.scheduleFrame,
    now,
    random: () => 0.5,
    // The tests count three uploads at once (the default was 3).
    concurrency: 3,
    ...managerOptions,
  })
  const state = (id: string | undefined) => {
    const upload = manager.getSnapshot().byId[id ?? '']
    if (upload === undefined) throw new Error(`no upload ${id}`)
    return upload
  }
  const statuses = () => manager.getSnapshot().ids.map((id) => state(id).status)
  return { manager, fake, transport, online, frames, state, statuses, now }
}

/** Starts fake time at a fixed date; pair with `vi.useRealTimers()` after each test. */
export function useFakeClock(): void {
  vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') })
}
