// The progress bar of styles.css in real Chromium: drawn by a transform (no layout when the
// value moves), growing from the inline start in both directions, still under reduced motion.
import { cleanup, screen } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFakeAdapter } from './fake-adapter.js'
import { emulateMedia, libraryStyles } from './library-styles.js'
import { renderStrict } from './render.js'
import { createStaticManager, uploadsInEveryState } from './static-uploads.js'
import { UploadProgress } from '../src/react/upload-progress.js'

const reducedMotion = (value: string) => emulateMedia('prefers-reduced-motion', value)

let style: HTMLStyleElement
beforeAll(() => {
  style = document.head.appendChild(document.createElement('style'))
  style.textContent = libraryStyles
})
afterEach(async () => {
  cleanup()
  await reducedMotion('')
})
afterAll(() => style.remove())

/** The bar (the part that moves) of upload `id`, rendered in a 200 px wide box. */
function renderBar(id: string, dir: 'ltr' | 'rtl' = 'ltr') {
  const { manager } = createStaticManager(uploadsInEveryState())
  renderStrict(
    <div dir={dir} style={{ inlineSize: '200px' }}>
      <UploadProgress id={id} manager={manager} />
    </div>,
    { adapter: createFakeAdapter().adapter },
  )
  const root = screen.getByRole('progressbar')
  return root.firstElementChild as HTMLElement
}

describe('the progress bar of styles.css', () => {
  it('keeps its full width and scales on the compositor to the value', () => {
    const bar = renderBar('uploading') // 3.2 of 7 MB: 45 %
    const computed = getComputedStyle(bar)
    expect(computed.inlineSize).toBe('200px')
    expect(computed.transform).toBe('matrix(0.45, 0, 0, 1, 0, 0)')
    expect(computed.transitionProperty).toBe('transform')
    // Drawn 90 px wide from the left edge.
    const box = bar.getBoundingClientRect()
    const track = bar.parentElement!.getBoundingClientRect()
    expect(box.width).toBeCloseTo(90, 0)
    expect(box.left).toBeCloseTo(track.left, 0)
  })

  it('grows from the right in a right-to-left page', () => {
    const bar = renderBar('uploading', 'rtl')
    const box = bar.getBoundingClientRect()
    const track = bar.parentElement!.getBoundingClientRect()
    expect(box.width).toBeCloseTo(90, 0)
    expect(box.right).toBeCloseTo(track.right, 0)
  })

  it('is empty before any byte and full once stored', () => {
    expect(getComputedStyle(renderBar('queued')).transform).toBe('matrix(0, 0, 0, 1, 0, 0)')
    cleanup()
    expect(getComputedStyle(renderBar('succeeded')).transform).toBe('matrix(1, 0, 0, 1, 0, 0)')
  })

  it('moves without a transition under reduced motion', async () => {
    await reducedMotion('reduce')
    const computed = getComputedStyle(renderBar('uploading'))
    expect(computed.transitionDuration).toBe('0s')
    expect(computed.transform).toBe('matrix(0.45, 0, 0, 1, 0, 0)')
  })
})
