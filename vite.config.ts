import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumArgs, findBrowser } from './scripts/browser-path.mjs'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.{ts,tsx}', '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        // Bundled before the run starts: found mid-run, Vite would re-optimize and reload the page.
        optimizeDeps: { include: ['@aws-sdk/client-connect'] },
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
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
