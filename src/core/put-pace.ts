// The pace of one PUT as its progress events show it, and what it allows: when a transfer that
// is still sending counts as stalled, and how long its answer may take once the body has left.
// Pure functions of the observed times and byte counts; xhrTransport keeps one timer by them.

/**
 * The least time without progress that counts as a stall, and the time a PUT is given to show
 * its rhythm before any quiet spell can count as one; Uppy's figure. See {@link stalledAt}.
 */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000

/**
 * The least wait for S3's answer once the whole body has left the page. The page's progress
 * reaches 100 % while socket buffers still hold megabytes the far end has not read: 4.9 MB when
 * Chromium PUT 12 MB to a loopback server reading 1 MB/s (Linux caps the send buffer at 4 MB,
 * tcp_wmem), and a phone's modem queue adds to that. 60 s drains 7.5 MB at a phone-like
 * 128 KB/s uplink, with S3's own answer taking well under a second of it; a slower link that
 * showed its rate gets longer ({@link answerWaitMs}).
 */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 60_000

/**
 * How many times its own longest quiet spell a transfer may stay quiet before it counts as
 * stalled, and how many times the time its rate needs to drain what is in flight it may wait for
 * its answer. Chromium reports upload progress as the kernel takes more of the body, which it
 * does once half of the socket's queue has drained: steps 2.4-2.9 s apart at 512 KB/s and
 * 5.3-5.8 s at 256 KB/s on loopback (4 MB queue), even though bytes move all the time. A busy
 * page hears of a step late, and a link's rate wavers; three steps with no progress is no
 * longer a wobble.
 */
const STALL_FACTOR = 3

/** What a PUT has shown of its pace through its progress events; times in ms. */
export interface Pace {
  /** When the PUT began. */
  start: number
  /** When it last made progress (`start` before it made any). */
  last: number
  /** Bytes sent so far. */
  loaded: number
  /**
   * Its first progress: the sockets' buffers take megabytes at once, so these bytes may all
   * still be in flight, and only what follows shows the link's rate.
   */
  first?: { at: number; loaded: number }
  /** The longest time between two of its progress events. */
  longest: number
}

/** The pace of a PUT beginning `at`. */
export const startPace = (at: number): Pace => ({ start: at, last: at, loaded: 0, longest: 0 })

/** `pace` after a progress event at `at` with `loaded` bytes sent (unchanged if none moved). */
export function observePace(pace: Pace, at: number, loaded: number): Pace {
  if (loaded <= pace.loaded) return pace
  const { first = { at, loaded } } = pace
  const longest = pace.first ? Math.max(pace.longest, at - pace.last) : 0
  return { ...pace, first, loaded, last: at, longest }
}

/**
 * When a PUT still sending counts as stalled: once it has made no progress for the longer of
 * `minimumMs` and {@link STALL_FACTOR} times its longest gap between progress events so far, and
 * never in its first {@link DEFAULT_STALL_TIMEOUT_MS}, which it is given to show that rhythm
 * (on a slow link the first step alone takes seconds, and a quick burst into the buffers is no
 * rhythm). The longest gap rather than a recent one: a link that paused that long may again.
 */
export const stalledAt = (pace: Pace, minimumMs: number): number =>
  Math.max(
    pace.last + Math.max(minimumMs, STALL_FACTOR * pace.longest),
    pace.start + DEFAULT_STALL_TIMEOUT_MS,
  )

/**
 * How long to wait for the answer once the whole body has left: at least `minimumMs`, and
 * {@link STALL_FACTOR} times what the rate seen since the first progress needs to drain the bytes
 * the buffers took in that first step (what they may still hold).
 */
export function answerWaitMs({ first, loaded, last }: Pace, minimumMs: number): number {
  const rate = first && last > first.at ? (loaded - first.loaded) / (last - first.at) : 0
  return rate > 0 ? Math.max(minimumMs, (STALL_FACTOR * first!.loaded) / rate) : minimumMs
}
