import { describe, expect, it } from 'vitest'
import {
  answerWaitMs,
  DEFAULT_STALL_TIMEOUT_MS,
  observePace,
  stalledAt,
  startPace,
} from './put-pace.js'
import type { Pace } from './put-pace.js'

const MB = 1024 * 1024

/** The pace after progress events at the given [ms, bytes] points of a PUT begun at 0. */
const paceOf = (...events: [number, number][]): Pace =>
  events.reduce((pace, [at, loaded]) => observePace(pace, at, loaded), startPace(0))

describe('stalledAt', () => {
  it('gives a PUT its first 30 s whatever the minimum, as a quick burst shows no rhythm', () => {
    expect(stalledAt(startPace(0), 3000)).toBe(DEFAULT_STALL_TIMEOUT_MS)
    expect(stalledAt(paceOf([500, 4 * MB]), 3000)).toBe(30_000)
    expect(stalledAt(paceOf([500, 2 * MB], [600, 4 * MB]), 3000)).toBe(30_000)
  })

  it('never comes before the minimum after the last progress', () => {
    expect(stalledAt(paceOf([40_000, MB]), 3000)).toBe(43_000)
    expect(stalledAt(paceOf([500, MB]), 60_000)).toBe(60_500)
  })

  it('allows three times the longest gap between progress events seen so far', () => {
    // Chromium's steps at 512 KB/s: a 4 MB burst, then about every 2.5 s.
    const steps: [number, number][] = [[500, 4 * MB]]
    for (let i = 1; i <= 14; i++) steps.push([500 + i * 2500, 4 * MB + i * 1.25 * MB])
    steps.push([36_000, 22 * MB], [36_100, 22.1 * MB])
    expect(stalledAt(paceOf(...steps), 3000)).toBe(36_100 + 7500)
  })

  it('ignores events that moved no byte', () => {
    expect(paceOf([500, MB], [3000, 2 * MB], [9000, 2 * MB])).toMatchObject({
      last: 3000,
      longest: 2500,
    })
  })
})

describe('answerWaitMs', () => {
  it('waits the minimum when the body left in one step and showed no rate', () => {
    expect(answerWaitMs(paceOf([20, 64 * 1024]), 60_000)).toBe(60_000)
    expect(answerWaitMs(startPace(0), 800)).toBe(800)
  })

  it('scales with what the first step put in the buffers and the rate seen since', () => {
    // 4 MB taken at once, then 16 MB over 64 s: 256 KB/s, 16 s to drain 4 MB, waited 3 times.
    const pace = paceOf([2000, 4 * MB], [66_000, 20 * MB])
    expect(answerWaitMs(pace, 3000)).toBeCloseTo(48_000)
    expect(answerWaitMs(pace, 60_000)).toBe(60_000)
    // At a phone's 32 KB/s the same buffers take two minutes to drain.
    expect(answerWaitMs(paceOf([2000, 4 * MB], [514_000, 20 * MB]), 60_000)).toBeCloseTo(384_000)
  })
})
