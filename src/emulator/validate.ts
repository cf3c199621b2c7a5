// Input checks shared by the service handlers, raising each service's validation error.
import { fail } from './wire-errors.js'

/** The error type a service uses for bad input. */
export type InvalidInput = 'ValidationException' | 'InvalidRequestException'

/** A required string member of `max` characters at most; throws `type` (400) otherwise. */
export function requiredString(
  body: Record<string, unknown>,
  name: string,
  max: number,
  type: InvalidInput,
): string {
  const value = body[name]
  if (typeof value !== 'string' || value.length === 0) {
    throw fail(
      400,
      type,
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null or empty`,
    )
  }
  if (value.length > max) {
    throw fail(
      400,
      type,
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    )
  }
  return value
}

/** An optional integer member within [min, max]; throws `type` (400) otherwise. */
export function optionalInteger(
  body: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  type: InvalidInput,
): number | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fail(
      400,
      type,
      `1 validation error detected: Value '${String(value)}' at '${name}' failed to satisfy constraint: Member must be an integer between ${min} and ${max}`,
    )
  }
  return value
}

/** A required integer member of at least `min`. */
export function requiredInteger(
  body: Record<string, unknown>,
  name: string,
  min: number,
  type: InvalidInput,
): number {
  const value = optionalInteger(body, name, min, Number.MAX_SAFE_INTEGER, type)
  if (value === undefined) {
    throw fail(
      400,
      type,
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
    )
  }
  return value
}

/** A value for an HTTP header that every browser accepts (Latin-1 only), keeping the UTF-8 name in `filename*`. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return ascii === name
    ? `attachment; filename="${ascii}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
