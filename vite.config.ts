import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumArgs, findBrowser } from './scripts/browser-path.mjs'

// React tests run in jsdom; everything else under src/ and test/ in plain Node.
const reactTests = ['src/react/**/*.test.tsx', 'test/**/*.react.test.tsx']
const browserTests = ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}']

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
      {
        test: {
          name: 'react',
          environment: 'jsdom',
          include: reactTests,
          exclude: [...browserTests, '**/node_modules/**'],
          setupFiles: ['test/react-setup.ts'],
        },
      },
      {
        // Bundled before the run starts: found mid-run, Vite would re-optimize and reload the page.
        optimizeDeps: { include: ['@aws-sdk/client-connect'] },
        test: {
          name: 'browser',
          include: browserTests,
          globalSetup: ['test/browser-global-setup.ts'],
          testTimeout: 30_000,
          // One file at a time: the files share one emulator, and its faults are global.
          fileParallelism: false,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: findBrowser(), args: [...chromiumArgs] },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
})
