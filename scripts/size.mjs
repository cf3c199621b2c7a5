// Measures what the library adds to a customer chat widget, and fails past the budgets:
// - `connect-attachments/participant` alone (the chat adapter, fetch only): 2.5 kB gzipped of
//   its own code, core left out (a widget using it also bundles core's upload manager); about
//   2.1 kB today, with every answer's shape checked and the host-fed scan status map;
// - the widget's whole import — the provider, the upload and file hooks, the dropzone, the
//   button, the list, the link, the transcript message and the chat adapter: 12 kB gzipped of
//   our own code (core included; React, react-dom, react-query and react-dropzone left out, as
//   code the widget has or that is not ours; the figure with react-dropzone is printed too).
//   The target is 12 kB; WIDGET_BUDGET_BYTES is a ratchet at today's figure (rounded up to the
//   next 256 B) until the import is brought down to it, so that it cannot grow meanwhile. Each
//   step down lowers it. With every string literal in the bundle blanked (no message, no MIME
//   type, no class name) the code alone still weighs about 13.1 kB: the target cannot be met by
//   trimming, only by taking features out of the widget's path;
// - `connect-attachments/styles.css`: 3 kB gzipped.
// Each bundle is built with esbuild (minified, ESM, browser) and gzipped at level 9.
//   node scripts/size.mjs             the figures, failing past a budget
//   node scripts/size.mjs --modules   also what each module adds to the widget, minified
import { build } from 'esbuild'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildStyles } from './build-styles.mjs'

const root = resolve(import.meta.dirname, '..')
const peers = ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/react-query']

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

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length

async function bundleSize({ entry, contents, external = [], plugins = [], metafile = false }) {
  const result = await build({
    ...(entry === undefined
      ? { stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'widget.ts' } }
      : { entryPoints: [entry] }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    external,
    plugins,
    metafile,
  })
  const code = result.outputFiles[0].contents
  const [output] = Object.values(result.metafile?.outputs ?? {})
  return { minified: code.length, gzipped: gzip(code), inputs: output?.inputs }
}

// What a customer chat widget imports.
const widget = `
  export { AttachmentsProvider, useAttachmentUpload, useAttachedFile, AttachmentDropzone,
    AttachmentButton, UploadList, AttachmentLink, AttachmentMessage } from './src/react/index.ts'
  export { createParticipantAdapter } from './src/participant/index.ts'
`

const WIDGET_TARGET_BYTES = 12 * 1024
// 18,048 B measured: 16,537 B after the slimming pass (18,346 B before it), then about 1.3 kB
// of fixes (focus kept in the list, capped rows, bidi isolation, grouped rejections, download
// retries and clock skew, the upload URL check, batched clear and dispose, token failures),
// then 164 B for the first hour's look (add a canceled file again, visible control characters,
// full names as titles, no totals beside canceled rows, no stale error while retrying).
const WIDGET_BUDGET_BYTES = 71 * 256

// SIZE_BUDGET_FACTOR scales every budget, so a test can see the script fail past one.
const factor = Number(process.env.SIZE_BUDGET_FACTOR ?? 1)

const checks = []
const report = (name, size, fullBudget, note = '') => {
  const budget = Math.floor(fullBudget * factor)
  const over = size.gzipped > budget
  checks.push(over)
  console.log(
    `${name}: ${size.gzipped} B gzipped (${size.minified} B minified; budget ${budget} B)` +
      `${over ? ' — OVER BUDGET' : ''}${note}`,
  )
}

const participant = await bundleSize({ entry: 'src/participant/index.ts', plugins: [coreExternal] })
const participantWithCore = await bundleSize({ entry: 'src/participant/index.ts' })
report(
  'connect-attachments/participant, its own code',
  participant,
  2560,
  `; ${participantWithCore.gzipped} B with the core code it shares`,
)
const ownWidget = await bundleSize({
  contents: widget,
  external: [...peers, 'react-dropzone'],
  metafile: process.argv.includes('--modules'),
})
if (ownWidget.inputs !== undefined) {
  const modules = Object.entries(ownWidget.inputs)
    .map(([path, input]) => [path, input.bytesInOutput])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
  for (const [path, bytes] of modules) console.log(`${String(bytes).padStart(7)} B  ${path}`)
}
const withDropzone = await bundleSize({ contents: widget, external: peers })
// The same widget without our components (a team that draws its own), for the weight decision.
const hooksOnly = await bundleSize({
  contents: `
    export { AttachmentsProvider, useAttachmentUpload, useAttachedFile, useUpload } from './src/react/index.ts'
    export { createParticipantAdapter } from './src/participant/index.ts'
  `,
  external: peers,
})
report(
  'customer chat widget import, our own code',
  ownWidget,
  WIDGET_BUDGET_BYTES,
  `; target ${WIDGET_TARGET_BYTES} B; ${withDropzone.gzipped} B with react-dropzone;` +
    ` ${hooksOnly.gzipped} B with the hooks and no component`,
)
const css = Buffer.from(await buildStyles())
report('connect-attachments/styles.css', { minified: css.length, gzipped: gzip(css) }, 3 * 1024)
if (checks.some(Boolean)) process.exitCode = 1
