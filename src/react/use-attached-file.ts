import { focusManager, useQuery } from '@tanstack/react-query'
import type {
  Query,
  QueryFunctionContext,
  QueryState,
  UseQueryOptions,
} from '@tanstack/react-query'
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { callWithDeadline, isPastDeadline } from '../core/deadline.js'
import {
  createFileReport,
  downloadUrlOf,
  nextCheckMs,
  reportStaleInMs,
  retryCheckMs,
  viewOfFile,
  type DownloadTiming,
  type FileReport,
  type RemoteFileView,
} from '../core/download-url.js'
import { isRetryable, toAttachmentError, type AttachmentError } from '../core/errors.js'
import { sleep } from '../core/online.js'
import { useAttachmentsContext } from './attachments-provider.js'

/** Options of {@link useAttachedFile}: when it may ask the service, its timing, and the clock. */
export interface UseAttachedFileOptions extends Partial<DownloadTiming> {
  /** The clock download expiries are compared with. @default Date.now */
  now?: () => number
  /**
   * Whether the hook asks the service by itself (react-query's `enabled`): `false` holds the
   * first load, scan polls and refreshes, not `refresh` or `getFreshUrl`. Nothing is asked
   * while the page is hidden either way. @default true
   */
  enabled?: boolean
  /**
   * Whether a stale URL is asked for again when the component mounts or is enabled (comes on
   * screen, the page shows again), before it shows it, as an image must; `false` leaves that to
   * `getFreshUrl`, which a link calls on intent. @default true
   */
  refreshOnMount?: boolean
  /**
   * A request for the file unanswered for this many ms is aborted and fails with `timeout`
   * (0: never). @default the provider's `uploadOptions.callTimeoutMs`, else 30000
   */
  callTimeoutMs?: number
}

/** What {@link useAttachedFile} returns. `url` is only ever `https:` (or `http:` on loopback). */
export interface AttachedFileResult extends Omit<RemoteFileView, 'status'> {
  status: 'loading' | RemoteFileView['status'] | 'error'
  error?: AttachmentError
  /** Whether a request for the file is in flight (a poll or a URL refresh included). */
  isFetching: boolean
  /** Asks the service again now; a request that hangs is aborted, not waited for. */
  refresh(): Promise<void>
  /** A URL valid for at least the margin; fetches one only when the one at hand is too old. */
  getFreshUrl(): Promise<string>
  /** Whether the URL at hand is missing or within its margin: `getFreshUrl` would ask again. */
  isStale(): boolean
}

type Key = readonly ['connect-attachments', 'file', string, string]
/**
 * A report with the count of failed checks react-query had made when it arrived (the same as when
 * its request went out: a failed check is counted once its fetch, retries included, is over).
 */
type Report = FileReport & { errors: number }

/** The react-query key of a stored file's query: one per adapter and file id. */
export const attachedFileQueryKey = (adapterKey: string, id: string): Key => [
  'connect-attachments',
  'file',
  adapterKey,
  id,
]

// Connect documents no request rate for GetAttachment or GetAttachedFile. URL refreshes that
// start together (previews scrolled into view, a page shown again after the URLs expired) are
// spread: one first waits a random time up to 250 ms for each other refresh in flight (a file
// with a URL whose request is out: react-query's count, per client), so ten go out over about
// 2 s, and one alone (most often one asked for by a click or a hover) goes at once. First loads
// and scan polls go at once and hold no one back.
const SPREAD_MS = 250
const FILES = ['connect-attachments', 'file']
const hasUrl = (query: Query) => !!(query.state.data as Report | undefined)?.file.download

const watchPage = (onChange: () => void) => focusManager.subscribe(onChange)
const pageShown = () => focusManager.isFocused()

/**
 * A stored file (a chat attachment, a case's attached file) and its download URL. One
 * react-query query per adapter and id, so every component showing the file shares its
 * requests; polled with backoff while the file is being scanned. A URL is asked for on demand
 * (`getFreshUrl`, and on mount for a stale one), never on a timer, and nothing is asked while
 * the page is hidden.
 */
