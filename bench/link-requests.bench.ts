// Link requests: 50 AttachmentLinks to 10 files, on screen for one simulated hour with no one
// touching them, and how many GetAttachment calls they make. A URL only has to be fresh when
// someone is about to follow it, so the least is one per file: 10. React renders in the page
// as usual and IntersectionObserver is the browser's; react-query's timers and the links' clock
// run on a simulated clock, which the hour moves a minute at a time.
import { QueryClient, timeoutManager } from '@tanstack/react-query'
import type { TimeoutCallback, TimeoutProvider } from '@tanstack/react-query'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import type { AttachmentAdapter } from '../src/core/index.js'
import { AttachmentLink } from '../src/react/attachment-link.js'
import { AttachmentsProvider } from '../src/react/attachments-provider.js'
import type { BenchRow } from './bench-row.js'
import { instantAdapter } from './instant-adapter.js'

const LINKS = 50
const FILES = 10
const HOUR_MS = 3_600_000
const STEP_MS = 60_000
const URL_LIFETIME_MS = 300_000

interface Timer {
  at: number
  run: TimeoutCallback
  every?: number
}

/** A clock of its own, with react-query's timers on it; `advance` runs what falls due. */
function simulatedClock() {
  let time = Date.now()
  let nextId = 1
  const timers = new Map<number, Timer>()
  const add = (timer: Timer): number => {
    timers.set(nextId, timer)
    return nextId++
  }
  const provider: TimeoutProvider<number> = {
    setTimeout: (run, delay) => add({ at: time + delay, run }),
    clearTimeout: (id) => void timers.delete(id as number),
    setInterval: (run, delay) => add({ at: time + delay, run, every: Math.max(1, delay) }),
    clearInterval: (id) => void timers.delete(id as number),
  }
  /** Moves the clock by `ms`, running each timer as it falls due and letting the page settle. */
  async function advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const end = time + ms
    for (;;) {
      let due: [number, Timer] | undefined
      for (const entry of timers)
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry
      if (!due) break
      const [id, timer] = due
      time = timer.at
      if (timer.every) timer.at += timer.every
      else timers.delete(id)
      timer.run()
      await settle()
    }
    time = end
    await settle()
  }
  return { now: () => time, provider, advance }
}

/** A few macrotasks and a frame: react-query's notifications, React's renders, the observer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0))
  await new Promise((resolve) => requestAnimationFrame(resolve))
}

/** Renders the links for an hour of the simulated clock; the getFile calls they made. */
export async function run(): Promise<BenchRow[]> {
  const clock = simulatedClock()
  timeoutManager.setTimeoutProvider(clock.provider)
  let requests = 0
  const adapter: AttachmentAdapter = {
    ...instantAdapter('bench:links'),
    downloadUrlLifetimeMs: URL_LIFETIME_MS,
    getFile: async (id) => {
      requests += 1
      const url = `https://files.example.test/${id}?X-Amz-Signature=${requests}`
      return { id, status: 'approved', download: { url, expiresAt: clock.now() + URL_LIFETIME_MS } }
    },
  }
  // Every link in the viewport at once: 50 short names wrap in a few lines.
  const container = document.body.appendChild(document.createElement('div'))
  container.style.cssText = 'display:flex;flex-wrap:wrap;gap:4px;font:12px sans-serif'
  const root = createRoot(container)
  const links = Array.from({ length: LINKS }, (_, n) =>
    createElement(AttachmentLink, {
      key: n,
      fileId: `file-${n % FILES}`,
      name: `f${n % FILES}.pdf`,
      fileOptions: { now: clock.now },
    }),
  )
  root.render(
    createElement(AttachmentsProvider, { adapter, queryClient: new QueryClient() }, links),
  )
  try {
    for (let waited = 0; requests < FILES && waited < 100; waited += 1) await settle()
    for (let elapsed = 0; elapsed < HOUR_MS; elapsed += STEP_MS) {
      await clock.advance(STEP_MS, settle)
    }
    const ready = container.querySelectorAll('.ca-attachment-link[data-status="ready"]').length
    if (ready !== LINKS) throw new Error(`${ready} of ${LINKS} links became ready`)
  } finally {
    root.unmount()
    container.remove()
  }
  return [
    {
      name: 'link requests over a simulated hour',
      figure: requests,
      unit: 'requests',
      meaning: `${LINKS} links to ${FILES} files on screen, no interaction (minimum ${FILES})`,
    },
  ]
}
