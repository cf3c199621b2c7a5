import { useEffect, useState } from 'react'

/**
 * Whether every browser draws a file of this MIME type in an `<img>`: an upload row's thumbnail
 * and a transcript's preview are made for these. HEIC (allowed by Connect) is not: only Safari
 * can show it, so it is left to the type icon and the link.
 */
export const isDrawableType = (type: string): boolean =>
  /^image\/(?:png|jpeg|gif|webp|avif|bmp)$/i.test(type)

/**
 * `image` decoded at `width` pixels wide (its height in proportion) and encoded again, so that a
 * 48 MP photo shown as a 40-pixel icon costs a few kilobytes of memory, not 190 MB of pixels.
 * The image itself where the browser cannot resize (no `createImageBitmap` or
 * `OffscreenCanvas`); rejects for an image it cannot decode.
 */
export async function thumbnailOf(image: Blob, width: number): Promise<Blob> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return image
  const bitmap = await createImageBitmap(image, { resizeWidth: width, resizeQuality: 'medium' })
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0)
  bitmap.close()
  return canvas.convertToBlob({ type: 'image/png' })
}

/**
 * An object URL of an image file's thumbnail, `width` CSS pixels wide at the screen's density:
 * made once in an effect (never during render, so never on a server and never once per progress
 * tick, the way Amplify's FileUploader mints one per render), and revoked when the file changes
 * or the component unmounts. The file is asked of `getFile` in the effect and not kept, so a row
 * that succeeded lets its bytes go. `undefined` for no file, a type no browser draws, an image
 * that cannot be decoded, or before the effect ran.
 */
export function useThumbnail(
  getFile: () => Blob | undefined,
  type: string | undefined,
  width = 40,
): string | undefined {
  const [url, setUrl] = useState<string>()
  // The getter of the first render: the row's file does not change under it.
  const [get] = useState(() => getFile)
  useEffect(() => {
    const file = get()
    if (file === undefined || !isDrawableType(type ?? file.type)) return
    let live = true
    let created: string | undefined
    const density = Math.min(3, Math.ceil(globalThis.devicePixelRatio || 1))
    thumbnailOf(file, width * density).then(
      (small) => {
        if (!live) return
        created = URL.createObjectURL(small)
        setUrl(created)
      },
      () => {}, // not decodable: the type icon stays
    )
    return () => {
      live = false
      if (created !== undefined) URL.revokeObjectURL(created)
      setUrl(undefined)
    }
  }, [get, type, width])
  return url
}
