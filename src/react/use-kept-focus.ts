import { useEffect } from 'react'
import type { RefObject } from 'react'

/** What can take keyboard focus in a row. */
export const focusable = 'button:not(:disabled), [href], input:not(:disabled), [tabindex]'

/**
 * Keeps keyboard focus inside `root` when the element that had it goes away, as a Cancel,
 * Retry or Remove button does once pressed: focus moves to the first control of the same row
 * (an `<li>`) if the row stays, else of the row that took its place or the one before it, else
 * to `root` itself (give it `tabIndex={-1}`). Only focus lost with the element is moved: once
 * the user has moved it elsewhere, nothing is taken back. Works for custom rows too, as it
 * watches the DOM rather than the rows' code.
 */
export function useKeptFocus(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = root.current!
    // The element focused last inside `root`, and its row (an element removed alone has none
    // any more); cleared when the user moves focus elsewhere.
    let last: Element | undefined
    let row: Element | null = null
    const onFocusIn = (event: Event): void => {
      last = event.target as Element
      row = last.closest('li')
    }
    // Focus moved to another element, or the element is still in the page a moment later: the
    // user moved it (an element being removed is not).
    const onFocusOut = (event: Event): void => {
      const { target, relatedTarget } = event as FocusEvent
      if (relatedTarget !== null) last = undefined
      else queueMicrotask(() => void (last === target && last.isConnected && (last = undefined)))
    }
    const observer = new MutationObserver((records) => {
      const active = document.activeElement
      if (last === undefined || last.isConnected || (active !== null && active !== document.body))
        return
      last = undefined
      const removal = records.find((record) => [...record.removedNodes].includes(row!))
      const next = [row, removal?.nextSibling, removal?.previousSibling].find(
        (node): node is Element => node instanceof Element && node.isConnected,
      )
      ;(next?.querySelector<HTMLElement>(focusable) ?? element).focus()
    })
    const listen = (method: 'addEventListener' | 'removeEventListener'): void => {
      element[method]('focusin', onFocusIn)
      element[method]('focusout', onFocusOut)
    }
    listen('addEventListener')
    observer.observe(element, { childList: true, subtree: true })
    return () => {
      listen('removeEventListener')
      observer.disconnect()
    }
  }, [root])
}
