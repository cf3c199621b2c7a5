import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumArgs, findBrowser } from './scripts/browser-path.mjs'

// React tests run in jsdom; everything else under src/ and test/ in plain Node.
const reactTests = ['src/react/**/*.test.tsx', 'test/**/*.react.test.tsx']
const browserTests = ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}']
// The soak (test/*.soak.tsx) runs in the browser project only under `npm run soak`.
const soakTests = process.env.CONNECT_ATTACHMENTS_SOAK ? ['test/**/*.soak.tsx'] : []
const reactProject = {
  environment: 'jsdom' as const,
  include: reactTests,
  exclude: [...browserTests, '**/node_modules/**'],
  setupFiles: ['test/react-setup.ts'],
  // Sized for a loaded 2-core machine: a test that takes half a second when idle has taken ten.
  testTimeout: 20_000,
}

// React 18 from its own install (scripts/ensure-react18.mjs), for react, react-dom and their
// subpaths (react/jsx-runtime, react-dom/client, react-dom/server, …).
const react18 = fileURLToPath(new URL('./test/react18/node_modules/', import.meta.url))
const react18Aliases = [
  ...['react', 'react-dom'].flatMap((name) => [
    { find: new RegExp(`^${name}$`), replacement: `${react18}${name}` },
    { find: new RegExp(`^${name}/(.*)$`), replacement: `${react18}${name}/$1` },
  ]),
  // Its `main` is CommonJS, whose require() no alias reaches; its ES build imports through Vite.
  {
    find: /^@testing-library\/react$/,
    replacement: fileURLToPath(
      new URL(
        './node_modules/@testing-library/react/dist/@testing-library/react.esm.js',
        import.meta.url,
      ),
    ),
  },
]

// Headless Chromium (CHROMIUM_PATH, else the usual install paths) for the browser tests and
// the stories alike; a fresh object for each project, as vitest names its instances in place.
const chromium = () => ({
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({
    launchOptions: { executablePath: findBrowser(), args: [...chromiumArgs] },
  }),
  instances: [{ browser: 'chromium' as const }],
})

// Where a failed story's "debug it in Storybook" link points: the Storybook that runs the tests
// (`npm start` passes its own URL, on whatever port it is), else Storybook's default.
const storybookUrl = process.env.STORYBOOK_URL ?? 'http://localhost:6006'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          exclude: [...browserTests, ...reactTests, '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      { test: { name: 'react', ...reactProject } },
      {
        resolve: { alias: react18Aliases },
        test: {
          name: 'react18',
          ...reactProject,
          env: { REACT_MAJOR: '18' },
          // Processed by Vite rather than loaded by Node, so that their own imports of react
          // and react-dom meet the aliases too: every dependency that imports React belongs here.
          server: {
            deps: { inline: ['@testing-library/react', '@tanstack/react-query', 'react-dropzone'] },
          },
        },
      },
      {
        // Bundled before the run starts: found mid-run, Vite would re-optimize and reload the page.
        optimizeDeps: {
          include: [
            '@aws-sdk/client-connect',
            '@tanstack/react-query',
            '@testing-library/react',
            '@testing-library/user-event',
            'react',
            'react-dom/client',
            'react/jsx-dev-runtime',
            'react-dropzone',
            'file-selector',
          ],
        },
        test: {
          name: 'browser',
          include: [...browserTests, ...soakTests],
          globalSetup: ['test/browser-global-setup.ts'],
          testTimeout: 30_000,
          // One file at a time: the files share one emulator, and its faults are global.
          fileParallelism: false,
          browser: chromium(),
        },
      },
      {
        // Every story in stories/ as a test in Chromium: it renders, its play function passes,
        // it logs no console error or warning, and axe finds no violation (.storybook/preview.tsx).
        plugins: [storybookTest({ configDir: '.storybook', storybookUrl })],
        // Light whatever the machine's color scheme (the stories otherwise follow the system's).
        define: { 'import.meta.env.STORYBOOK_TEST_THEME': JSON.stringify('light') },
        // Bundled before the run starts: .storybook/preview.tsx imports storybook/theming, the
        // dropzone file-selector; found mid-run, Vite would re-optimize and reload the page
        // under a running test (a story file then fails to import).
        optimizeDeps: { include: ['storybook/theming', 'file-selector'] },
        test: {
          name: 'storybook',
          // A live recipe's play function waits up to LIVE_WAIT_MS for one step of the emulator.
          testTimeout: 120_000,
          // The live recipes upload to an emulator and a Cases backend started for the run.
          globalSetup: ['stories/live/global-setup.ts'],
          browser: chromium(),
        },
      },
      {
        // Every story once more in the dark theme, right to left, so that axe checks each one in
        // both (the AllStates stories also show all four combinations side by side). The live
        // recipes, which upload to the run's emulator, run once, above.
        plugins: [
          storybookTest({ configDir: '.storybook', storybookUrl, tags: { exclude: ['live'] } }),
        ],
        optimizeDeps: { include: ['storybook/theming', 'file-selector'] },
        define: {
          'import.meta.env.STORYBOOK_TEST_THEME': JSON.stringify('dark'),
          'import.meta.env.STORYBOOK_TEST_DIR': JSON.stringify('rtl'),
        },
        test: { name: 'storybook-dark-rtl', testTimeout: 60_000, browser: chromium() },
      },
    ],
  },
})
