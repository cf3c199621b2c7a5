import { useEffect } from 'react'
import { flushSync } from 'react-dom'
import type { RefObject } from 'react'
import type { UploadManager } from '../core/upload-manager.js'

/** What can take keyboard focus in a row. */
export const focusable = 'button:not(:disabled), [href], input:not(:disabled), [tabindex]'

/**
 * The control that last added files to each manager (the dropzone's or the button's real
 * button), where focus goes once the last row of a list of them is gone.
 */
export const addedFrom = new WeakMap<UploadManager, HTMLElement>()

/** Focuses the first control in `row`, else the row itself (made focusable); returns the latter. */
function focusIn(row: Element): HTMLElement | undefined {
  const control = row.querySelector<HTMLElement>(focusable)
  if (control) return void control.focus()
  const parked = row as HTMLElement
  if (!parked.hasAttribute('tabindex')) parked.tabIndex = -1
  parked.focus()
  return parked
}

/**
 * Keeps keyboard focus when the element that had it goes away, as a Cancel, Retry or Remove
 * button does once pressed, or Cancel once its upload is completing: focus moves to the first
 * control of the same row (an `<li>`) if the row stays, else of the row that took its place or
 * the one before it; a row with no control for the moment takes focus itself and hands it to
 * the first control that appears in it (Remove, once a retried upload is done). With no row
 * left, focus goes to the control that last added files to `manager` (`addedFrom`) while it is
 * there and enabled, else to `root` (give it `tabIndex={-1}`), after `setEmpty(true)` has been
 * rendered (a focused empty box would be nothing to see or hear). Only focus lost with the
 * element is moved: once the user has moved it elsewhere, nothing is taken back. Works for
 * custom rows too, as it watches the DOM rather than the rows' code.
 */
export function useKeptFocus(
  root: RefObject<HTMLElement | null>,
  manager: UploadManager,
  setEmpty: (empty: boolean) => void,
): void {
  useEffect(() => {
    const element = root.current!
    // The element focused last inside `root`, and its row (an element removed alone has none
    // any more); cleared when the user moves focus elsewhere. `parked`: a row holding focus
    // until a control appears in it.
    let last: Element | undefined
    let row: Element | null = null
    let parked: HTMLElement | undefined
    // Both listeners go with the effect's cleanup.
    const listening = new AbortController()
    const { signal } = listening
    element.addEventListener(
      'focusin',
      (event) => {
        last = event.target as Element
        row = last.closest('li')
        if (last !== parked) parked = undefined
      },
      { signal },
    )
    // Focus moved to another element, or the element is still in the page a moment later: the
    // user moved it (an element being removed is not).
    element.addEventListener(
      'focusout',
      ({ target, relatedTarget }) => {
        if (relatedTarget !== null) last = undefined
        else queueMicrotask(() => void (last === target && last.isConnected && (last = undefined)))
      },
      { signal },
    )
    const observer = new MutationObserver((records) => {
      const active = document.activeElement
      if (parked && active === parked && parked.querySelector(focusable)) focusIn(parked)
      if (last === undefined || last.isConnected || (active !== null && active !== document.body))
        return
      last = undefined
      const removal = records.find((record) => [...record.removedNodes].includes(row!))
      const next = [row, removal?.nextSibling, removal?.previousSibling].find(
        (node): node is Element => node instanceof Element && node.isConnected,
      )
      if (next) return void (parked = focusIn(next))
      const source = addedFrom.get(manager) as HTMLButtonElement | undefined
      const target = source?.isConnected && !source.disabled ? source : element
      if (target === element) flushSync(() => setEmpty(true))
      target.focus()
    })
    observer.observe(element, { childList: true, subtree: true })
    return () => {
      listening.abort()
      observer.disconnect()
    }
  }, [root, manager, setEmpty])
}
