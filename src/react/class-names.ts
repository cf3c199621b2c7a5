/** The class names joined, skipping the empty ones. */
export const cx = (...names: (string | false | undefined)[]): string =>
  names.filter(Boolean).join(' ')

/**
 * The class of each part of a component: `ca-<block>__<part>` and the part's entry in the
 * component's `classNames` prop, if any.
 */
export const partClasses =
  <P extends string>(block: string, classNames: Partial<Record<P, string>> | undefined) =>
  (part: P): string =>
    cx(`ca-${block}__${part}`, classNames?.[part])
