import { reasonOf, redactUrls } from '../core/errors.js'
import { statusOf } from './cases-error.js'
import {
  ATTACHED_FILES_OPERATIONS,
  uploaderFields,
  type AttachedFilesOperation,
  type CreatedBy,
} from './cases-adapter.js'
import { sendViaConnectClient, type ConnectClientLike } from './send-via-connect-client.js'
import { validateAttachedFilesInput } from './validate-attached-files-input.js'

/** What `authorize` is asked about: one validated call, and the request it came in. */
export interface AuthorizeDetails {
  operation: AttachedFilesOperation
  input: Record<string, unknown>
  request: Request
}

/** A value fixed for the server, or read from each request (from the caller's session, say). */
export type PerRequest<T> = T | ((request: Request) => T | Promise<T>)

/** Options of {@link createAttachedFilesHandler}. */
export interface AttachedFilesHandlerOptions {
  /** A `ConnectClient` with the server's credentials. */
  client: ConnectClientLike
  /**
   * The Connect instance every call must name; a call naming another is refused (403) before
   * `authorize` runs, so a check forgotten there cannot open another instance.
   */
  instanceId: PerRequest<string>
  /**
   * The case, email contact or task every file call must name, where the server knows it;
   * another is refused (403) before `authorize` runs. @default undefined (any: `authorize` decides)
   */
  associatedResourceArn?: PerRequest<string | undefined>
  /** Decides whether this caller may make this call (e.g. may see this case); false → 403. */
  authorize: (details: AuthorizeDetails) => boolean | Promise<boolean>
  /**
   * Who Connect records as an upload's creator, from the authorized call (the agent of your
   * session, say); a page's own `CreatedBy` is refused (400). @default undefined (the server's identity)
   */
  createdBy?: (details: AuthorizeDetails) => CreatedBy | undefined | Promise<CreatedBy | undefined>
  /** An upload's tags, from the authorized call; a page's own `Tags` are refused (400). @default undefined */
  tags?: (
    details: AuthorizeDetails,
  ) => Record<string, string> | undefined | Promise<Record<string, string> | undefined>
  /** Also relay DescribeAttachedFilesConfiguration, for adapters that load limits. @default false */
  allowDescribeConfiguration?: boolean
  /**
   * Told about failures the caller only sees as a generic message (a 500/502, an access or
   * credentials error, any 5xx of Connect), for the server's logs. @default undefined
   */
  onError?: (error: unknown) => void
}

// Every operation but DescribeAttachedFilesConfiguration, which is relayed only when allowed.
const FILE_OPERATIONS = ATTACHED_FILES_OPERATIONS.filter(
  (operation) => operation !== 'DescribeAttachedFilesConfiguration',
)

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  })
}

const invalid = (message: string): Response =>
  json(400, { name: 'InvalidRequestException', message })

// The errors whose message is about the caller's own request (its input, its file, its quota,
// its rate), so the page may show it. Any other message stays on the server: AccessDenied names
// the server's role and account, a credentials error (UnrecognizedClient, ExpiredToken) or a 5xx
// the server's setup.
const RELAYED_MESSAGES = new Set([
  'InvalidRequestException',
  'ValidationException',
  'ServiceQuotaExceededException',
  'ThrottlingException',
  'ResourceConflictException',
  'ConflictException',
  'ResourceNotFoundException',
])

