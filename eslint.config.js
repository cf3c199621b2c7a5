import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// The layer rules of DESIGN.md: imports only go down.
const awsAndChat = ['@aws-sdk/*', '@smithy/*', 'amazon-connect-*']
const reactStack = ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/*', 'react-dropzone']

/** @param {string[]} groups @param {string} why */
const forbid = (groups, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message: why }] }],
})

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'storybook-static/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // A rest sibling is how a component leaves its own props out of its root's DOM props.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The rules of hooks, and every value an effect, memo or callback reads in its dependencies.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/core/**'],
    ignores: ['src/core/**/*.test.ts'],
    rules: forbid(
      [
        ...reactStack,
        ...awsAndChat,
        '**/react/**',
        '**/participant/**',
        '**/cases/**',
        '**/emulator/**',
      ],
      'core is framework-free: no React, no react-query, no AWS, no adapters.',
    ),
  },
  {
    files: ['src/react/**'],
    ignores: ['src/react/**/*.test.{ts,tsx}'],
    rules: forbid(
      [...awsAndChat, '**/participant/**', '**/cases/**', '**/emulator/**'],
      'The React layer imports only core (and React, react-query); adapters are passed in.',
    ),
  },
  {
    files: ['src/participant/**'],
    ignores: ['src/participant/**/*.test.ts'],
    rules: forbid(
      [...reactStack, '@aws-sdk/*', '@smithy/*', '**/react/**', '**/cases/**', '**/emulator/**'],
      'The chat adapter stays tiny: fetch only, no AWS SDK, no React, no other adapter.',
    ),
  },
  {
    files: ['src/cases/**'],
    ignores: ['src/cases/**/*.test.ts'],
    rules: forbid(
      [...reactStack, '**/react/**', '**/participant/**', '**/emulator/**'],
      'Adapters import only core.',
    ),
  },
  {
    files: ['src/emulator/**'],
    ignores: ['src/emulator/**/*.test.ts'],
    rules: forbid(
      [...reactStack, '**/react/**', '**/participant/**', '**/cases/**'],
      'The emulator imports nothing of ours but shared types from core.',
    ),
  },
  {
    files: ['src/emulator/cli.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
)
