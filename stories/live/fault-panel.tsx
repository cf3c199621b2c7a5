// The fault panel: switches for the emulator's fault injection and its scan delay, so anyone can
// watch the components recover. Faults are the emulator's, global to it: every open recipe (and
// every other page on this emulator) sees them. The list below the switches is what the
// emulator reports, fired counts included.
import { useCallback, useEffect, useState } from 'react'
import { MB } from './live-recipe.js'
import {
  clearFault,
  clearFaults,
  getSettings,
  listFaults,
  setFault,
  setScanDelay,
  type FaultBody,
} from './emulator-client.js'

/** One switch: the faults it sets, per operation. */
interface Preset {
  label: string
  /** What it simulates, shown under the label. */
  detail: string
  faults: Record<string, FaultBody>
}

const always = 'Infinity'

/** The presets, exported for the docs. */
const FAULT_PRESETS: Preset[] = [
  {
    label: 'Slow network (1 MB/s)',
    detail:
      'Caps uploads and downloads at 1 MB/s. The browser hands the first ~4 MB to its socket buffer at once (as on a mobile link with deep buffers), so send the 16 MB file to watch the bar move; the tail after 100 % shows as "finishing".',
    faults: {
      PutObject: { bytesPerSecond: MB, times: always },
      GetObject: { bytesPerSecond: MB, times: always },
    },
  },
  {
    label: 'Throttling',
    detail:
      'The next 2 uploads to start are answered 429 ThrottlingException; the engine backs off and tries again.',
    faults: {
      StartAttachmentUpload: { status: 429, errorType: 'ThrottlingException', times: 2 },
      StartAttachedFileUpload: { status: 429, errorType: 'ThrottlingException', times: 2 },
    },
  },
  {
    label: 'Connection resets',
    detail:
      'The next 3 uploads lose their connection after 64 KB. Chromium silently resends some of them itself; the rest the engine retries.',
    faults: { PutObject: { resetAfterBytes: 65_536, times: 3 } },
  },
  {
    label: 'Short URL lifetimes (5 s)',
    detail:
      'Download links live 5 s: links are renewed before they go stale, and a click on an aged one waits for a fresh URL.',
    faults: {
      GetAttachment: { urlTtlSeconds: 5, times: always },
      GetAttachedFile: { urlTtlSeconds: 5, times: always },
    },
  },
]

const SCAN_DELAYS = [0, 1500, 5000, 15_000]

/**
 * Whether every fault of a preset is set (and not spent), field by field: the emulator lists a
 * fault's fields in its own order.
 */
const isOn = (preset: Preset, active: Map<string, FaultBody>) =>
  Object.entries(preset.faults).every(([operation, fault]) =>
    Object.entries(fault).every(([field, value]) => active.get(operation)?.[field] === value),
  )

/** The panel: a switch per preset, the scan delay, and the faults the emulator holds. */
export function FaultPanel() {
  const [active, setActive] = useState(new Map<string, FaultBody>())
  const [fired, setFired] = useState<string[]>([])
  const [scanDelayMs, setScanDelayMs] = useState<number>()
  const refresh = useCallback(async () => {
    const entries = await listFaults()
    const live = entries.filter((entry) => entry.fired === 0 || entry.fault.times === always)
    setActive(new Map(live.map((entry) => [entry.operation, entry.fault])))
    setFired(entries.filter((e) => e.fired > 0).map((e) => `${e.operation} ×${e.fired}`))
    setScanDelayMs((await getSettings()).scanDelayMs)
  }, [])
  useEffect(() => {
    void refresh().catch(() => undefined)
    const timer = setInterval(() => void refresh().catch(() => undefined), 2000)
    return () => clearInterval(timer)
  }, [refresh])

  const toggle = async (preset: Preset) => {
    const on = isOn(preset, active)
    for (const [operation, fault] of Object.entries(preset.faults)) {
      if (on) await clearFault(operation)
      else await setFault(operation, fault)
    }
    await refresh()
  }

  return (
    <section className="recipe-faults" aria-labelledby="fault-panel-title">
      <h2 id="fault-panel-title">Emulator faults</h2>
      <ul>
        {FAULT_PRESETS.map((preset) => (
          <li key={preset.label}>
            <button
              type="button"
              aria-pressed={isOn(preset, active)}
              onClick={() => void toggle(preset)}
            >
              {preset.label}
            </button>
            <small>{preset.detail}</small>
          </li>
        ))}
      </ul>
      <label>
        Scan delay{' '}
        <select
          value={scanDelayMs ?? ''}
          onChange={(event) => void setScanDelay(Number(event.target.value)).then(refresh)}
        >
          {SCAN_DELAYS.map((ms) => (
            <option key={ms} value={ms}>
              {ms / 1000} s
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" onClick={() => void clearFaults().then(refresh)}>
        Clear all faults
      </button>
      <p aria-live="polite">Fired: {fired.length === 0 ? 'none yet' : fired.join(', ')}</p>
    </section>
  )
}
