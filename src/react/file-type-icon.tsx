import type { FileKind } from './messages.js'

// One sheet of paper with a folded corner, and a small mark per kind inside it (24 × 24 grid).
const sheet = 'M6 2h8l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm8 0v5h5'
const marks: Partial<Record<FileKind, string>> = {
  image: 'M7 18l3-4 2 2.5 2-3 3 4.5z',
  video: 'M10 12v6l5-3z',
  audio: 'M11 18.5a1.5 1.5 0 1 1 0-3V11l4-1v2l-3 .8v4.7',
  spreadsheet: 'M7 12h10M7 15h10M7 18h10M12 12v6',
  presentation: 'M7 12h10v5H7zM12 17v2',
}
const lines = 'M8 12h8M8 15h8M8 18h5'

/** Props of {@link FileTypeIcon}. */
export interface FileTypeIconProps {
  /** The kind of file, from its name (`fileKindOf`); a plain sheet when unknown. */
  kind: FileKind | undefined
  /** A class name for the `<svg>`. */
  className?: string
}

/**
 * A small inline icon for a kind of file, drawn in `currentColor`. Decorative: hidden from
 * assistive technology, since the row says the file's name and kind in words.
 */
export function FileTypeIcon({ kind, className }: FileTypeIconProps) {
  return (
    <svg
      className={className}
      data-kind={kind}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={sheet} />
      <path d={(kind && marks[kind]) ?? lines} />
    </svg>
  )
}
