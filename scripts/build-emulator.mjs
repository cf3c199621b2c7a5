// Bundles `connect-attachments/emulator` and its bin with their own dependencies (ws, @smithy/*)
// into dist/emulator, over what tsc emitted there (its .d.ts files stay): an app that installs the
// package for its chat widget then installs nothing that only the emulator uses. The two entries
// share one chunk. Run after tsc, from `npm run build`.
import { build } from 'esbuild'
import { readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const outdir = join(root, 'dist/emulator')

/** The options both this build and `npm start` use: Node, ESM, every package inside. */
export const emulatorBuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // ws and @smithy/* are CommonJS where they require Node's built-ins, which an ES module has
  // no `require` for: give the bundle one.
  banner: {
    js: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
  },
  // ws's optional native helpers, required inside a try: absent, ws uses its own code.
  external: ['bufferutil', 'utf-8-validate'],
  // The ES builds, where a package has one: smaller, as esbuild then drops what is not used.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of readdirSync(outdir)) {
    if (/\.js(\.map)?$/.test(name)) rmSync(join(outdir, name))
  }
  await build({
    ...emulatorBuildOptions,
    entryPoints: { index: 'src/emulator/index.ts', cli: 'src/emulator/cli.ts' },
    absWorkingDir: root,
    outdir,
    splitting: true,
    chunkNames: 'shared-[hash]',
  })
}
