import { useEffect } from 'react'
import type { RefObject } from 'react'

const focusable = 'button:not(:disabled), [href], input:not(:disabled), [tabindex]'

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
    const element = root.current
    if (element === null) return
    // The element focused last inside `root`, and its row; cleared when focus leaves on purpose.
    let last: { target: Element; row: Element | null } | undefined
    const onFocusIn = (event: FocusEvent): void => {
      const target = event.target as Element
      last = { target, row: target.closest('li') }
    }
    const onFocusOut = (event: FocusEvent): void => {
      const target = event.target as Element
      // Focus moved to another element, or the element is still in the page a moment later:
      // the user moved focus (an element being removed is not).
      if (event.relatedTarget !== null) last = undefined
      else
        queueMicrotask(() => {
          if (last?.target === target && target.isConnected) last = undefined
        })
    }
    const observer = new MutationObserver((records) => {
      if (last === undefined || last.target.isConnected) return
      const active = document.activeElement
      if (active !== null && active !== document.body) return
      const { row } = last
      let next: Element | null | undefined = row?.isConnected ? row : undefined
      for (const record of records) {
        if (next === undefined && row !== null && [...record.removedNodes].includes(row)) {
          next = [record.nextSibling, record.previousSibling].find(
            (sibling): sibling is Element => sibling instanceof Element && sibling.isConnected,
          )
        }
      }
      last = undefined
      const control = next?.querySelector<HTMLElement>(focusable)
      ;(control ?? element).focus()
    })
    element.addEventListener('focusin', onFocusIn)
    element.addEventListener('focusout', onFocusOut)
    observer.observe(element, { childList: true, subtree: true })
    return () => {
      element.removeEventListener('focusin', onFocusIn)
      element.removeEventListener('focusout', onFocusOut)
      observer.disconnect()
    }
  }, [root])
}
