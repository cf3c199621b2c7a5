import { createUploadManager } from './upload-manager.js'
import type { UploadManager } from './upload-manager.js'
import type { UploadManagerOptions } from './upload-manager-options.js'
import type { AttachmentAdapter } from './types.js'

/** Options of {@link createUploadClient}. */
export interface UploadClientOptions {
  /**
   * How long a conversation's manager is kept once no component observes it and none of its
   * uploads is queued or running, in ms; its rows are then forgotten. @default 300000
   */
  gcTime?: number
  /** How each manager is made (transport, retries, clock, connectivity…). */
  defaults?: Omit<UploadManagerOptions, 'adapter'>
}

/**
 * The upload managers of a page, one per conversation (`scope`: the adapter's key, a contact or
 * a case). Made once, outside render, as TanStack Query's `QueryClient` is; a render only looks a
 * manager up (made inert on first look), and only the garbage collection disposes of one.
 */
export interface UploadClient {
  /**
   * The manager of `scope`, made on first ask; handed `adapter` when it is another object than
   * the one it has (a refreshed token, an adapter made inline in render). `options` are laid
   * over the client's `defaults` when the manager is made.
   */
  manager(
    scope: string,
    adapter: AttachmentAdapter,
    options?: Omit<UploadManagerOptions, 'adapter'>,
  ): UploadManager
  /** Disposes of every manager (their running uploads are canceled); the client stays usable. */
  clear(): void
}

/** Creates an {@link UploadClient}. */
export function createUploadClient(options: UploadClientOptions = {}): UploadClient {
  const { gcTime = 300_000, defaults } = options
  const managers = new Map<string, UploadManager>()
  return {
    manager(scope, adapter, made) {
      let manager = managers.get(scope)
      if (manager === undefined || manager.isDisposed()) {
        const created = createUploadManager({
          ...defaults,
          ...made,
          adapter,
          gcTime,
          // Only this scope's own manager leaves the map: a later one may hold the scope by then.
          onDispose: () => managers.get(scope) === created && managers.delete(scope),
        })
        managers.set(scope, (manager = created))
      } else manager.setOptions({ adapter })
      return manager
    },
    clear() {
      managers.forEach((manager) => manager.dispose())
      managers.clear()
    },
  }
}

let browserClient: UploadClient | undefined

/**
 * The client an `AttachmentsProvider` uses when given none: in a browser, one for the page, so a
 * provider that remounts (a pane switching tabs) finds its conversations' uploads again; on a
 * server, a fresh one for each provider, as nothing uploads there and nothing must outlive the
 * request.
 */
export function defaultUploadClient(): UploadClient {
  if (typeof window === 'undefined') return createUploadClient()
  return (browserClient ??= createUploadClient())
}
