// The malware scan Connect runs after Complete: a file stays PROCESSING / IN_PROGRESS for
// `scanDelayMs`, then is APPROVED, or REJECTED when it carries the EICAR test string. An attached
// file carrying SCAN_FAILURE_MARKER ends FAILED, Connect's status for a scan that could not
// finish; a chat attachment has no such status (APPROVED | REJECTED | IN_PROGRESS), so the
// marker does nothing there.
import type { Timers } from './timers.js'

/** The EICAR anti-virus test string: any file containing it is rejected. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'

/** Any attached file containing this string ends FAILED (the emulator's own marker, not AWS's). */
export const SCAN_FAILURE_MARKER = 'CONNECT-ATTACHMENTS-EMULATOR-SCAN-FAILURE'

/** A chat attachment's scan verdict. */
type ScanVerdict = 'APPROVED' | 'REJECTED'

/** An attached file's scan verdict. */
type FileScanVerdict = ScanVerdict | 'FAILED'

/** Schedules scans; `done` runs synchronously when the delay is 0, so tests need no waiting. */
export interface Scanner {
  /** Scans a chat attachment. */
  scan(bytes: Buffer | undefined, done: (verdict: ScanVerdict) => void): void
  /** Scans an attached file, which may also end FAILED. */
  scanFile(bytes: Buffer | undefined, done: (verdict: FileScanVerdict) => void): void
  /** The delay scans started from now on take, in ms. */
  delayMs(): number
  /** Changes the delay of scans started from now on; a scan already pending keeps its own. */
  setDelayMs(delayMs: number): void
}

const carries = (bytes: Buffer | undefined, text: string): boolean =>
  bytes !== undefined && bytes.includes(text)

/** Scans with the given delay; pending scans die with `timers`. */
export function createScanner(initialDelayMs: number, timers: Timers): Scanner {
  let delayMs = initialDelayMs
  const later = (fn: () => void): void => {
    if (delayMs <= 0) fn()
    else timers.after(delayMs, fn)
  }
  const verdict = (bytes: Buffer | undefined): ScanVerdict =>
    carries(bytes, EICAR) ? 'REJECTED' : 'APPROVED'
  // A file with both strings is REJECTED: the scan found malware before it could fail.
  const fileVerdict = (bytes: Buffer | undefined): FileScanVerdict =>
    verdict(bytes) === 'APPROVED' && carries(bytes, SCAN_FAILURE_MARKER) ? 'FAILED' : verdict(bytes)
  return {
    scan: (bytes, done) => later(() => done(verdict(bytes))),
    scanFile: (bytes, done) => later(() => done(fileVerdict(bytes))),
    delayMs: () => delayMs,
    setDelayMs(next) {
      delayMs = next
    },
  }
}
