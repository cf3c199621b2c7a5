// The server half of the agent pane's Cases tab: a real `createAttachedFilesHandler` with a real
// `ConnectClient` pointed at the emulator, on a tiny node:http server. `npm start` runs it beside
// the emulator, and the Storybook tests start one for their run. In your app this is a route of
// your backend, the client has your server's credentials, and `authorize` asks your session
// whether this agent may see this case.
import { ConnectClient } from '@aws-sdk/client-connect'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAttachedFilesHandler } from '../../src/cases/index.js'
import { DEMO_AGENT_TOKEN } from './live-config.js'

/** Options of {@link startCasesBackend}. */
export interface CasesBackendOptions {
  /** The emulator the ConnectClient talks to, e.g. `http://127.0.0.1:4566`. */
  emulatorUrl: string
  /** Port to listen on (127.0.0.1); 0 picks a free one. @default 0 */
  port?: number
}

/** A running backend. */
export interface CasesBackend {
  /** The URL to give `sendViaHttpBackend`. */
  url: string
  close(): Promise<void>
}

/** The Connect instance: the emulator has one, and every case it creates names it. */
async function emulatorInstanceId(emulatorUrl: string): Promise<string> {
  const response = await fetch(`${emulatorUrl}/_emulator/cases`, { method: 'POST' })
  if (!response.ok) throw new Error(`The emulator at ${emulatorUrl} answered ${response.status}`)
  return ((await response.json()) as { instanceId: string }).instanceId
}

/** The handler as the recipe shows it. */
function casesHandler(emulatorUrl: string): (request: Request) => Promise<Response> {
  const client = new ConnectClient({
    region: 'us-east-1',
    endpoint: emulatorUrl,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // One attempt: retrying is the page's upload engine's job, so a throttling fault set in
    // the fault panel reaches the page instead of being absorbed by the SDK's own retries.
    maxAttempts: 1,
  })
  let instanceId: Promise<string> | undefined
  return createAttachedFilesHandler({
    client,
    instanceId: () => (instanceId ??= emulatorInstanceId(emulatorUrl)),
    // Stands in for your own check: the caller's session, and whether this agent may see this
    // case. Here: the demo agent's bearer token, and a Cases ARN.
    authorize: ({ request, input }) =>
      request.headers.get('authorization') === `Bearer ${DEMO_AGENT_TOKEN}` &&
      /^arn:aws:cases:[^:]+:\d{12}:domain\/[^/]+\/case\/[^/]+$/.test(
        String(input.AssociatedResourceArn),
      ),
    onError: (error) => console.error('cases backend:', error),
  })
}

// A local development backend: it answers pages on any loopback origin (Storybook's, or the
// test runner's), and no other.
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin
  if (origin === undefined || !LOOPBACK_ORIGIN.test(origin)) return {}
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-max-age': '600',
    vary: 'Origin',
  }
}

async function relay(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const cors = corsHeaders(req)
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors).end()
    return
  }
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const aborted = new AbortController()
  res.once('close', () => aborted.abort())
  const headers = Object.entries(req.headers).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, String(value)] as [string, string]],
  )
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
    signal: aborted.signal,
  })
  const response = await handler(request)
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...cors })
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** Starts the backend on 127.0.0.1. */
export async function startCasesBackend(options: CasesBackendOptions): Promise<CasesBackend> {
  const handler = casesHandler(options.emulatorUrl)
  const server = createServer((req, res) => {
    relay(handler, req, res).catch((error: unknown) => {
      console.error('cases backend:', error instanceof Error ? error.message : error)
      if (!res.headersSent) res.writeHead(500).end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/attached-files`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
