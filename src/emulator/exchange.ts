// One request as a handler sees it, and a handler's reply as the router writes it.
import type { IncomingMessage } from 'node:http'
import type { Fault } from './faults.js'
import { readBody, type Shaping } from './http.js'
import type { Timers } from './timers.js'
import { errorTypeFor, fail, type ServiceKind } from './wire-errors.js'

/** One request as a handler sees it. */
export interface Exchange {
  req: IncomingMessage
  url: URL
  /** Path parameters by the names in the route pattern. */
  params: Record<string, string>
  /** The Host the client used; URLs handed back point at it so signatures match. */
  host: string
  fault: Fault | undefined
  /** The request body (read once, with the fault's shaping for PutObject). */
  body(): Promise<Buffer>
  /** The body parsed as a JSON object; the service's 400 error when it is not. */
  json(): Promise<Record<string, unknown>>
}

/** A handler's answer; an object body is sent as JSON. */
export interface Reply {
  status?: number
  headers?: Record<string, string>
  body?: Buffer | object
}

/** What {@link createExchange} needs besides the request. */
export interface ExchangeInit {
  url: URL
  params: Record<string, string>
  fault: Fault | undefined
  /** Shaping of the request body (only PutObject's body is shaped). */
  shaping: Shaping
  service: ServiceKind
  timers: Timers
}

/** Wraps a request for a handler. */
export function createExchange(req: IncomingMessage, init: ExchangeInit): Exchange {
  let body: Promise<Buffer> | undefined
  const ex: Exchange = {
    req,
    url: init.url,
    params: init.params,
    host: req.headers.host ?? 'localhost',
    fault: init.fault,
    body: () => (body ??= readBody(req, init.shaping, init.timers)),
    json: async () => parseJsonObject(await ex.body(), init.service),
  }
  return ex
}

/** Parses a JSON object body, throwing the service's 400 error for anything else. */
export function parseJsonObject(body: Buffer, service: ServiceKind): Record<string, unknown> {
  const text = body.toString('utf8')
  try {
    const value: unknown = text === '' ? {} : JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>
    }
  } catch {
    // answered below
  }
  throw fail(400, errorTypeFor(service, 400), 'The request body is not a JSON object.')
}

/** A full response: status, headers and body bytes. */
export interface Response {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** Turns a handler's reply into a response, adding `cors`. */
export function toResponse(reply: Reply, cors: Record<string, string>): Response {
  const isJson = reply.body !== undefined && !Buffer.isBuffer(reply.body)
  const body =
    reply.body === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(reply.body)
        ? reply.body
        : Buffer.from(JSON.stringify(reply.body))
  const headers = {
    ...cors,
    ...(isJson ? { 'content-type': 'application/json' } : {}),
    ...reply.headers,
  }
  return { status: reply.status ?? 200, headers, body }
}
