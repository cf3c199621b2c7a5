import { useEffect, useState } from 'react'
import type { RefObject } from 'react'

/**
 * Whether the element in `ref` is on screen (in the viewport, not hidden). Off screen until the
 * browser says otherwise, so that a long transcript asks nothing for what nobody sees; on screen
 * where IntersectionObserver is missing (jsdom, old browsers).
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(() => typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    const element = ref.current
    if (!element || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) =>
      entries.forEach((entry) => setOnScreen(entry.isIntersecting)),
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return onScreen
}
