import { useEffect, useState } from 'react'
import type { RefObject } from 'react'

/**
 * Whether the element in `ref` is on screen (in the viewport, not hidden). Off screen until the
 * browser says otherwise, so that a long transcript asks nothing for what nobody sees; on screen
 * where IntersectionObserver is missing (jsdom, old browsers). The caller puts `ref` on the root
 * it always renders.
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const noObserver = typeof IntersectionObserver === 'undefined'
  const [onScreen, setOnScreen] = useState(noObserver)
  useEffect(() => {
    if (noObserver) return
    const observer = new IntersectionObserver((entries) =>
      entries.forEach((entry) => setOnScreen(entry.isIntersecting)),
    )
    observer.observe(ref.current!)
    return () => observer.disconnect()
  }, [ref, noObserver])
  return onScreen
}
