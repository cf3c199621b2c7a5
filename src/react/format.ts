/**
 * Locale-aware formatting for messages: sizes, percentages, durations, counts and lists through
 * `Intl`, with the formatters built once per locale (constructing an `Intl` formatter costs far
 * more than using one, and a progress row formats on every percent).
 */

/** What a message function gets besides its values, for the locale in force. */
export interface Formatters {
  /** The locale the figures are in. */
  readonly locale: string
  /** A plain number, grouped the locale's way. */
  number(value: number): string
  /** A byte count in the unit that fits it: `3.2 MB`, `820 kB`, `12 bytes`. */
  bytes(value: number): string
  /** Two byte counts in the larger one's unit, for "3.2 of 7 MB": `{ loaded: '3.2', total: '7 MB' }`. */
  byteRange(loaded: number, total: number): { loaded: string; total: string }
  /** A fraction from 0 to 1 as a whole percentage: `45%`, `45 %` in German. */
  percent(fraction: number): string
  /** A duration in whole seconds, spelled out: `5 seconds`. */
  seconds(milliseconds: number): string
  /** Items joined the locale's way: `PDF, Word and images`. */
  list(items: readonly string[]): string
  /** The plural category of a count (`one`, `other`, …) for the locale. */
  plural(count: number): Intl.LDMLPluralRule
  /**
   * A value as a sentence shows it: one with right-to-left letters or bidi controls (a file
   * named `invoice\u202Efdp.exe`) in a first-strong isolate (U+2068 … U+2069), as Fluent does,
   * so that it cannot reorder the sentence around it; the isolate also ends any override left
   * open inside it. The components show their values in `<bdi>` elements instead.
   */
  isolate(text: string): string
}

/** The power of 1024 to show `bytes` in: the largest unit it makes at least one of. */
function scaleOf(bytes: number): number {
  let power = 0
  while (power < 3 && Math.abs(bytes) >= 1024 ** (power + 1)) power++
  return power
}

/**
 * While `isolated` (isolated.ts) writes a text for the page, what marks each figure the
 * formatters make and each value `isolate` gets, in place of bidi controls; else `undefined`.
 */
export const marking: { mark?: ((text: string) => string) | undefined } = {}

const cache = new Map<string, Formatters>()

/**
 * The {@link Formatters} for `locale`, made once per locale and reused. Never the runtime's
 * locale by default, so that a server and a browser set to other locales format alike.
 * @default 'en'
 */
export function getFormatters(locale = 'en'): Formatters {
  const made = cache.get(locale)
  if (made) return made
  // Every NumberFormat the figures need, made once with the locale's formatters; each figure
  // goes out marked while `isolated` writes.
  const numbers = (digits: number, options?: Intl.NumberFormatOptions) => {
    const { format } = new Intl.NumberFormat(locale, { ...options, maximumFractionDigits: digits })
    return (value: number): string => marking.mark?.(format(value)) ?? format(value)
  }
  // Whole bytes and kilobytes; one decimal for megabytes and gigabytes. Bytes in the long form:
  // CLDR's short English form is "22 byte", where "kB" and "MB" read well short. Sizes use
  // binary multiples with the familiar SI names, as Connect's documentation does ("20 MB" is
  // 20 × 1024 × 1024 bytes in its limits and in our validation).
  const digits = (power: number): number => (power < 2 ? 0 : 1)
  const inUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'].map((unit, power) =>
    numbers(digits(power), { style: 'unit', unit, unitDisplay: power ? 'short' : 'long' }),
  )
  const inUnit = (value: number, power: number): string => inUnits[power]!(value / 1024 ** power)
  const plain = [numbers(0), numbers(1)]
  const percent = numbers(0, { style: 'percent' })
  const seconds = numbers(0, { style: 'unit', unit: 'second', unitDisplay: 'long' })
  const list = new Intl.ListFormat(locale)
  const plural = new Intl.PluralRules(locale)
  const formatters: Formatters = {
    locale,
    number: plain[1]!,
    bytes: (value) => inUnit(value, scaleOf(value)),
    byteRange(loaded, total) {
      const power = scaleOf(total)
      return { loaded: plain[digits(power)]!(loaded / 1024 ** power), total: inUnit(total, power) }
    },
    // Floored, never rounded up: 99.6 % sent is not "100%" while bytes are still on their way.
    percent: (fraction) => percent(Math.floor(Math.min(Math.max(fraction, 0), 1) * 100) / 100),
    seconds: (milliseconds) => seconds(Math.max(0, Math.ceil(milliseconds / 1000))),
    list: (items) => list.format(items),
    plural: (count) => plural.select(count),
    // Isolated where it has right-to-left letters or bidi controls (U+200E/F, U+202A–E, U+2066–9).
    isolate: (text) =>
      marking.mark?.(text) ??
      (/[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefc]/.test(text)
        ? `\u2068${text}\u2069`
        : text),
  }
  cache.set(locale, formatters)
  return formatters
}

/** A tag's language: `de` for `de-CH`. */
const language = (tag: string): string => tag.split(/[-_]/)[0]!.toLowerCase()

/**
 * The locale the messages are formatted in, so that a sentence and its figures are in one
 * language: `locale` where the catalog is in its language (`de-CH` with the German catalog),
 * else the catalog's own (`en` for the English one); a catalog that does not say its locale
 * is taken to be in `locale`'s language.
 */
export function resolveLocale(locale: string | undefined, catalog: string | undefined): string {
  const own = catalog ?? locale ?? 'en'
  return locale !== undefined && language(locale) === language(own) ? locale : own
}
