// Size budgets per entry, gzipped, as `npm run size` and `npm test` check them. Each import is
// bundled from src with esbuild (minified, ESM, browser, ES2022), as an app's bundler would;
// the peers (React, react-dom, react-query) are left out as code the app has anyway.
// - The customer chat widget's whole import (provider, hooks, dropzone, button, list, link,
//   transcript message and the chat adapter; core included, react-dropzone left out): the
//   target is 12 kB; its budget is a ratchet at 70 × 256 B = 17,920 B (17,884 B measured: 16,537 B
//   after the slimming pass, then about 1.3 kB of fixes: focus kept in the list, capped rows,
//   bidi isolation, grouped rejections, download retries and clock skew, the upload URL check,
//   batched clear and dispose, token failures), lowered with each step down so that it cannot
//   grow meanwhile. With every string literal blanked the code alone still weighs about 13.1 kB:
//   the target cannot be met by trimming, only by taking features out of the widget's path.
// - An agent's case pane (the import of the Cases recipe and the README): 19,087 B measured,
//   budget 75 × 256 B = 19,200 B.
// - `connect-attachments/participant` alone, its own code (core left out, as the widget that
//   uses it bundles core's upload manager anyway): 2.5 kB.
// - `connect-attachments/styles.css`, as built: 3 kB.
// SIZE_BUDGET_FACTOR scales every budget, so that a test can watch the run fail past them.
const factor = Number(process.env.SIZE_BUDGET_FACTOR ?? 1)
const budget = (bytes) => Math.floor(bytes * factor)

/** The bundle an app's bundler makes, where size-limit's own leaves format and target open. */
const asShipped = (config) => ({ ...config, format: 'esm', platform: 'browser', target: 'es2022' })

/** Leaves imports of core out of the bundle, as code the widget already has. */
const coreExternal = {
  name: 'core-external',
  setup(build) {
    build.onResolve({ filter: /\/core\/[^/]+\.js$/ }, (args) => ({
      path: args.path,
      external: true,
    }))
  },
}

export default [
  {
    name: 'customer chat widget import, our own code',
    import: {
      'src/react/index.ts':
        '{ AttachmentsProvider, useAttachmentUpload, useAttachedFile, AttachmentDropzone, AttachmentButton, UploadList, AttachmentLink, AttachmentMessage }',
      'src/participant/index.ts': '{ createParticipantAdapter }',
    },
    ignore: ['react-dropzone'],
    gzip: true,
    limit: budget(70 * 256),
    modifyEsbuildConfig: asShipped,
  },
  {
    name: 'case pane import, our own code',
    import: {
      'src/react/index.ts':
        '{ AttachmentsProvider, AttachmentDropzone, UploadList, AttachedFileCard }',
      'src/cases/index.ts': '{ createCasesAdapter, sendViaHttpBackend }',
    },
    ignore: ['react-dropzone'],
    gzip: true,
    limit: budget(75 * 256),
    modifyEsbuildConfig: asShipped,
  },
  {
    name: 'connect-attachments/participant, its own code',
    path: 'src/participant/index.ts',
    gzip: true,
    limit: budget(2560),
    modifyEsbuildConfig: (config) => ({
      ...asShipped(config),
      plugins: [...(config.plugins ?? []), coreExternal],
    }),
  },
  {
    name: 'connect-attachments/styles.css',
    path: 'node_modules/.cache/connect-attachments/styles.css',
    gzip: true,
    limit: budget(3 * 1024),
  },
]
