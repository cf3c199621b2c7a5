/**
 * Locale-aware formatting for messages: sizes, percentages, durations, dates and lists through
 * `Intl`, with the formatters built once per locale (constructing an `Intl` formatter costs far
 * more than using one, and a progress row formats on every percent).
 */

/** What a message function gets besides its values, for the locale in force. */
export interface Formatters {
  /** The locale asked for; `undefined` means the runtime's default. */
  readonly locale: string | undefined
  /** A plain number, grouped the locale's way. */
  number(value: number): string
  /** A byte count in the unit that fits it: `3.2 MB`, `820 kB`, `12 byte`. */
  bytes(value: number): string
  /** Two byte counts in the larger one's unit, for "3.2 of 7 MB": `{ loaded: '3.2', total: '7 MB' }`. */
  byteRange(loaded: number, total: number): { loaded: string; total: string }
  /** A fraction from 0 to 1 as a whole percentage: `45%`, `45 %` in German. */
  percent(fraction: number): string
  /** A duration in whole seconds, spelled out: `5 seconds`. */
  seconds(milliseconds: number): string
  /** A date and time, medium date and short time. */
  dateTime(epochMs: number): string
  /** A time relative to `now`: `3 minutes ago`, `yesterday`. */
  relativeTime(epochMs: number, now?: number): string
  /** Items joined the locale's way: `PDF, Word and images`. */
  list(items: readonly string[]): string
  /** The plural category of a count (`one`, `other`, …) for the locale. */
  plural(count: number): Intl.LDMLPluralRule
}

// Sizes use binary multiples with the familiar SI names, as Connect's documentation does
// ("20 MB" is 20 × 1024 × 1024 bytes in its limits and in our validation).
const units = [
  ['gigabyte', 1024 ** 3],
  ['megabyte', 1024 ** 2],
  ['kilobyte', 1024],
  ['byte', 1],
] as const

type Unit = (typeof units)[number][0]

const unitOf = (bytes: number): (typeof units)[number] =>
  units.find(([, size]) => Math.abs(bytes) >= size) ?? units[units.length - 1]!

const relativeSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
]

function createFormatters(locale: string | undefined): Formatters {
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const sized = new Map<Unit, Intl.NumberFormat>()
  const inUnit = (unit: Unit): Intl.NumberFormat => {
    let format = sized.get(unit)
    if (format === undefined) {
      format = new Intl.NumberFormat(locale, {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: unit === 'byte' || unit === 'kilobyte' ? 0 : 1,
      })
      sized.set(unit, format)
    }
    return format
  }
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  const seconds = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'long',
    maximumFractionDigits: 0,
  })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })
  const plural = new Intl.PluralRules(locale)
  return {
    locale,
    number: (value) => plain.format(value),
    bytes(value) {
      const [unit, size] = unitOf(value)
      return inUnit(unit).format(value / size)
    },
    byteRange(loaded, total) {
      const [unit, size] = unitOf(total)
      const number = unit === 'byte' || unit === 'kilobyte' ? whole : plain
      return { loaded: number.format(loaded / size), total: inUnit(unit).format(total / size) }
    },
    // Floored, never rounded up: 99.6 % sent is not "100%" while bytes are still on their way.
    percent: (fraction) =>
      percent.format(Math.floor(Math.min(Math.max(fraction, 0), 1) * 100) / 100),
    seconds: (milliseconds) => seconds.format(Math.max(0, Math.ceil(milliseconds / 1000))),
    dateTime: (epochMs) => dateTime.format(epochMs),
    relativeTime(epochMs, now = Date.now()) {
      let value = (epochMs - now) / 1000
      for (const [unit, step] of relativeSteps) {
        if (Math.abs(value) < step) return relative.format(Math.round(value), unit)
        value /= step
      }
      return relative.format(Math.round(value), 'year')
    },
    list: (items) => list.format(items),
    plural: (count) => plural.select(count),
  }
}

const cache = new Map<string, Formatters>()

/** The {@link Formatters} for `locale`, made once per locale and reused. */
export function getFormatters(locale?: string): Formatters {
  const key = locale ?? ''
  let formatters = cache.get(key)
  if (formatters === undefined) {
    formatters = createFormatters(locale)
    cache.set(key, formatters)
  }
  return formatters
}
