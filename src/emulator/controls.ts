// The /_emulator/ HTTP controls: the Node API over HTTP, CORS-enabled so that tests running in
// a browser can create chats and cases, inject faults and inspect stored objects and attachments.
import type { CreatedCase } from './cases.js'
import type { CreatedChat } from './chats.js'
import { isEmulatorOperation, type Fault, type FaultControls } from './faults.js'
import type { Route } from './router.js'
import type { StoredObjectInfo } from './storage.js'
import type { AttachmentInfo } from './upload-ledger.js'
import { fail } from './wire-errors.js'

/** What the controls drive. */
export interface ControlTarget {
  createChat(): CreatedChat
  createCase(): CreatedCase
  faults: FaultControls
  objects(): StoredObjectInfo[]
  attachments(): AttachmentInfo[]
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
export function parseFault(body: Record<string, unknown>): Fault {
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
