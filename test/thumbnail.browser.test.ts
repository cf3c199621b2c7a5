import { describe, expect, it } from 'vitest'
import { thumbnailOf } from '../src/react/use-thumbnail.js'

/** A PNG photo-sized `width` × `height`, drawn in the page. */
async function photo(width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d')!
  context.fillStyle = '#3a7'
  context.fillRect(0, 0, width, height)
  return canvas.convertToBlob({ type: 'image/png' })
}

describe('thumbnailOf', () => {
  it('decodes a large image at the size it is shown, in proportion', async () => {
    const large = await photo(4000, 3000)
    const small = await thumbnailOf(large, 120)
    const bitmap = await createImageBitmap(small)
    expect([bitmap.width, bitmap.height]).toEqual([120, 90])
    expect(small.size).toBeLessThan(large.size)
  })

  it('rejects what is not an image, so the row keeps its type icon', async () => {
    await expect(thumbnailOf(new Blob(['not a png'], { type: 'image/png' }), 120)).rejects.toThrow()
  })
})
