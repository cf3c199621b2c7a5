// The malware scan Connect runs after Complete: a file stays PROCESSING / IN_PROGRESS for
// `scanDelayMs`, then is APPROVED, or REJECTED when it carries the EICAR test string.
import type { Timers } from './timers.js'

/** The EICAR anti-virus test string: any file containing it is rejected. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'

/** A scan verdict. */
export type ScanVerdict = 'APPROVED' | 'REJECTED'

/** Schedules scans. */
export interface Scanner {
  /** Calls `done` with the verdict; synchronously when the delay is 0, so tests need no waiting. */
  scan(bytes: Buffer | undefined, done: (verdict: ScanVerdict) => void): void
}

/** Scans with the given delay; pending scans die with `timers`. */
export function createScanner(delayMs: number, timers: Timers): Scanner {
  const verdict = (bytes: Buffer | undefined): ScanVerdict =>
    bytes !== undefined && bytes.includes(EICAR) ? 'REJECTED' : 'APPROVED'
  return {
    scan(bytes, done) {
      if (delayMs <= 0) done(verdict(bytes))
      else timers.after(delayMs, () => done(verdict(bytes)))
    },
  }
}
