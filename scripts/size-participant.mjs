// Measures what `connect-attachments/participant` adds to a customer widget's bundle: the entry
// bundled with esbuild (minified, ESM, browser) and gzipped. The chat widget path must stay
// tiny (no AWS SDK, no chatjs), so the adapter's own code has a budget of 2 kB gzipped.
//
// The budget counts the participant layer's own code, with `src/core` left out: a widget
// using this entry also bundles core's upload manager, which already contains the error class
// and the default limits the adapter shares. The figure with core's share included is printed
// too, for information.
//   node scripts/size-participant.mjs
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'

const BUDGET_BYTES = 2048

/** Leaves imports of core out of the bundle, as code the widget already has. */
const coreExternal = {
  name: 'core-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/core\/[^/]+\.js$/ }, (args) => ({
      path: args.path,
      external: true,
    }))
  },
}

async function gzippedSize(plugins) {
  const result = await build({
    entryPoints: ['src/participant/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins,
  })
  const code = result.outputFiles[0].contents
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length }
}

const own = await gzippedSize([coreExternal])
const withCore = await gzippedSize([])
const over = own.gzipped > BUDGET_BYTES
console.log(
  `connect-attachments/participant: ${own.gzipped} B gzipped of its own code ` +
    `(${own.minified} B minified; budget ${BUDGET_BYTES} B)${over ? ' — OVER BUDGET' : ''}; ` +
    `${withCore.gzipped} B gzipped with the core code it shares`,
)
if (over) process.exitCode = 1
