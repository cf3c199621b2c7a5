import { useQuery } from '@tanstack/react-query'
import type { QueryFunctionContext, UseQueryOptions } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import {
  createFileReport,
  downloadUrlOf,
  isRetryable,
  nextCheckMs,
  reportStaleInMs,
  resolveDownloadTiming,
  toAttachmentError,
  viewOfFile,
  type AttachmentError,
  type DownloadTiming,
  type FileReport,
  type RemoteFileView,
} from '../core/index.js'
import { retryCheckMs } from '../core/download-url.js'
import { useAttachmentsContext } from './attachments-provider.js'

/** Options of {@link useAttachedFile}: the timing of URL refreshes and scan polls, and the clock. */
export interface UseAttachedFileOptions extends Partial<DownloadTiming> {
  /** The clock download expiries are compared with. @default Date.now */
  now?: () => number
}

/** What {@link useAttachedFile} returns. `url` is only ever `https:` (or `http:` on loopback). */
export interface AttachedFileResult extends Omit<RemoteFileView, 'status'> {
  status: 'loading' | RemoteFileView['status'] | 'error'
  error?: AttachmentError
  /** Whether a request for the file is in flight (a poll or a URL refresh included). */
  isFetching: boolean
  /** Asks the service again now. */
  refresh(): Promise<void>
  /** A URL valid for at least the margin; fetches one only when the one at hand is too old. */
  getFreshUrl(): Promise<string>
}

type Key = readonly ['connect-attachments', 'file', string, string]
/** A report with the count of failed checks react-query had made when it arrived. */
type Report = FileReport & { errors: number }

/** The react-query key of a stored file's query: one per adapter and file id. */
export const attachedFileQueryKey = (adapterKey: string, id: string): Key => [
  'connect-attachments',
  'file',
  adapterKey,
  id,
]

/**
 * A stored file (a chat attachment, a case's attached file) and a download URL kept fresh while
 * it is shown. One react-query query per adapter and id, so every component showing the file
 * shares its requests; polled with backoff while the file is being scanned.
 */
export function useAttachedFile(
  id: string,
  options: UseAttachedFileOptions = {},
): AttachedFileResult {
  const { adapter, queryClient } = useAttachmentsContext()
  const { now = Date.now, marginMs, minRefreshMs, pollBaseMs, pollMaxMs } = options
  // Made again when a value changes, not for the new options object of each render.
  const query = useMemo(() => {
    const timing = resolveDownloadTiming(options)
    const queryKey = attachedFileQueryKey(adapter.key, id)
    return {
      queryKey,
      queryFn: ({ signal }: QueryFunctionContext<Key>) =>
        adapter.getFile(id, { signal }).then(
          (file) => {
            const { data, errorUpdateCount = 0 } = queryClient.getQueryState<Report>(queryKey) ?? {}
            return {
              ...createFileReport(file, data, now(), adapter.downloadUrlLifetimeMs),
              errors: errorUpdateCount,
            }
          },
          (error: unknown) => Promise.reject(toAttachmentError(error)),
        ),
      // react-query counts staleTime from the answer's arrival by Date.now; staleness is decided
      // by the injected clock, so the time since arrival is added back.
      staleTime: ({ state }) =>
        state.data
          ? Date.now() - state.dataUpdatedAt + reportStaleInMs(state.data, now(), timing.marginMs)
          : 0,
      // Every observer has such a timer, but each change of the query resets them all at once:
      // the first to fire makes the one request, and its fetch clears the others.
      // After a failed check that may pass (a 5xx, throttling, the network), again with growing
      // waits; a refusal (access-denied, not-found, invalid-url…) is final.
      refetchInterval: ({ state: { status, data, error, errorUpdateCount } }) =>
        status === 'success' && data
          ? nextCheckMs(data, now(), timing)
          : status === 'error' &&
            isRetryable(error) &&
            retryCheckMs(errorUpdateCount - (data?.errors ?? 0), data, now()),
      // A couple of retries for what may pass (throttling, a network blip); none for the rest.
      retry: (failures: number, error: unknown) => failures < 2 && isRetryable(error),
    } satisfies UseQueryOptions<Report, AttachmentError, Report, Key>
  }, [adapter, id, queryClient, now, marginMs, minRefreshMs, pollBaseMs, pollMaxMs])
  const { data, error, status, isFetching, refetch } = useQuery(query, queryClient)
  const refresh = useCallback(async () => void (await refetch()), [refetch])
  // A failed check that may pass leaves the URL at hand in place until it expires.
  const view = data && viewOfFile(data.file)
  const failed = status === 'error' && !(isRetryable(error) && (view?.expiresAt ?? 0) > now())
  const getFreshUrl = useCallback(
    async () => downloadUrlOf((await queryClient.fetchQuery(query)).file),
    [queryClient, query],
  )
  return {
    isFetching,
    refresh,
    getFreshUrl,
    ...(failed
      ? { status: 'error' as const, error: toAttachmentError(error) }
      : (view ?? { status: 'loading' as const })),
  }
}
