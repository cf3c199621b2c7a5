import type { ComponentPropsWithoutRef, ElementType, Ref, RefCallback, RefObject } from 'react'

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

/**
 * A component's props: its own, and the DOM props of its root element `E` (`id`, `style`,
 * `data-*`, `aria-*`, handlers…), which it spreads there. Where a name is both, the
 * component's meaning wins (`children`, `UploadProgress`'s `id`).
 */
export type RootProps<E extends ElementType, Own> = Omit<ComponentPropsWithoutRef<E>, keyof Own> &
  Own

/** `component` with its `displayName`, as a `forwardRef` component has none of its own. */
export const named = <C extends object>(component: C, displayName: string): C =>
  Object.assign(component, { displayName })

/** `own` and the host's `ref` as one callback ref. */
export const bothRefs =
  <E>(own: RefObject<E | null>, ref: Ref<E> | undefined): RefCallback<E> =>
  (element) => {
    own.current = element
    if (typeof ref === 'function') ref(element)
    else if (ref) ref.current = element
  }
