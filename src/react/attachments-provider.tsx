import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { createContext, useContext, useMemo, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { DEFAULT_CALL_TIMEOUT_MS } from '../core/deadline.js'
import type { AttachmentAdapter } from '../core/types.js'
import { defaultUploadClient } from '../core/upload-client.js'
import type { UploadClient } from '../core/upload-client.js'
import type { UploadManager } from '../core/upload-manager.js'
import type { UploadManagerOptions } from '../core/upload-manager-options.js'
import { getFormatters, resolveLocale } from './format.js'
import type { Formatters } from './format.js'
import { defaultMessages, mergeMessages } from './messages.js'
import type { Messages, MessagesOverrides } from './messages.js'
import { createUploadRegistry } from './upload-registry.js'
import type { UploadRegistry } from './upload-registry.js'

/** Props of {@link AttachmentsProvider}. */
export interface AttachmentsProviderProps {
  /** The service the files go to and come from (chat attachments, Cases/Email attached files). */
  adapter: AttachmentAdapter
  /**
   * The conversation the uploads below belong to: switching it shows that conversation's
   * uploads, and the previous one's run on and are there again when it returns.
   * @default adapter.key
   */
  scope?: string
  /**
   * Where the uploads of each conversation are kept, made once outside React
   * (`createUploadClient()`). @default one for the page
   */
  client?: UploadClient
  /**
   * The react-query client for stored files, handed to our hooks alone: the host's own
   * `useQueryClient()` is never changed. @default the enclosing `QueryClientProvider`'s, else one of its own
   */
  queryClient?: QueryClient
  /** Messages laid over {@link defaultMessages} (or over a whole catalog such as `messagesDe`). */
  messages?: MessagesOverrides
  /**
   * The locale of sizes, percentages, dates and plurals, in the language of `messages`: it picks
   * a region's formats (`en-GB`, `de-CH` with `messagesDe`). A sentence never mixes languages:
   * where the catalog is in another language (`de` with no German catalog given), the catalog's
   * own locale formats. `messages` that do not say their `locale` are taken to be in this one.
   * Never the runtime's, so a server renders what the browser's first render does.
   * @default the catalog's `locale`, `en` for the English one
   */
  locale?: string
  /**
   * How a conversation's upload manager is made (transport, clock, connectivity…), read when it
   * is made; what a `useAttachmentUpload()` call passes is laid over it. Its `callTimeoutMs` is
   * the deadline of stored files' requests too (`useAttachedFile`, the links and cards).
   */
  uploadOptions?: Omit<UploadManagerOptions, 'adapter'>
  children?: ReactNode
}

/** What {@link useAttachmentsContext} returns. */
export interface AttachmentsContextValue {
  adapter: AttachmentAdapter
  queryClient: QueryClient
  /** Every message, the defaults merged with the provider's `messages`. */
  messages: Messages
  /** The locale in force (see the provider's `locale`). */
  locale: string
  /** `Intl` formatters for `locale`. */
  format: Formatters
  /** The deadline of a stored file's request, in ms: `uploadOptions.callTimeoutMs`, else 30000. */
  callTimeoutMs: number
  /** The upload managers in use below this provider, where `useUpload` looks for ids. */
  uploads: UploadRegistry
  /**
   * The conversation's manager, shared by every `useAttachmentUpload()` without a `manager`
   * option: the client's for `scope`, looked up (made inert if new), never owned by a render.
   */
  sharedManager(): UploadManager
}

const AttachmentsContext = createContext<AttachmentsContextValue | null>(null)

/**
 * Makes the adapter, the messages and the locale available to the hooks and components below.
 * Several providers on one page (a chat tab and a case tab) stay independent.
 */
export function AttachmentsProvider(props: AttachmentsProviderProps) {
  const { adapter, queryClient, messages, locale, uploadOptions, children } = props
  const scope = props.scope ?? adapter.key
  const enclosing = useContext(QueryClientContext)
  const own = useRef<QueryClient>(undefined)
  const [uploads] = useState(createUploadRegistry)
  const [pageClient] = useState(defaultUploadClient)
  const uploadClient = props.client ?? pageClient
  const callTimeoutMs = uploadOptions?.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS
  const options = useRef(uploadOptions)
  options.current = uploadOptions
  const value = useMemo<AttachmentsContextValue>(() => {
    // A client of its own only when there is no other, and made once.
    const client = queryClient ?? enclosing ?? (own.current ??= new QueryClient())
    const tag = resolveLocale(locale, messages ? messages.locale : defaultMessages.locale)
    return {
      adapter,
      queryClient: client,
      messages: mergeMessages(defaultMessages, messages),
      locale: tag,
      format: getFormatters(tag),
      callTimeoutMs,
      uploads,
      // One manager per conversation, kept by the client: a new adapter object for the same
      // scope (a refreshed token, one made inline) is handed to it; another scope finds its own.
      sharedManager: () => uploadClient.manager(scope, adapter, options.current),
    }
  }, [
    adapter,
    queryClient,
    enclosing,
    messages,
    locale,
    callTimeoutMs,
    uploads,
    uploadClient,
    scope,
  ])
  // No QueryClientProvider: our hooks take `queryClient` from this context, and the host's
  // `useQueryClient()` below keeps answering the host's client.
  return <AttachmentsContext.Provider value={value}>{children}</AttachmentsContext.Provider>
}

/** The nearest {@link AttachmentsProvider}'s adapter, client, messages and locale. */
export function useAttachmentsContext(): AttachmentsContextValue {
  const value = useContext(AttachmentsContext)
  if (value === null) throw new Error('connect-attachments: not inside <AttachmentsProvider>')
  return value
}
