// The /_emulator/ HTTP controls: the Node API over HTTP, CORS-enabled so that tests running in
// a browser can create chats and cases, inject faults and inspect stored objects and attachments.
import type { CreatedCase } from './cases.js'
import type { CreatedChat } from './chats.js'
import { isEmulatorOperation, type Fault, type FaultControls } from './faults.js'
import type { Route } from './router.js'
import type { StoredObjectInfo } from './storage.js'
import type { AttachmentInfo } from './upload-ledger.js'
import { fail } from './wire-errors.js'

/** What a running emulator lets you change without a restart. */
export interface EmulatorSettings {
  /** How long a file completed from now on stays PROCESSING / IN_PROGRESS, in ms. */
  scanDelayMs: number
}

/** What the controls drive. */
export interface ControlTarget {
  createChat(): CreatedChat
  createCase(): CreatedCase
  faults: FaultControls
  objects(): StoredObjectInfo[]
  attachments(): AttachmentInfo[]
  settings(): EmulatorSettings
  updateSettings(patch: Partial<EmulatorSettings>): EmulatorSettings
}

const NUMBER_FIELDS = [
  'status',
  'times',
  'delayMs',
  'resetAfterBytes',
  'bytesPerSecond',
  'urlTtlSeconds',
] as const
const STRING_FIELDS = ['errorType', 'message', 'reason'] as const

/** Reads a fault from JSON; `times` may be `"Infinity"` (JSON has no Infinity). */
function parseFault(body: Record<string, unknown>): Fault {
  const fault: Record<string, unknown> = {}
  for (const name of NUMBER_FIELDS) {
    const value = body[name] === 'Infinity' ? Infinity : body[name]
    if (value === undefined) continue
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0)
      throw fail(400, 'ValidationException', `${name} must be a non-negative number`)
    fault[name] = value
  }
  for (const name of STRING_FIELDS) {
    if (body[name] === undefined) continue
    if (typeof body[name] !== 'string')
      throw fail(400, 'ValidationException', `${name} must be a string`)
    fault[name] = body[name]
  }
  return fault as Fault
}

/** Reads a settings patch from JSON: known fields only, each a non-negative number. */
function parseSettings(body: Record<string, unknown>): Partial<EmulatorSettings> {
  const patch: Partial<EmulatorSettings> = {}
  for (const [name, value] of Object.entries(body)) {
    if (name !== 'scanDelayMs') throw fail(400, 'ValidationException', `Unknown setting: ${name}`)
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw fail(400, 'ValidationException', `${name} must be a non-negative number`)
    patch[name] = value
  }
  return patch
}

const listFaults = (faults: FaultControls) =>
  faults.list().map((entry) => ({
    ...entry,
    fault: { ...entry.fault, ...(entry.fault.times === Infinity ? { times: 'Infinity' } : {}) },
    remaining: entry.remaining === Infinity ? 'Infinity' : entry.remaining,
  }))

const operationOf = (name: string | undefined) => {
  if (name === undefined || !isEmulatorOperation(name))
    throw fail(404, 'ResourceNotFoundException', `Unknown operation: ${name ?? ''}`)
  return name
}

/** The control routes. */
export function controlRoutes(target: ControlTarget): Route[] {
  const route = (method: string, pattern: string, handle: Route['handle']): Route => ({
    method,
    pattern,
    service: 'control',
    handle,
  })
  return [
    route('POST', '/_emulator/chats', async () => ({ body: target.createChat() })),
    route('POST', '/_emulator/cases', async () => ({ body: target.createCase() })),
    route('GET', '/_emulator/objects', async () => ({ body: target.objects() })),
    route('GET', '/_emulator/attachments', async () => ({ body: target.attachments() })),
    route('GET', '/_emulator/settings', async () => ({ body: target.settings() })),
    route('PUT', '/_emulator/settings', async (ex) => ({
      body: target.updateSettings(parseSettings(await ex.json())),
    })),
    route('GET', '/_emulator/faults', async () => ({ body: listFaults(target.faults) })),
    route('PUT', '/_emulator/faults/{Operation}', async (ex) => {
      target.faults.set(operationOf(ex.params.Operation), parseFault(await ex.json()))
      return { body: listFaults(target.faults) }
    }),
    route('DELETE', '/_emulator/faults', async () => {
      target.faults.clear()
      return { status: 204 }
    }),
    route('DELETE', '/_emulator/faults/{Operation}', async (ex) => {
      target.faults.clear(operationOf(ex.params.Operation))
      return { status: 204 }
    }),
  ]
}
