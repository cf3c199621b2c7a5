import type { Cases } from './cases.js'
import type { EmulatorContext } from './context.js'
import type { Route } from './router.js'

/** The Connect attached-file routes. */
export function attachedFileRoutes(_ctx: EmulatorContext, _cases: Cases): Route[] {
  return []
}
