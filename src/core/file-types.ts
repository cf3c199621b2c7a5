// The MIME types each of Connect's default extensions may arrive with. The first is the one sent to the
// service; the rest are what browsers and operating systems are known to report for it
// (Windows reports .csv as application/vnd.ms-excel; Firefox reports .wav as audio/x-wav; the
// Connect chat interface accepts the same variants).
export const typesByExtension: Readonly<Record<string, readonly string[]>> = {
  '.csv': [
    'text/csv',
    'application/vnd.ms-excel',
    'text/plain',
    'application/csv',
    'text/x-csv',
    'application/x-csv',
    'text/comma-separated-values',
  ],
  '.doc': ['application/msword'],
  '.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  '.heic': ['image/heic', 'image/heif'],
  '.jfif': ['image/jpeg', 'image/pjpeg', 'image/jfif'],
  '.jpeg': ['image/jpeg', 'image/pjpeg'],
  '.jpg': ['image/jpeg', 'image/pjpeg'],
  '.mov': ['video/quicktime'],
  '.mp4': ['video/mp4'],
  '.pdf': ['application/pdf', 'application/x-pdf'],
  '.png': ['image/png'],
  '.ppt': ['application/vnd.ms-powerpoint'],
  '.pptx': ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  '.rtf': ['application/rtf', 'text/rtf', 'application/x-rtf', 'text/richtext'],
  '.txt': ['text/plain'],
  '.wav': ['audio/wav', 'audio/x-wav', 'audio/vnd.wave', 'audio/wave'],
  '.xls': ['application/vnd.ms-excel'],
  '.xlsx': ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
}

/** The extension of a file name, lowercase with the dot (`.pdf`); empty when it has none. */
export const fileExtension = (name: string): string =>
  // The last dot with something before it and something (no dot) after: `.bashrc` has none.
  /.(\.[^.]+)$/s.exec(name)?.[1]!.toLowerCase() ?? ''

/**
 * The MIME type to send for a file, from its name and the type the browser declared: the
 * extension's usual type when the browser gave none (or a known variant of it), the declared
 * type for extensions we have no table for, and `undefined` when the declared type contradicts
 * the extension (a `.pdf` declared as `image/png`).
 */
export function resolveFileType(name: string, declaredType: string): string | undefined {
  const declared = declaredType.split(';')[0]!.trim().toLowerCase()
  const known = typesByExtension[fileExtension(name)]
  // What a browser reports when it does not know: nothing, or the generic binary type.
  const unknown = declared === '' || declared === 'application/octet-stream'
  if (!known) return unknown ? 'application/octet-stream' : declared
  return unknown || known.includes(declared) ? known[0] : undefined
}
