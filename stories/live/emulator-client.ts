// The emulator's /_emulator/ controls and the one Participant Service call a backend or the CCP
// makes for a chat (CreateParticipantConnection), as the live recipes use them from the page.
import type { AttachmentInfo, CreatedChat, StoredObjectInfo } from '../../src/emulator/index.js'
import { emulatorUrl } from './live-config.js'

/** Whether the emulator answers within `timeoutMs` (a static build has none). */
export async function isEmulatorReachable(timeoutMs = 1500): Promise<boolean> {
  try {
    const response = await fetch(`${emulatorUrl}/_emulator/faults`, {
      signal: AbortSignal.timeout(timeoutMs),
    })
    return response.ok
  } catch {
    return false
  }
}

async function control<T>(method: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`${emulatorUrl}/_emulator/${path}`, {
    method,
    ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  if (!response.ok) throw new Error(`${method} /_emulator/${path} answered ${response.status}`)
  return (response.status === 204 ? undefined : await response.json()) as T
}

/** Starts a chat: the customer's details and the agent's (what StartChatContact and Streams give). */
export const createChat = () => control<CreatedChat>('POST', 'chats')

/** Creates a case to attach files to. */
export const createCase = () =>
  control<{ instanceId: string; associatedResourceArn: string }>('POST', 'cases')

/** Every stored object: what reached the bucket and is still there. */
export const storedObjects = () => control<StoredObjectInfo[]>('GET', 'objects')

/** Every attachment and attached file started, with its status. */
export const startedAttachments = () => control<AttachmentInfo[]>('GET', 'attachments')

/** A fault as the emulator takes it; `times: 'Infinity'` for always. */
export type FaultBody = Record<string, number | string>

/** Sets the fault of one operation (replacing its previous one). */
export const setFault = (operation: string, fault: FaultBody) =>
  control<unknown>('PUT', `faults/${operation}`, fault)

/** Clears the fault of one operation. */
export const clearFault = (operation: string) => control<void>('DELETE', `faults/${operation}`)

/** Clears every fault. */
export const clearFaults = () => control<void>('DELETE', 'faults')

/** The faults set, and how often each fired. */
export const listFaults = () =>
  control<{ operation: string; fault: FaultBody; fired: number }[]>('GET', 'faults')

/** Changes the scan delay of files completed from now on. */
export const setScanDelay = (scanDelayMs: number) =>
  control<{ scanDelayMs: number }>('PUT', 'settings', { scanDelayMs })

/** The emulator's settings. */
export const getSettings = () => control<{ scanDelayMs: number }>('GET', 'settings')

/** A connection as CreateParticipantConnection answers it. */
export interface ParticipantConnection {
  connectionToken: string
  expiry: string
  websocketUrl?: string
}

/**
 * CreateParticipantConnection with a participant token: what Streams' CCP does for an agent
 * (`ConnectParticipant: true`) and what chatjs does for a customer.
 */
export async function createParticipantConnection(
  participantToken: string,
  options: { websocket?: boolean; connectParticipant?: boolean } = {},
): Promise<ParticipantConnection> {
  const response = await fetch(`${emulatorUrl}/participant/connection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-bearer': participantToken },
    body: JSON.stringify({
      Type: options.websocket
        ? ['WEBSOCKET', 'CONNECTION_CREDENTIALS']
        : ['CONNECTION_CREDENTIALS'],
      ...(options.connectParticipant && { ConnectParticipant: true }),
    }),
  })
  if (!response.ok) throw new Error(`CreateParticipantConnection answered ${response.status}`)
  const body = (await response.json()) as {
    ConnectionCredentials: { ConnectionToken: string; Expiry: string }
    Websocket?: { Url: string }
  }
  return {
    connectionToken: body.ConnectionCredentials.ConnectionToken,
    expiry: body.ConnectionCredentials.Expiry,
    websocketUrl: body.Websocket?.Url,
  }
}
