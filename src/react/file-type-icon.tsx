import type { SVGProps } from 'react'
import type { FileKind } from './messages.js'

/**
 * A line icon on a 24 × 24 grid in `currentColor`: one path, whose `d` may hold several
 * subpaths (`M…M…`), drawn as separate paths would be. Decorative: hidden from assistive
 * technology, since what it stands for is said in words beside it or in its button's name.
 */
export function Icon({
  d,
  size = 24,
  ...rest
}: { d: string; size?: number } & Omit<SVGProps<SVGSVGElement>, 'd'>) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...rest}
    >
      <path d={d} />
    </svg>
  )
}

// One sheet of paper with a folded corner, and a small mark per kind inside it (a subpath of
// the sheet's path).
const marks: Partial<Record<FileKind, string>> = {
  image: 'M7 18l3-4 2 2.5 2-3 3 4.5z',
  video: 'M10 12v6l5-3z',
  audio: 'M11 18.5a1.5 1.5 0 1 1 0-3V11l4-1v2l-3 .8v4.7',
  spreadsheet: 'M7 12h10M7 15h10M7 18h10M12 12v6',
  presentation: 'M7 12h10v5H7zM12 17v2',
}

/**
 * The icon of a kind of file (`fileKindOf`), lines of text on the sheet when the kind is
 * unknown; `data-kind` names the kind for styles.
 */
export const FileTypeIcon = ({
  kind,
  className,
}: {
  kind: FileKind | undefined
  className: string
}) => (
  <Icon
    className={className}
    data-kind={kind}
    strokeWidth="1.5"
    d={`M6 2h8l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm8 0v5h5${(kind && marks[kind]) ?? 'M8 12h8M8 15h8M8 18h5'}`}
  />
)
