// The emulator's /_emulator/ HTTP controls as the browser tests drive them: create chats and
// cases, inject faults and count how often they fired. fetch only, so it runs in a page.
import { ConnectClient } from '@aws-sdk/client-connect'
import { createCasesAdapter, sendViaConnectClient, type CasesAdapter } from '../src/cases/index.js'
import type { AttachmentInfo } from '../src/emulator/index.js'
import { connectParticipant } from './adapter-helpers.js'

/** The controls of one emulator, remembering which operations this test file gave faults. */
export interface EmulatorControls {
  /** Creates a chat and connects its customer: the connection token. */
  chatConnectionToken(): Promise<string>
  /** Creates a case: what the cases adapter needs to name it. */
  createCase(): Promise<{ instanceId: string; associatedResourceArn: string }>
  /** Injects a fault into one operation; throws unless the emulator took it. */
  setFault(operation: string, fault: object): Promise<void>
  /** How many times the fault on an operation has fired (0 when it has none). */
  faultCount(operation: string): Promise<number>
  /**
   * Clears the faults set through these controls, and only those: the browser test files share
   * one emulator.
   */
  clearFaults(): Promise<void>
  /** Every attachment the emulator started, with its Start and Complete counts and tokens. */
  attachments(): Promise<AttachmentInfo[]>
  /**
   * How long files completed from now on stay being scanned, in ms. The browser test files
   * share one emulator: set it back to 0 when done.
   */
  setScanDelay(ms: number): Promise<void>
}

async function postControl(url: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST' })
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}`)
  return response.json()
}

/** Controls for the emulator at `emulator` (its base URL). */
export function emulatorControls(emulator: string): EmulatorControls {
  const touched = new Set<string>()
  const faultUrl = (operation: string) => `${emulator}/_emulator/faults/${operation}`
  return {
    async chatConnectionToken() {
      const chat = (await postControl(`${emulator}/_emulator/chats`)) as {
        participantToken: string
      }
      return connectParticipant(emulator, chat.participantToken)
    },
    async createCase() {
      return (await postControl(`${emulator}/_emulator/cases`)) as {
        instanceId: string
        associatedResourceArn: string
      }
    },
    async setFault(operation, fault) {
      touched.add(operation)
      const response = await fetch(faultUrl(operation), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      })
      if (!response.ok) throw new Error(`setting the fault answered ${response.status}`)
    },
    async faultCount(operation) {
      const faults = (await (await fetch(`${emulator}/_emulator/faults`)).json()) as {
        operation: string
        fired: number
      }[]
      return faults.find((entry) => entry.operation === operation)?.fired ?? 0
    },
    async clearFaults() {
      for (const operation of touched) await fetch(faultUrl(operation), { method: 'DELETE' })
      touched.clear()
    },
    async setScanDelay(ms) {
      const response = await fetch(`${emulator}/_emulator/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scanDelayMs: ms }),
      })
      if (!response.ok) throw new Error(`setting the scan delay answered ${response.status}`)
    },
    async attachments() {
      const response = await fetch(`${emulator}/_emulator/attachments`)
      if (!response.ok) throw new Error(`listing attachments answered ${response.status}`)
      return (await response.json()) as AttachmentInfo[]
    },
  }
}

/**
 * The cases adapter for a case of the emulator at `emulator`, over a ConnectClient with the
 * emulator's test credentials that tries each call once (the engine does the retrying).
 */
export function emulatorCasesAdapter(
  emulator: string,
  created: { instanceId: string; associatedResourceArn: string },
): CasesAdapter {
  const client = new ConnectClient({
    region: 'us-east-1',
    endpoint: emulator,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })
  return createCasesAdapter({ ...created, send: sendViaConnectClient(client) })
}
