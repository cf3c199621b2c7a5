// Driving the drop-in widget as a user does, in this page's document or in a frame's: a drop on
// AttachmentDropzone, a pick through AttachmentButton's input, reading UploadList's rows, a
// click on a download link; and recording a console.
// The events are made with the constructors of the document's own window, so that they are the
// events that window's code would get from the browser.
import { fireEvent } from '@testing-library/react'
import { expect } from 'vitest'
import { page } from 'vitest/browser'

/**
 * A real drop on the dropzone in `root` (a document, or the container of one widget among
 * several), as a drag from the desktop produces it.
 */
export function drop(files: File | File[], root: Document | HTMLElement = document): void {
  const view = (root.ownerDocument ?? (root as Document)).defaultView!
  const data = new view.DataTransfer()
  for (const file of [files].flat()) data.items.add(file)
  const target = root.querySelector('.ca-attachment-dropzone__target')!
  for (const type of ['dragenter', 'dragover', 'drop']) {
    target.dispatchEvent(
      new view.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
    )
  }
}

/** A pick through the attach button's file input, as the browser reports a chosen file. */
export function pick(file: File, doc: Document = document): void {
  const data = new doc.defaultView!.DataTransfer()
  data.items.add(file)
  const input = doc.querySelector<HTMLInputElement>('.ca-attachment-button input[type=file]')!
  input.files = data.files
  fireEvent.change(input)
}

/** The newest UploadList row of the file named `name` (a file added again has two). */
export function rowOf(name: string, doc: Document = document): HTMLElement {
  const rows = Array.from(doc.querySelectorAll<HTMLElement>('.ca-upload-list__row')).filter(
    (row) => row.querySelector('.ca-upload-list__name')?.textContent === name,
  )
  if (rows.length === 0) throw new Error(`no row for ${name}`)
  return rows.at(-1)!
}

/** The row's `data-status`, or `missing` while it has none. */
export const statusOf = (name: string, doc: Document = document): string => {
  try {
    return rowOf(name, doc).getAttribute('data-status') ?? 'missing'
  } catch {
    return 'missing'
  }
}

/** The text a row shows as its status. */
export const statusTextOf = (name: string, doc: Document = document): string =>
  rowOf(name, doc).querySelector('.ca-upload-list__status')?.textContent ?? ''

/**
 * Clicks `link` with a real click from the browser (which gives the page a user activation, as
 * a new tab needs; a dispatched click would not) and returns the URLs the click went on to (the
 * page itself stays where it is), whether the page still had the activation then (without it a
 * new tab would be blocked as a popup), and how many clicks the link held back.
 */
export async function followClick(link: HTMLElement, wait: { timeout: number }) {
  const followed: string[] = []
  const activation: boolean[] = []
  let held = 0
  const record = (event: MouseEvent) => {
    if (event.defaultPrevented) return void (held += 1)
    followed.push((event.target as HTMLAnchorElement).href)
    activation.push(navigator.userActivation.isActive)
    event.preventDefault()
  }
  document.addEventListener('click', record)
  try {
    await page.elementLocator(link).click()
    await expect.poll(() => followed.length, wait).toBe(1)
  } finally {
    document.removeEventListener('click', record)
  }
  return { followed, activation, held }
}

// Every method of a console but those that print nothing and hand back an object React uses
// (its development build makes tasks with console.createTask).
const unwatched = new Set(['createTask', 'context'])

/**
 * A value as a console line would print it, whole enough to find a token in. An error of another
 * window (a frame's) is no `instanceof Error` here, so errors are known by their brand.
 */
function describeValue(value: unknown): string {
  if (Object.prototype.toString.call(value) === '[object Error]') {
    const error = value as Error
    return `${error.name}: ${error.message} ${error.stack ?? ''}`
  }
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * Records what every console method of `target` (this page's, or a frame's) is given, in
 * `lines`, and prints nothing; `restore` puts the methods back. Every method, not a list: one
 * left out would be where a token could slip through.
 */
export function recordConsole(target: Console, lines: string[]): { restore(): void } {
  const methods = target as unknown as Record<string, unknown>
  const saved = Object.keys(methods)
    .filter((method) => typeof methods[method] === 'function' && !unwatched.has(method))
    .map((method) => [method, methods[method]] as const)
  for (const [method] of saved) {
    methods[method] = (...args: unknown[]) => {
      lines.push(`${method}: ${args.map((arg) => describeValue(arg)).join(' ')}`)
    }
  }
  return {
    restore() {
      for (const [method, original] of saved) methods[method] = original
    },
  }
}
