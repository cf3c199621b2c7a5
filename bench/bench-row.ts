// What a benchmark page hands back to bench/run.mjs, which prints it as one table.

/** One line of the table `npm run bench` prints. */
export interface BenchRow {
  /** `<benchmark>: <figure>`, e.g. `progress storm: store notifications`. */
  name: string
  /** The measured value, or `n/a` when the browser cannot measure it. */
  figure: number | string
  unit: string
  /** What the figure means and what to expect of it, in a few words. */
  meaning: string
}

/** What the runner gives every benchmark's `run()`. */
export interface BenchConfig {
  /** Base URL of the emulator the runner started in Node, on 127.0.0.1. */
  emulatorUrl: string
}

/** Rounds a figure for the table. */
export const round = (value: number, digits = 1): number => Number(value.toFixed(digits))

/** The median of some timings (which `run()`s repeat to smooth out the scheduler's noise). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? Number.NaN
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2
}
