// Starts the emulator: one HTTP server (one port) for the Participant Service, Connect attached
// files, S3 presigned URLs, the chat websocket and the /_emulator/ controls.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { attachedFileRoutes } from './attached-files.js'
import { createCases, type CreatedCase } from './cases.js'
import { attachChatWebsocket } from './chat-websocket.js'
import { createChats, type CreatedChat } from './chats.js'
import { createContext, resolveOptions, type EmulatorOptions } from './context.js'
import { controlRoutes, type EmulatorSettings } from './controls.js'
import { createFaultRegistry, type FaultControls } from './faults.js'
import { participantChatRoutes } from './participant-chat.js'
import { participantAttachmentRoutes } from './participant-service.js'
import { createRouter } from './router.js'
import { s3Routes } from './s3.js'
import { createScanner } from './scanner.js'
import { createStorage, type StoredObjectInfo } from './storage.js'
import { createTimers } from './timers.js'
import { createUploadLedger, type AttachmentInfo } from './upload-ledger.js'

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:4566`: the endpoint for chatjs, the SDK clients and our adapters. */
  url: string
  /** Starts a chat, like StartChatContact: the customer's details plus `agent`, a second participant. */
  createChat(): CreatedChat
  /** Creates a case to attach files to: `{ instanceId, associatedResourceArn }`. */
  createCase(): CreatedCase
  /** Fault injection per operation. */
  faults: FaultControls
  /**
   * The objects in the bucket, with size, content type and SHA-256: what was PUT and kept (a
   * REJECTED or deleted file's object is gone). Attachments never PUT are in `attachments()`.
   */
  objects(): StoredObjectInfo[]
  /**
   * Every chat attachment and attached file ever started, in order, including ones never PUT,
   * never completed or deleted, with the Start and Complete requests that named each and their
   * ClientTokens.
   */
  attachments(): AttachmentInfo[]
  /** The settings that can change while it runs (the scan delay). */
  settings(): EmulatorSettings
  /** Changes some settings; files already being scanned keep their delay. Returns all settings. */
  updateSettings(patch: Partial<EmulatorSettings>): EmulatorSettings
  /** Stops listening, closes websockets and connections, clears timers. */
  close(): Promise<void>
}

/** Starts an emulator; by default on 127.0.0.1 and a free port. */
export async function startEmulator(options?: EmulatorOptions): Promise<Emulator> {
  const resolved = resolveOptions(options)
  const timers = createTimers()
  const storage = createStorage(resolved.storageDir)
  const ctx = createContext({
    options: resolved,
    storage,
    ledger: createUploadLedger(storage),
    faults: createFaultRegistry(),
    scanner: createScanner(resolved.scanDelayMs, timers),
    timers,
    uploads: new Map(),
  })
  const chats = createChats()
  const cases = createCases(resolved)
  const api = {
    createChat: () => chats.create(),
    createCase: () => cases.create(),
    faults: ctx.faults as FaultControls,
    objects: () => ctx.storage.list(),
    attachments: () => ctx.ledger.list(),
    settings: (): EmulatorSettings => ({ scanDelayMs: ctx.scanner.delayMs() }),
    updateSettings(patch: Partial<EmulatorSettings>): EmulatorSettings {
      if (patch.scanDelayMs !== undefined) ctx.scanner.setDelayMs(patch.scanDelayMs)
      return api.settings()
    },
  }
  const routes = [
    ...participantChatRoutes(ctx, chats),
    ...participantAttachmentRoutes(ctx, chats),
    ...attachedFileRoutes(ctx, cases),
    ...s3Routes(ctx),
    ...controlRoutes(api),
  ]
  const server = createServer(createRouter(ctx, routes))
  const websocket = attachChatWebsocket(server, chats)
  const port = await listen(server, resolved.port, resolved.host)
  return {
    url: `http://${urlHost(resolved.host)}:${port}`,
    ...api,
    async close() {
      timers.clear()
      await websocket.close()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    },
  }
}

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port))
  })

// A wildcard bind is reached through loopback; IPv6 literals need brackets in a URL.
const urlHost = (host: string): string => {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
