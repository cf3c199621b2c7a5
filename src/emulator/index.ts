// The emulator's public entry: `connect-attachments/emulator` (Node only).
export { startEmulator, type Emulator } from './start-emulator.js'
export type { EmulatorOptions } from './context.js'
export type { EmulatorSettings } from './controls.js'
export type { CreatedChat } from './chats.js'
export type { CreatedCase } from './cases.js'
export {
  EMULATOR_OPERATIONS,
  type EmulatorOperation,
  type Fault,
  type FaultControls,
  type FaultEntry,
} from './faults.js'
export type { StoredObjectInfo } from './storage.js'
export type { AttachmentInfo, UploadCalls } from './upload-ledger.js'
export type { EmulatorCredentials } from './sigv4.js'
export { EICAR, SCAN_FAILURE_MARKER } from './scanner.js'
