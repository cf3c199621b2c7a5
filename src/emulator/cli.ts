#!/usr/bin/env node
// connect-attachments-emulator: starts the emulator and prints where it listens. Tokens and
// presigned URLs are never printed.
import { parseArgs } from 'node:util'
import { startEmulator } from './start-emulator.js'

const USAGE = `Usage: connect-attachments-emulator [options]

  --port N              port to listen on (default 4566; 0 = any free port)
  --host H              interface to bind (default 127.0.0.1)
  --region R            region in ARNs (default us-east-1)
  --scan-delay-ms N     how long completed files stay PROCESSING / IN_PROGRESS (default 0)
  --storage-dir DIR     keep uploaded bytes in files under DIR (default: in memory)
  --allowed-origins L   comma-separated origins S3 CORS allows (default: any)
  --upload-url-ttl N    lifetime of upload URLs in seconds (default 300)
  -h, --help            show this help`

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4566' },
    host: { type: 'string', default: '127.0.0.1' },
    region: { type: 'string' },
    'scan-delay-ms': { type: 'string' },
    'storage-dir': { type: 'string' },
    'allowed-origins': { type: 'string' },
    'upload-url-ttl': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})

const number = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got ${text}\n\n${USAGE}`)
    process.exit(2)
  }
  return value
}

if (values.help === true) {
  console.log(USAGE)
  process.exit(0)
}

const emulator = await startEmulator({
  port: number('port', values.port),
  host: values.host,
  region: values.region,
  scanDelayMs: number('scan-delay-ms', values['scan-delay-ms']),
  storageDir: values['storage-dir'],
  allowedOrigins: values['allowed-origins']?.split(',').map((origin) => origin.trim()),
  uploadUrlTtlSeconds: number('upload-url-ttl', values['upload-url-ttl']),
})

const url = emulator.url
console.log(`Amazon Connect attachments emulator listening on ${url}
  credentials for SigV4 (Connect API): accessKeyId "test", secretAccessKey "test"

  Participant Service  ${url}/participant/...        (chatjs: setGlobalConfig({ region, endpoint: '${url}' }))
  Connect API          ${url}/attached-files/...     (ConnectClient({ endpoint: '${url}' }))
  S3 presigned URLs    ${url}/s3/...
  Chat websocket       ${url.replace(/^http/, 'ws')}/participant/websocket

  Controls
    POST   ${url}/_emulator/chats              start a chat (customer + agent tokens)
    POST   ${url}/_emulator/cases              create a case to attach files to
    PUT    ${url}/_emulator/faults/{Operation} inject a fault, e.g. {"status":429,"times":2}
    GET    ${url}/_emulator/faults             faults and how often each fired
    DELETE ${url}/_emulator/faults             clear all faults
    PUT    ${url}/_emulator/settings           change the scan delay, e.g. {"scanDelayMs":3000}
    GET    ${url}/_emulator/objects            stored objects (key, size, contentType, sha256)
    GET    ${url}/_emulator/attachments        every attachment started, with its Start and
                                               Complete counts and ClientTokens

Press Ctrl+C to stop.`)

const stop = (): void => {
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
