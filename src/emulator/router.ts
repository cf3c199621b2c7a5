// One HTTP handler for every path: route matching, CORS, the fault hook (delay, status, byte
// shaping) and errors in the wire format of the service the path belongs to.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorContext } from './context.js'
import type { EmulatorOperation, Fault } from './faults.js'
import type { Timers } from './timers.js'
import {
  BodyAbortedError,
  corsHeaders,
  preflightHeaders,
  readBody,
  writeResponse,
  type Shaping,
} from './http.js'
import {
  errorTypeFor,
  fail,
  renderError,
  WireError,
  connectReason,
  type ServiceKind,
} from './wire-errors.js'

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
  /** The body parsed as a JSON object; ValidationException / InvalidRequestException when it is not. */
  json(): Promise<Record<string, unknown>>
}

/** A handler's answer; an object body is sent as JSON. */
export interface Reply {
  status?: number
  headers?: Record<string, string>
  body?: Buffer | object
}

/** A route: `{Name}` matches one segment, `{Name+}` the rest of the path. */
export interface Route {
  method: string
  pattern: string
  service: ServiceKind | 'control'
  operation?: EmulatorOperation
  handle(ex: Exchange): Promise<Reply>
}

interface Compiled extends Route {
  regex: RegExp
  names: string[]
}

const compile = (route: Route): Compiled => {
  const names: string[] = []
  const source = route.pattern.replace(/\{(\w+)(\+?)\}/g, (_, name: string, greedy: string) => {
    names.push(name)
    return greedy ? '(.+)' : '([^/]+)'
  })
  return { ...route, regex: new RegExp(`^${source}$`), names }
}

const isS3 = (path: string): boolean => path.startsWith('/s3/')

/** Creates the request listener for `routes`. */
export function createRouter(
  ctx: EmulatorContext,
  routes: Route[],
): (req: IncomingMessage, res: ServerResponse) => void {
  const compiled = routes.map(compile)
  const s3Origin = (origin: string | undefined): string | undefined => {
    const allowed = ctx.options.allowedOrigins
    if (allowed.includes('*')) return origin ?? '*'
    return origin !== undefined && allowed.includes(origin) ? origin : undefined
  }
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator')
    const origin = isS3(url.pathname) ? s3Origin(req.headers.origin) : (req.headers.origin ?? '*')
    if (req.method === 'OPTIONS') return preflight(req, res, url, origin)
    const cors = origin === undefined ? {} : corsHeaders(origin)
    const match = findRoute(compiled, req.method ?? 'GET', url.pathname)
    if (match === undefined) {
      return send(
        res,
        {
          status: 404,
          headers: { ...cors, 'content-type': 'application/json' },
          body: Buffer.from('{"Message":"Not found"}'),
        },
        {},
      )
    }
    const [route, params] = match
    const service: ServiceKind = route.service === 'control' ? 'participant' : route.service
    const fault = route.operation === undefined ? undefined : ctx.faults.take(route.operation)
    const shaping: Shaping = fault ?? {}
    const ex = exchange(
      req,
      url,
      params,
      fault,
      route.operation === 'PutObject' ? shaping : {},
      service,
      ctx.timers,
    )
    try {
      if (fault?.delayMs !== undefined) await ctx.timers.sleep(fault.delayMs)
      if (fault?.status !== undefined) {
        await ex.body()
        throw faultError(service, fault, fault.status)
      }
      const reply = await route.handle(ex)
      await send(res, toResponse(reply, cors), route.operation === 'PutObject' ? {} : shaping)
    } catch (error) {
      if (error instanceof BodyAbortedError) return
      const wire = error instanceof WireError ? error : internal(error, service)
      const rendered = renderError(service, wire)
      await send(res, { ...rendered, headers: { ...cors, ...rendered.headers } }, {})
    }
  }
  const send = (
    res: ServerResponse,
    reply: { status: number; headers: Record<string, string>; body: Buffer },
    shaping: Shaping,
  ) =>
    res.headersSent || res.destroyed
      ? Promise.resolve()
      : writeResponse(res, reply, shaping, ctx.timers)
  const preflight = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    origin: string | undefined,
  ): void => {
    const method = String(req.headers['access-control-request-method'] ?? '')
    if (isS3(url.pathname) && (origin === undefined || !['PUT', 'GET'].includes(method))) {
      const rendered = renderError(
        's3',
        fail(
          403,
          'AccessForbidden',
          "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
        ),
      )
      res.writeHead(rendered.status, rendered.headers).end(rendered.body)
      return
    }
    const methods = isS3(url.pathname) ? 'PUT, GET' : 'GET, PUT, POST, DELETE'
    res.writeHead(200, preflightHeaders(req, origin ?? '*', methods)).end()
  }
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('emulator: request failed', error instanceof Error ? error.message : error)
      if (!res.headersSent) res.writeHead(500).end()
    })
  }
}

const findRoute = (
  routes: Compiled[],
  method: string,
  path: string,
): [Compiled, Record<string, string>] | undefined => {
  for (const route of routes) {
    if (route.method !== method) continue
    const m = route.regex.exec(path)
    if (m === null) continue
    const params: Record<string, string> = {}
    route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')))
    return [route, params]
  }
  return undefined
}

function exchange(
  req: IncomingMessage,
  url: URL,
  params: Record<string, string>,
  fault: Fault | undefined,
  shaping: Shaping,
  service: ServiceKind,
  timers: Timers,
): Exchange {
  let body: Promise<Buffer> | undefined
  const ex: Exchange = {
    req,
    url,
    params,
    host: req.headers.host ?? 'localhost',
    fault,
    body: () => (body ??= readBody(req, shaping, timers)),
    async json() {
      const text = (await ex.body()).toString('utf8')
      try {
        const value: unknown = text === '' ? {} : JSON.parse(text)
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
          return value as Record<string, unknown>
      } catch {
        // answered below
      }
      throw fail(400, errorTypeFor(service, 400), 'The request body is not a JSON object.')
    },
  }
  return ex
}

const toResponse = (reply: Reply, cors: Record<string, string>) => {
  const json = reply.body !== undefined && !Buffer.isBuffer(reply.body)
  const body =
    reply.body === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(reply.body)
        ? reply.body
        : Buffer.from(JSON.stringify(reply.body))
  const headers = {
    ...cors,
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...reply.headers,
  }
  return { status: reply.status ?? 200, headers, body }
}

function faultError(service: ServiceKind, fault: Fault, status: number): WireError {
  const type = fault.errorType ?? errorTypeFor(service, status)
  const extra =
    fault.reason !== undefined && service === 'connect' ? connectReason(type, fault.reason) : {}
  return new WireError(status, type, fault.message ?? `Injected fault: ${type}`, extra)
}

function internal(error: unknown, service: ServiceKind): WireError {
  console.error('emulator: handler failed', error instanceof Error ? error.stack : error)
  return new WireError(
    500,
    errorTypeFor(service, 500),
    'An internal error occurred in the emulator.',
  )
}
