// What every live recipe shares: the check that the emulator is running, a resource made when
// the recipe mounts and released when it goes, and the generated files its buttons send.
import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { waitFor } from 'storybook/test'
import { EICAR } from '../../src/emulator/scanner.js'
import { isEmulatorReachable } from './emulator-client.js'
import { emulatorUrl } from './live-config.js'

/** What the recipes' loader gives them. */
export interface LiveLoaded {
  emulatorReachable: boolean
}

/** A Storybook loader: whether the emulator answers (a static build has none). */
export const probeEmulator = async (): Promise<LiveLoaded> => ({
  emulatorReachable: await isEmulatorReachable(),
})

/** The recipe, or what to run first when the emulator is not reachable. */
export function NeedsEmulator(props: { loaded: unknown; children: ReactNode }) {
  if ((props.loaded as Partial<LiveLoaded>).emulatorReachable) return <>{props.children}</>
  return (
    <div role="status" className="recipe-offline">
      <h2>This recipe needs the local emulator</h2>
      <p>
        It uploads real files to the emulator of the AWS side at <code>{emulatorUrl}</code>, which
        is not answering. Run it from a clone of the repository:
      </p>
      <pre>
        <code>npm install &amp;&amp; npm start</code>
      </pre>
      <p>
        That starts the emulator, the Cases backend and this Storybook together. The component
        stories under Attachments work without it.
      </p>
    </div>
  )
}

/**
 * Makes something when the component mounts and releases it on unmount; under StrictMode the
 * first one is released and a second made. Errors are returned, not thrown.
 */
export function useLive<T>(
  make: () => Promise<T>,
  release: (value: T) => void,
): { value?: T; error?: Error } {
  const [state, setState] = useState<{ value?: T; error?: Error }>({})
  // Made once per mount, by design: the first render's `make` and `release`, kept for it.
  const [once] = useState(() => ({ make, release }))
  useEffect(() => {
    const { make, release } = once
    let live = true
    let made: T | undefined
    make().then(
      (value) => {
        made = value
        if (live) setState({ value })
        else release(value)
      },
      (error: unknown) => live && setState({ error: error as Error }),
    )
    return () => {
      live = false
      if (made !== undefined) release(made)
    }
  }, [once])
  return state
}

/** A text file carrying the EICAR anti-virus test string: any scanner rejects it. */
export const eicarFile = (): File =>
  new File([EICAR], 'eicar-test-file.txt', { type: 'text/plain' })

/** One MB as Connect counts it (its 20 MB limit is 20 × 1,048,576 bytes), and as the UI shows sizes. */
export const MB = 1024 * 1024

/** A file of `megabytes` MB (of zeros) to watch a capped upload move. */
export const largeFile = (megabytes = 16): File =>
  new File([new Uint8Array(megabytes * MB)], `screen-recording-${megabytes}mb.mp4`, {
    type: 'video/mp4',
  })

/** A small PNG drawn on a canvas, so a sent image shows its preview. */
export async function drawnPng(name: string, label: string): Promise<File> {
  const canvas = document.createElement('canvas')
  canvas.width = 320
  canvas.height = 180
  const g = canvas.getContext('2d')
  if (g) {
    g.fillStyle = '#1f6feb'
    g.fillRect(0, 0, 320, 180)
    g.fillStyle = '#ffffff'
    g.font = 'bold 22px sans-serif'
    g.fillText(label, 20, 96)
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  return new File([blob ?? new Uint8Array()], name, { type: 'image/png' })
}

/** A small text file. */
export const textFile = (name: string, text: string): File =>
  new File([text], name, { type: 'text/plain' })

/**
 * How long a recipe's play function waits for what the emulator does (an upload, a scan, a chat
 * message): sized for a loaded 2-core machine, where a step that takes a second when idle has
 * taken over ten. A wait ends as soon as what it awaits is there.
 */
export const LIVE_WAIT_MS = 30_000

/** The file input of the part `selector` (`.ca-attachment-button`), once the recipe has drawn it. */
export const fileInput = (root: Element, selector: string): Promise<HTMLInputElement> =>
  waitFor(
    () => {
      const input = root.querySelector<HTMLInputElement>(`${selector} input[type=file]`)
      if (!input) throw new Error(`no ${selector} yet`)
      return input
    },
    { timeout: LIVE_WAIT_MS },
  )
