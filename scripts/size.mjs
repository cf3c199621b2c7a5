// `npm run size`: the budgets of .size-limit.js, checked by size-limit (which fails past one),
// after building the stylesheet it measures.
//   node scripts/size.mjs             the figures (size-limit's own options pass through: --json)
//   node scripts/size.mjs --modules   first what each module adds to the widget, minified
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import checks from '../.size-limit.js'
import { buildStyles } from './build-styles.mjs'
import { mkdirSync, writeFileSync } from 'node:fs'

const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)

if (args.includes('--modules')) {
  // size-limit lists modules only for webpack: the widget's import, bundled as it bundles it.
  const widget = checks[0]
  const contents = Object.entries(widget.import)
    .map(([path, names]) => `export ${names} from './${path}'`)
    .join('\n')
  const { metafile } = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'widget.ts' },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['react', 'react-dom', '@tanstack/react-query', ...widget.ignore],
    ...widget.modifyEsbuildConfig({}),
  })
  const [output] = Object.values(metafile.outputs)
  const modules = Object.entries(output.inputs)
    .map(([path, input]) => [path, input.bytesInOutput])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
  console.log(`${widget.name}, minified, by module:`)
  for (const [path, bytes] of modules) console.log(`${String(bytes).padStart(7)} B  ${path}`)
}

const css = join(root, 'node_modules/.cache/connect-attachments/styles.css')
mkdirSync(join(css, '..'), { recursive: true })
writeFileSync(css, await buildStyles())
const bin = join(root, 'node_modules/size-limit/bin.js')
const run = spawnSync(process.execPath, [bin, ...args.filter((arg) => arg !== '--modules')], {
  cwd: root,
  stdio: 'inherit',
})
process.exitCode = run.status ?? 1
