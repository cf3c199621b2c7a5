// One HTTP handler for every path: route matching, CORS, the fault hook (delay, status, byte
// shaping) and errors in the wire format of the service the path belongs to.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorContext } from './context.js'
import { createExchange, toResponse, type Exchange, type Reply, type Response } from './exchange.js'
import type { EmulatorOperation, Fault } from './faults.js'
import {
  BodyAbortedError,
  corsHeaders,
  preflightHeaders,
  writeResponse,
  type Shaping,
} from './http.js'
import {
  connectReason,
  errorTypeFor,
  fail,
  renderError,
  WireError,
  type ServiceKind,
} from './wire-errors.js'

export type { Exchange } from './exchange.js'

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

type Match = [Compiled, Record<string, string>]

const compile = (route: Route): Compiled => {
  const names: string[] = []
  const source = route.pattern.replace(/\{(\w+)(\+?)\}/g, (_, name: string, greedy: string) => {
    names.push(name)
    return greedy ? '(.+)' : '([^/]+)'
  })
  return { ...route, regex: new RegExp(`^${source}$`), names }
}

const findRoute = (routes: Compiled[], method: string, path: string): Match | undefined => {
  for (const route of routes) {
    const m = route.method === method ? route.regex.exec(path) : null
    if (m === null) continue
    const params: Record<string, string> = {}
    route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')))
    return [route, params]
  }
  return undefined
}

const isS3 = (path: string): boolean => path.startsWith('/s3/')

/** Creates the request listener for `routes`. */
export function createRouter(
  ctx: EmulatorContext,
  routes: Route[],
): (req: IncomingMessage, res: ServerResponse) => void {
  const compiled = routes.map(compile)
  return (req, res) => {
    dispatch(ctx, compiled, req, res).catch((error: unknown) => {
      console.error('emulator: request failed:', error instanceof Error ? error.message : error)
      if (!res.headersSent) res.writeHead(500).end()
    })
  }
}

async function dispatch(
  ctx: EmulatorContext,
  routes: Compiled[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator')
  const origin = allowedOrigin(ctx, url.pathname, req.headers.origin)
  if (req.method === 'OPTIONS') return preflight(req, res, url.pathname, origin)
  const cors = origin === undefined ? {} : corsHeaders(origin)
  const match = findRoute(routes, req.method ?? 'GET', url.pathname)
  if (match !== undefined) return run(ctx, match, req, res, url, cors)
  const body = Buffer.from(
    JSON.stringify({ Message: `No route for ${req.method} ${url.pathname}` }),
  )
  const headers = { ...cors, 'content-type': 'application/json' }
  return send(ctx, res, { status: 404, headers, body }, {})
}

// S3 follows the bucket's CORS rule (`allowedOrigins`); the service APIs allow any origin, as the
// Participant Service must for widgets on customers' sites.
function allowedOrigin(ctx: EmulatorContext, path: string, origin: string | undefined) {
  if (!isS3(path)) return origin ?? '*'
  const allowed = ctx.options.allowedOrigins
  if (allowed.includes('*')) return origin ?? '*'
  return origin !== undefined && allowed.includes(origin) ? origin : undefined
}

function preflight(req: IncomingMessage, res: ServerResponse, path: string, origin?: string): void {
  const method = String(req.headers['access-control-request-method'] ?? '')
  if (isS3(path) && (origin === undefined || !['PUT', 'GET'].includes(method))) {
    const refused = fail(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.')
    const rendered = renderError('s3', refused)
    res.writeHead(rendered.status, rendered.headers).end(rendered.body)
    return
  }
  const methods = isS3(path) ? 'PUT, GET' : 'GET, PUT, POST, DELETE'
  res.writeHead(200, preflightHeaders(req, origin ?? '*', methods)).end()
}

async function run(
  ctx: EmulatorContext,
  [route, params]: Match,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  cors: Record<string, string>,
): Promise<void> {
  const service: ServiceKind = route.service === 'control' ? 'participant' : route.service
  const fault = route.operation === undefined ? undefined : ctx.faults.take(route.operation)
  // Byte shaping acts on PutObject's request body and on every other operation's response.
  const shapesRequest = route.operation === 'PutObject'
  const shaping: Shaping = fault ?? {}
  const ex = createExchange(req, {
    url,
    params,
    fault,
    shaping: shapesRequest ? shaping : {},
    service,
    timers: ctx.timers,
  })
  try {
    if (fault?.delayMs !== undefined) await ctx.timers.sleep(fault.delayMs)
    if (fault?.status !== undefined) {
      await ex.body()
      throw faultError(service, fault, fault.status)
    }
    const reply = await route.handle(ex)
    await send(ctx, res, toResponse(reply, cors), shapesRequest ? {} : shaping)
  } catch (error) {
    if (error instanceof BodyAbortedError) return
    const rendered = renderError(
      service,
      error instanceof WireError ? error : internal(error, service),
    )
    await send(ctx, res, { ...rendered, headers: { ...cors, ...rendered.headers } }, {})
  }
}

const send = (ctx: EmulatorContext, res: ServerResponse, response: Response, shaping: Shaping) =>
  res.headersSent || res.destroyed
    ? Promise.resolve()
    : writeResponse(res, response, shaping, ctx.timers)

function faultError(service: ServiceKind, fault: Fault, status: number): WireError {
  const type = fault.errorType ?? errorTypeFor(service, status)
  const extra =
    fault.reason !== undefined && service === 'connect' ? connectReason(type, fault.reason) : {}
  return new WireError(status, type, fault.message ?? `Injected fault: ${type}`, extra)
}

function internal(error: unknown, service: ServiceKind): WireError {
  console.error('emulator: handler failed:', error instanceof Error ? error.stack : error)
  return new WireError(
    500,
    errorTypeFor(service, 500),
    'An internal error occurred in the emulator.',
  )
}
