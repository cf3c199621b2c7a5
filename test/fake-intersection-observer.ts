// A stand-in for IntersectionObserver where the test says what is on screen: jsdom has none
// (where components count everything as shown), and lays nothing out to intersect.
import { act } from '@testing-library/react'
import { vi } from 'vitest'

type Callback = (entries: Pick<IntersectionObserverEntry, 'target' | 'isIntersecting'>[]) => void

/**
 * Installs the stand-in (`vi.unstubAllGlobals()` removes it). Nothing is reported until the
 * test calls `show`, as a browser reports nothing until it has laid the page out.
 */
export function stubIntersectionObserver() {
  const watchers = new Map<Element, Callback>()
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      readonly #elements = new Set<Element>()
      constructor(readonly callback: Callback) {}
      observe(element: Element) {
        this.#elements.add(element)
        watchers.set(element, this.callback)
      }
      unobserve(element: Element) {
        watchers.delete(element)
      }
      disconnect() {
        for (const element of this.#elements) watchers.delete(element)
      }
    },
  )
  return {
    /** The elements watched now. */
    watched: () => [...watchers.keys()],
    /** Reports `element` as on screen (or off it), as the browser would after a scroll. */
    show(element: Element, onScreen = true) {
      act(() => watchers.get(element)?.([{ target: element, isIntersecting: onScreen }]))
    },
  }
}
