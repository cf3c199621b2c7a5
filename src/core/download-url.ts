// What `useAttachedFile` decides without React: which download URLs may go into an `href`, when a
// presigned URL counts as stale and must be fetched again, and how often a file still being
// scanned is asked about. Pure functions of their arguments, so the clock is the caller's.
import { AttachmentError } from './errors.js'
import { fileExtension, typesByExtension } from './file-types.js'
import type { RemoteFile } from './types.js'

/** How download URLs are kept fresh and scanned files are polled. */
export interface DownloadTiming {
  /** A URL counts as stale this long before it expires, in ms. @default 60000 */
  marginMs: number
  /** Wait before the first poll of a file still being scanned, in ms; it doubles. @default 1000 */
  pollBaseMs: number
  /** Longest wait between two polls of a file still being scanned, in ms. @default 16000 */
  pollMaxMs: number
}

// The loopback host names as the URL parser leaves them: `127.1` reads `127.0.0.1`.
const loopback = /^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/

/**
 * Whether a download URL may be put in an `href`: `https:`, or `http:` to a loopback host
 * (`127.0.0.0/8`, `localhost`, `[::1]`) for the local emulator. Relative and malformed URLs,
 * `javascript:`, `data:`, `blob:` and plain `http:` elsewhere are not. The check runs on the
 * parsed URL, as a browser parses an `href`, so `127.1` and `0x7f000001` count as loopback and
 * `http://127.0.0.1@example.com` does not.
 */
export function isSafeDownloadUrl(url: unknown): url is string {
  try {
    const { protocol, hostname } = new URL(url as string) // no base: a relative URL throws
    return (
      typeof url === 'string' &&
      (protocol === 'https:' ? hostname !== '' : protocol === 'http:' && loopback.test(hostname))
    )
  } catch {
    return false
  }
}

/**
 * A checked file's (`createFileReport`'s) download URL, which an approved one always has; for
 * any other file an error saying why there is none: `rejected` for a file the scan rejected,
 * `invalid-request` (reason `PROCESSING` or `FAILED`) otherwise, as the service answers
 * GetAttachment for such a file.
 */
export function downloadUrlOf(file: RemoteFile): string {
  if (file.status === 'approved') return file.download!.url
  throw file.status === 'rejected'
    ? new AttachmentError('rejected', 'Rejected by the scan')
    : new AttachmentError('invalid-request', 'No download URL', {
        reason: file.status.toUpperCase(),
      })
}

/** One answer of `getFile`, checked, with when it arrived and how many polls came before it. */
export interface FileReport {
  file: RemoteFile
  /** When the answer arrived, by the caller's clock. */
  fetchedAt: number
  /** Processing answers in a row before this one: the next poll's number. */
  polls: number
}

/**
 * The report on an answer of `getFile` that arrived at `now`, `previous` being the report before
 * it, with its URL expiring at the latest `lifetimeMs` after `now`. The answer is checked: an
 * approved file must carry a safe URL and a finite expiry, else this throws `invalid-url` (whose
 * message never repeats the URL) or `invalid-response`.
 */
export function createFileReport(
  file: RemoteFile,
  previous: FileReport | undefined,
  now: number,
  lifetimeMs = Infinity,
): FileReport {
  const { download } = file
  if (file.status === 'approved') {
    if (!isSafeDownloadUrl(download?.url)) {
      throw new AttachmentError('invalid-url', 'Unsafe download URL')
    }
    if (!Number.isFinite(download?.expiresAt)) {
      throw new AttachmentError('invalid-response', 'Invalid download expiry')
    }
  }
  // `expiresAt` is the service's clock read as the page's: on a page whose clock runs behind, a
  // URL would be followed after its end. The lifetime asked for, counted on the page's clock
  // from the answer's arrival (a little after the service signed it, which the margin covers),
  // ends it in time whatever the skew. A URL that looks expired on arrival was signed a moment
  // ago on a page whose clock runs ahead: its lifetime alone says when it ends.
  const service = download?.expiresAt ?? 0
  const expiresAt =
    service > now || lifetimeMs === Infinity
      ? Math.min(service, now + lifetimeMs)
      : now + lifetimeMs
  return {
    file:
      download && expiresAt !== download.expiresAt
        ? { ...file, download: { ...download, expiresAt } }
        : file,
    fetchedAt: now,
    // Another processing answer after one: the next poll.
    polls:
      file.status === 'processing' && previous?.file.status === 'processing'
        ? previous.polls + 1
        : 0,
  }
}

/**
 * How long from `now` until a report goes stale; 0 or less once it is. A processing file's is
 * stale at once, a rejected or failed file's never is (scan verdicts are final), an approved
 * file's goes stale with its URL: a URL that lives `lifetime` from the moment it arrived counts
 * as fresh for its lifetime less the margin, but at least half its lifetime, so that a URL
 * shorter-lived than the margin (Connect allows 5 s) is neither stale on arrival nor refreshed
 * in a loop.
 */
export function reportStaleInMs(report: FileReport, now: number, marginMs: number): number {
  const { file, fetchedAt } = report
  if (file.status === 'processing') return 0
  if (file.download === undefined) return Infinity
  const lifetime = Math.max(0, file.download.expiresAt - fetchedAt)
  return fetchedAt + Math.max(lifetime - marginMs, lifetime / 2) - now
}

/**
 * When to ask about a file again by itself: while it is being scanned, the next poll, doubling
 * from `pollBaseMs` up to `pollMaxMs` (no jitter: polls are spread by when each file was added);
 * never otherwise. An approved file's URL is asked for again when one is wanted, not on a timer.
 */
export function nextCheckMs(
  report: FileReport,
  pollBaseMs: number,
  pollMaxMs: number,
): number | false {
  return report.file.status === 'processing' && Math.min(pollMaxMs, pollBaseMs * 2 ** report.polls)
}

// Each check is already the try and two retries, 1 s and 2 s apart (react-query's retryDelay);
// the waits after it, 10, 20, 40 and then 60 s, let a service that is down for minutes cost
// three requests a minute per shown file, and one that recovers be seen within a minute.
/**
 * When to ask again about a file whose state is not known yet or that is being scanned, after
 * `failures` checks in a row (1 for the first) failed with an error that may pass: 10 s after
 * the first, doubling up to a minute. (A failed refresh of an approved file's URL is not asked
 * again by itself: the next click or hover asks, or the retry the link offers.)
 */
export const retryCheckMs = (failures: number): number => Math.min(60_000, 5_000 * 2 ** failures)

/** What a component shows of a stored file. */
export interface RemoteFileView {
  status: 'processing' | 'ready' | 'rejected' | 'failed'
  name?: string
  size?: number
  /** The MIME type, from the name's extension. */
  type?: string
  /** When the file was created, epoch ms, where the service says. */
  createdAt?: number
  url?: string
  expiresAt?: number
}

/** What a component shows of a checked file: `approved` reads `ready`, with its URL. */
export function viewOfFile(file: RemoteFile): RemoteFileView {
  const { name, size, createdAt, download } = file
  const type = typesByExtension[fileExtension(name ?? '')]?.[0]
  const status = file.status === 'approved' ? 'ready' : file.status
  return { status, name, size, type, createdAt, url: download?.url, expiresAt: download?.expiresAt }
}
