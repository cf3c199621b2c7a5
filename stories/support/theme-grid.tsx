import type { ReactNode } from 'react'

const combos = [
  { theme: 'light', dir: 'ltr', label: 'Light, left to right' },
  { theme: 'dark', dir: 'ltr', label: 'Dark, left to right' },
  { theme: 'light', dir: 'rtl', label: 'Light, right to left' },
  { theme: 'dark', dir: 'rtl', label: 'Dark, right to left' },
] as const

/**
 * Renders `children` four times: light and dark, left to right and right to left, each cell on
 * its theme's background, so one story's accessibility check (contrast included) covers all four.
 * The locale comes from the toolbar.
 */
export function ThemeGrid({ children }: { children: () => ReactNode }) {
  return (
    <div className="story-grid">
      {combos.map(({ theme, dir, label }) => (
        <div
          key={label}
          role="group"
          aria-label={label}
          className="story-cell"
          data-theme={theme}
          dir={dir}
        >
          <p className="story-cell__title">{label}</p>
          {children()}
        </div>
      ))}
    </div>
  )
}

/** A labelled example inside a grid cell: what state it shows, then the component. */
export function Example({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="story-example">
      <p className="story-example__title">{title}</p>
      {children}
    </div>
  )
}
