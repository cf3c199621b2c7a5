// A loopback server for the XHR transport tests: it answers PUTs the way a test asks in the
// query string and records what arrived, so a test in the browser can check headers and bytes.
//   PUT /put/{id}?status=N&code=C&message=M   answer N (default 200), with an S3 XML error for C
//   PUT /put/{id}?hang=1                      never answer (for abort and stall tests)
//   PUT /put/{id}?bytesPerSecond=N            read the body at most this fast
//   GET /requests/{id}                        what arrived for {id}: method, headers, size
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

interface Recorded {
  method: string
  headers: Record<string, string | string[] | undefined>
  size: number
  complete: boolean
}

export interface PutServer {
  url: string
  close(): Promise<void>
}

const cors = (req: IncomingMessage): Record<string, string> => ({
  'Access-Control-Allow-Origin': req.headers.origin ?? '*',
  'Access-Control-Allow-Methods': 'PUT, GET',
  'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
  'Access-Control-Max-Age': '5',
})

/** Starts the server on 127.0.0.1 and any free port. */
export async function startPutServer(): Promise<PutServer> {
  const recorded = new Map<string, Recorded[]>()
  const server = createServer((req, res) => handle(req, res, recorded))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function handle(req: IncomingMessage, res: ServerResponse, recorded: Map<string, Recorded[]>) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const [, kind, id = ''] = url.pathname.split('/')
  if (req.method === 'OPTIONS') return void res.writeHead(204, cors(req)).end()
  if (req.method === 'GET' && kind === 'requests') {
    res.writeHead(200, { ...cors(req), 'Content-Type': 'application/json' })
    return void res.end(JSON.stringify(recorded.get(id) ?? []))
  }
  if (req.method !== 'PUT' || kind !== 'put') return void res.writeHead(404, cors(req)).end()

  const entry: Recorded = { method: req.method, headers: req.headers, size: 0, complete: false }
  recorded.set(id, [...(recorded.get(id) ?? []), entry])
  const rate = Number(url.searchParams.get('bytesPerSecond') ?? 0)
  // The wait before reading on; cleared when the request ends early (the page aborted it, or
  // close() cut the connection), so that a closed server leaves no timer to keep Node alive.
  let pacing: NodeJS.Timeout | undefined
  req.on('close', () => clearTimeout(pacing))
  req.on('data', (chunk: Buffer) => {
    entry.size += chunk.length
    if (rate > 0) {
      req.pause()
      pacing = setTimeout(() => req.resume(), (chunk.length / rate) * 1000)
    }
  })
  req.on('end', () => {
    entry.complete = true
    if (url.searchParams.has('hang')) return
    answer(req, res, url.searchParams)
  })
}

function answer(req: IncomingMessage, res: ServerResponse, params: URLSearchParams) {
  const status = Number(params.get('status') ?? 200)
  const code = params.get('code')
  if (!code) return void res.writeHead(status, cors(req)).end()
  const message = params.get('message') ?? ''
  res.writeHead(status, { ...cors(req), 'Content-Type': 'application/xml' })
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>TEST</RequestId></Error>`,
  )
}