/** `message` without URLs, and without ARNs (they carry the account id). */
const redactMessage = (message: unknown): string =>
  redactUrls(typeof message === 'string' ? message : '').replace(/\barn:[^\s"',;]+/g, '[arn]')

/**
 * An AWS error keeps its name, reason and status, and its message when it is about the caller's
 * request (without URLs or ARNs); any other message is replaced by a generic one and the error
 * goes to `onError`, for the server's logs.
 */
function errorResponse(error: unknown, onError?: (error: unknown) => void): Response {
  const status = statusOf(error)
  const e = error as { name?: unknown; message?: unknown; Reason?: unknown }
  if (status !== undefined && status >= 400 && typeof e.name === 'string') {
    const body: Record<string, string> = { name: e.name }
    if (status < 500 && RELAYED_MESSAGES.has(e.name)) {
      body.message = redactMessage(e.message)
    } else {
      onError?.(error)
      body.message = status < 500 ? 'Amazon Connect refused the call.' : 'Amazon Connect failed.'
    }
    const reason = reasonOf(e.Reason)
    if (reason) body.reason = reason
    return json(status, body)
  }
  onError?.(error)
  return json(502, { name: 'InternalServiceException', message: 'Amazon Connect did not answer.' })
}

const resolve = <T>(value: PerRequest<T>, request: Request): T | Promise<T> =>
  typeof value === 'function' ? (value as (request: Request) => T | Promise<T>)(request) : value

/** Whether the call names the instance and resource the server pinned for this request. */
async function isInScope(
  options: AttachedFilesHandlerOptions,
  { operation, input, request }: AuthorizeDetails,
): Promise<boolean> {
  if (input.InstanceId !== (await resolve(options.instanceId, request))) return false
  const resource = await resolve(options.associatedResourceArn, request)
  // DescribeAttachedFilesConfiguration names no resource; every file operation does.
  if (resource === undefined || operation === 'DescribeAttachedFilesConfiguration') return true
  return input.AssociatedResourceArn === resource
}

/** The input to send: an upload's with the creator and tags the server sets, if it sets them. */
async function withServerFields(
  options: AttachedFilesHandlerOptions,
  details: AuthorizeDetails,
): Promise<Record<string, unknown>> {
  if (details.operation !== 'StartAttachedFileUpload') return details.input
  const createdBy = await options.createdBy?.(details)
  return { ...details.input, ...uploaderFields(createdBy, await options.tags?.(details)) }
}

/**
 * The input to send when the call is in the pinned scope and `authorize` allows it; otherwise
 * the answer to give (403, or 500 if resolving the scope, `authorize`, `createdBy` or `tags`
 * threw).
 */
async function authorizedInput(
  options: AttachedFilesHandlerOptions,
  details: AuthorizeDetails,
): Promise<Record<string, unknown> | Response> {
  try {
    if ((await isInScope(options, details)) && (await options.authorize(details)) === true) {
      return await withServerFields(options, details)
    }
    return json(403, { name: 'AccessDeniedException', message: 'Not allowed.' })
  } catch (error) {
    options.onError?.(error)
    return json(500, { name: 'InternalServiceException', message: 'Authorization failed.' })
  }
}

function parseCall(
  body: unknown,
  allowed: readonly AttachedFilesOperation[],
): { operation: AttachedFilesOperation; input: Record<string, unknown> } | string {
  if (typeof body !== 'object' || body === null) return 'The body must be a JSON object.'
  const { operation, input } = body as { operation?: unknown; input?: unknown }
  if (!allowed.includes(operation as AttachedFilesOperation)) return 'Unknown operation.'
  const problem = validateAttachedFilesInput(operation as AttachedFilesOperation, input)
  if (problem) return `Invalid input: ${problem}.`
  return { operation: operation as AttachedFilesOperation, input: input as Record<string, unknown> }
}

/**
 * The server half of {@link sendViaHttpBackend}: a Fetch API handler (Node, Lambda, route
 * handlers) that validates `{ operation, input }`, checks it names the pinned instance (and
 * resource), asks `authorize` before anything reaches Connect, adds the creator and tags only
 * the server sets, forwards the call with the server's `ConnectClient` and answers the output,
 * or the AWS error's name, reason and status, with its message only when it is about the
 * caller's request (no stack, request id, credentials, role or account).
 */
export function createAttachedFilesHandler(
  options: AttachedFilesHandlerOptions,
): (request: Request) => Promise<Response> {
  const send = sendViaConnectClient(options.client)
  const allowed = options.allowDescribeConfiguration ? ATTACHED_FILES_OPERATIONS : FILE_OPERATIONS
  return async (request) => {
    if (request.method !== 'POST') {
      return json(405, { name: 'MethodNotAllowed', message: 'Use POST.' }, { allow: 'POST' })
    }
    let body: unknown
    try {
      body = await request.json()
    } catch {
      return invalid('The body is not JSON.')
    }
    const call = parseCall(body, allowed)
    if (typeof call === 'string') return invalid(call)
    const input = await authorizedInput(options, { ...call, request })
    if (input instanceof Response) return input
    try {
      const output = await send(call.operation, input, { signal: request.signal })
      // $metadata holds the request id and attempt counts: not the caller's business.
      const { ...result } = output as Record<string, unknown>
      delete result.$metadata
      return json(200, result)
    } catch (error) {
      return errorResponse(error, options.onError)
    }
  }
}
