// Fakes for the React upload tests: the provider's own manager wired to the scriptable adapter,
// a fake transport, a switchable online signal and frames that run on `frames.flush()` or, as a
// browser's do, a task later by themselves (the manager publishes its engine's changes there).
import { createFakeAdapter } from './fake-adapter.js'
import type { FakeAdapterOptions } from './fake-adapter.js'
import { createFakeFrames, createFakeOnline } from './fake-online.js'
import { createFakeTransport } from './fake-transport.js'
import type { StrictRenderOptions } from './render.js'

/** The fakes, and the provider props that wire them into the provider's manager. */
export function setupUploads(
  options: { autoPut?: boolean; adapter?: FakeAdapterOptions } & Partial<StrictRenderOptions> = {},
) {
  const { autoPut, adapter: adapterOptions, ...providerProps } = options
  const fake = createFakeAdapter(adapterOptions)
  const transport = createFakeTransport({ auto: autoPut ?? true })
  const frames = createFakeFrames({ auto: true })
  const online = createFakeOnline()
  const provider: StrictRenderOptions = {
    adapter: fake.adapter,
    ...providerProps,
    uploadOptions: {
      transport: transport.transport,
      scheduleFrame: frames.scheduleFrame,
      online,
      retry: { attempts: 1 },
      // The tests count three uploads at once (the default was 3).
      concurrency: 3,
      ...providerProps.uploadOptions,
    },
  }
  return { fake, transport, frames, online, provider }
}
