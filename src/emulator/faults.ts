// Fault injection, one entry per AWS operation name. A fault fires for its first `times` matching
// requests; every firing is counted so tests can assert that the fault was actually exercised.

/** The operations a fault can target (AWS names; PutObject and GetObject are the S3 URLs). */
export type EmulatorOperation =
  | 'CreateParticipantConnection'
  | 'StartAttachmentUpload'
  | 'CompleteAttachmentUpload'
  | 'GetAttachment'
  | 'SendMessage'
  | 'SendEvent'
  | 'GetTranscript'
  | 'DisconnectParticipant'
  | 'StartAttachedFileUpload'
  | 'CompleteAttachedFileUpload'
  | 'GetAttachedFile'
  | 'BatchGetAttachedFileMetadata'
  | 'DeleteAttachedFile'
  | 'DescribeAttachedFilesConfiguration'
  | 'PutObject'
  | 'GetObject'

/** Every operation name, for validating names that arrive over HTTP. */
export const EMULATOR_OPERATIONS: readonly EmulatorOperation[] = [
  'CreateParticipantConnection',
  'StartAttachmentUpload',
  'CompleteAttachmentUpload',
  'GetAttachment',
  'SendMessage',
  'SendEvent',
  'GetTranscript',
  'DisconnectParticipant',
  'StartAttachedFileUpload',
  'CompleteAttachedFileUpload',
  'GetAttachedFile',
  'BatchGetAttachedFileMetadata',
  'DeleteAttachedFile',
  'DescribeAttachedFilesConfiguration',
  'PutObject',
  'GetObject',
]

/** What to do to a request. Fields combine: e.g. a delay and then a 500. */
export interface Fault {
  /** Answer with this HTTP status, in the service's wire format. */
  status?: number
  /** The error type (`x-amzn-errortype`, or the S3 `<Code>`); derived from `status` if absent. */
  errorType?: string
  /** The error message. */
  message?: string
  /** The Connect `Reason`, e.g. `TOTAL_FILE_COUNT_EXCEEDED`. */
  reason?: string
  /** How many requests it applies to. @default 1 (use `Infinity` for always) */
  times?: number
  /** Wait this long before handling the request. */
  delayMs?: number
  /** Reset the connection after this many bytes of the request body (PutObject) or response body (all others). */
  resetAfterBytes?: number
  /** Cap the request body (PutObject) or response body (all others) at this rate. */
  bytesPerSecond?: number
  /** Lifetime of the URLs (and tokens) this operation hands out, in seconds. */
  urlTtlSeconds?: number
}

/** A configured fault as `list()` reports it. */
export interface FaultEntry {
  operation: EmulatorOperation
  fault: Fault
  /** Requests it still applies to. */
  remaining: number
  /** How many times it fired. */
  fired: number
}

/** The `emu.faults` controls. */
export interface FaultControls {
  /** Sets (replaces) the fault for an operation and resets its count. */
  set(operation: EmulatorOperation, fault: Fault): void
  /** Removes the fault of one operation, or all of them. */
  clear(operation?: EmulatorOperation): void
  /** How many times the operation's fault fired (0 when none is set). */
  count(operation: EmulatorOperation): number
  /** Every configured fault, including spent ones. */
  list(): FaultEntry[]
}

/** The registry plus `take`, which the router calls once per request. */
export interface FaultRegistry extends FaultControls {
  /** The fault to apply to this request, if any; counts it as fired. */
  take(operation: EmulatorOperation): Fault | undefined
}

/** True when `name` is one of {@link EMULATOR_OPERATIONS}. */
export function isEmulatorOperation(name: string): name is EmulatorOperation {
  return (EMULATOR_OPERATIONS as readonly string[]).includes(name)
}

/** Creates an empty registry. */
export function createFaultRegistry(): FaultRegistry {
  const entries = new Map<EmulatorOperation, FaultEntry>()
  return {
    set(operation, fault) {
      if (!isEmulatorOperation(operation)) throw new TypeError(`Unknown operation: ${operation}`)
      entries.set(operation, { operation, fault, remaining: fault.times ?? 1, fired: 0 })
    },
    clear(operation) {
      if (operation === undefined) entries.clear()
      else entries.delete(operation)
    },
    count: (operation) => entries.get(operation)?.fired ?? 0,
    list: () => [...entries.values()].map((entry) => ({ ...entry })),
    take(operation) {
      const entry = entries.get(operation)
      if (entry === undefined || entry.remaining <= 0) return undefined
      entry.remaining -= 1
      entry.fired += 1
      return entry.fault
    },
  }
}
