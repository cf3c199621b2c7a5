// Builds `connect-attachments/styles.css`: the design tokens first, then each component's
// stylesheet (src/react/styles/*.css, by name), minified into one file. One file, so a team
// adds a single import; custom properties, so a theme overrides variables, not selectors.
//   node scripts/build-styles.mjs [outFile]
import { transform } from 'esbuild'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const dir = join(root, 'src/react/styles')
const out = resolve(root, process.argv[2] ?? 'dist/styles.css')

/** The stylesheet's source: tokens.css, then the others in name order. */
export function stylesSource() {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.css') && name !== 'tokens.css')
    .sort()
  return ['tokens.css', ...names].map((name) => readFileSync(join(dir, name), 'utf8')).join('\n')
}

/** The minified stylesheet, as shipped. */
export async function buildStyles() {
  const { code } = await transform(stylesSource(), { loader: 'css', minify: true })
  return code
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, await buildStyles())
}
