import { useEffect, useState } from 'react'

// Types every browser draws in an <img>; HEIC (allowed by Connect) is left to the type icon,
// since only Safari can show it.
const drawable = /^image\/(?:png|jpeg|gif|webp|avif|bmp)$/i

/**
 * An object URL for an image file, for a thumbnail: made once for the file in an effect (never
 * during render, so never on a server and never once per progress tick, the way Amplify's
 * FileUploader mints one per render), and revoked when the file changes or the component
 * unmounts. `undefined` for no file, a type no browser draws, or before the effect ran.
 */
export function useThumbnail(
  file: Blob | undefined,
  type: string = file?.type ?? '',
): string | undefined {
  const [url, setUrl] = useState<string>()
  useEffect(() => {
    if (file === undefined || !drawable.test(type)) return
    const created = URL.createObjectURL(file)
    setUrl(created)
    return () => {
      URL.revokeObjectURL(created)
      setUrl(undefined)
    }
  }, [file, type])
  return url
}