export function useAttachedFile(
  id: string,
  options: UseAttachedFileOptions = {},
): AttachedFileResult {
  const { adapter, queryClient, callTimeoutMs: provided } = useAttachmentsContext()
  const {
    now = Date.now,
    enabled = true,
    refreshOnMount = true,
    callTimeoutMs = provided,
  } = options
  // marginMs: chatjs refreshes its connection token a minute before it expires; a minute also
  //   covers a browser clock that runs some seconds off the service's (expiresAt is the
  //   service's time) and a user who hovers before clicking. A URL is only asked for again when
  //   one is about to be followed or shown, never on a timer.
  // pollBaseMs / pollMaxMs: the scanner Lambda may run up to 60 s and is retried up to 3 times
  //   (Admin Guide, "Set up attachment scanning"); most scans end within seconds. Polls at 1, 2,
  //   4, 8 and then every 16 s answer a quick scan quickly and cost ~15 requests for the slowest.
  const { marginMs = 60_000, pollBaseMs = 1_000, pollMaxMs = 16_000 } = options
  const shown = useSyncExternalStore(watchPage, pageShown, () => true)
  // Made again when a value changes, not for the new options object of each render.
  const query = useMemo(() => {
    const queryKey = attachedFileQueryKey(adapter.key, id)
    const queryFn = async ({ signal }: QueryFunctionContext<Key>): Promise<Report> => {
      // The report before this one, and the failed checks counted by now.
      const { data, errorUpdateCount = 0 } = queryClient.getQueryState<Report>(queryKey) ?? {}
      // This file's request counts among those in flight from the moment its function runs.
      const waitMs = data?.file.download
        ? Math.random() *
          (queryClient.isFetching({ queryKey: FILES, predicate: hasUrl }) - 1) *
          SPREAD_MS
        : 0
      try {
        if (waitMs > 0) await sleep(signal, waitMs)
        // Its own deadline, as the upload manager gives Start and Complete: a request lost in a
        // dead connection ends as `timeout`, and the link says so and offers a retry.
        const file = await callWithDeadline('getFile', callTimeoutMs, signal, (signal) =>
          adapter.getFile(id, { signal }),
        )
        return {
          ...createFileReport(file, data, now(), adapter.downloadUrlLifetimeMs),
          errors: errorUpdateCount,
        }
      } catch (error) {
        throw toAttachmentError(error)
      }
    }
    return {
      queryKey,
      queryFn,
      // react-query counts staleTime from the answer's arrival by Date.now; staleness is
      // decided by the injected clock, so the time since arrival is added back.
      staleTime: ({ state }: { state: QueryState<Report, AttachmentError> }) =>
        state.data
          ? Date.now() - state.dataUpdatedAt + reportStaleInMs(state.data, now(), marginMs)
          : 0,
      // Polls while the file is being scanned. After a failed check that may pass (a 5xx,
      // throttling, the network) of a file not known to be approved, again with growing waits;
      // a refusal (access-denied, not-found, invalid-url…) is final.
      refetchInterval: ({ state: { status, data, error, errorUpdateCount } }) =>
        status === 'success'
          ? nextCheckMs(data!, pollBaseMs, pollMaxMs)
          : status === 'error' &&
            !data?.file.download &&
            isRetryable(error) &&
            retryCheckMs(errorUpdateCount - (data?.errors ?? 0)),
      // A couple of retries for what may pass (throttling, a network blip); none for the rest,
      // nor for a request that waited out its deadline: tried again in the same fetch, it would
      // keep the file `loading` for three deadlines (93 s) instead of saying that it hangs.
      retry: (failures: number, error: unknown) =>
        failures < 2 && isRetryable(error) && !isPastDeadline(error),
    } satisfies UseQueryOptions<Report, AttachmentError, Report, Key>
  }, [adapter, id, queryClient, now, marginMs, pollBaseMs, pollMaxMs, callTimeoutMs])
  const { data, error, status, isFetching, refetch } = useQuery(
    {
      ...query,
      enabled: enabled && shown,
      // The page showing again counts as `enabled` turning true (stale data is asked for then).
      refetchOnWindowFocus: false,
      // For a link, an approved file's URL stays as it is until someone is about to follow it.
      staleTime: (q) =>
        !refreshOnMount && q.state.data?.file.download ? Infinity : query.staleTime(q),
    },
    queryClient,
  )
  const refresh = useCallback(async () => {
    // A hung request is aborted through its signal; whoever waited on it gets the new answer.
    void queryClient.cancelQueries(
      { queryKey: query.queryKey, exact: true },
      { revert: false, silent: true },
    )
    await refetch()
  }, [queryClient, query, refetch])
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
    isStale: () => !data || reportStaleInMs(data, now(), marginMs) <= 0,
    ...(failed
      ? { status: 'error' as const, error: toAttachmentError(error) }
      : (view ?? { status: 'loading' as const })),
  }
}
