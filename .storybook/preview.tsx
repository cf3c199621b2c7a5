import { QueryClient } from '@tanstack/react-query'
import type { Decorator, Preview } from '@storybook/react-vite'
import { StrictMode, useState } from 'react'
import { themes } from 'storybook/theming'
import type { ReactNode } from 'react'
import type { AttachmentAdapter } from '../src/core/index.js'
import { AttachmentsProvider } from '../src/react/index.js'
import { messagesDe } from '../src/react/messages-de.js'
import { createFakeAdapter } from '../test/fake-adapter.js'
// The component styles as `connect-attachments/styles.css` concatenates them: tokens first.
import '../src/react/styles/tokens.css'
import.meta.glob('../src/react/styles/*.css', { eager: true })
import './preview.css'

/**
 * What a story may give the frame: the adapter its provider uses. A loader that returns
 * `{ adapter }` wins (it can script the adapter per story); else `parameters.attachments.adapter`
 * is called once per render; else an adapter that answers at once.
 */
export interface AttachmentsParameters {
  adapter?: () => AttachmentAdapter
}

const locales = {
  en: { locale: 'en-US', messages: undefined },
  de: { locale: 'de-DE', messages: messagesDe },
} as const

interface FrameProps {
  adapter: AttachmentAdapter
  theme: string
  dir: string
  locale: keyof typeof locales
  view: string
  children: ReactNode
}

/**
 * The story inside StrictMode, a fresh QueryClient and the provider, on its theme's background.
 * The `system` theme sets no data-theme, so styles.css follows prefers-color-scheme as it does on
 * a host page that does not choose.
 */
function StoryFrame({ adapter, theme, dir, locale, view, children }: FrameProps) {
  const [queryClient] = useState(() => new QueryClient())
  const { messages, locale: tag } = locales[locale] ?? locales.en
  return (
    <StrictMode>
      <div
        className="story-frame"
        data-theme={theme === 'system' ? undefined : theme}
        dir={dir}
        lang={tag}
        data-view={view}
      >
        <AttachmentsProvider
          adapter={adapter}
          queryClient={queryClient}
          messages={messages}
          locale={tag}
        >
          {children}
        </AttachmentsProvider>
      </div>
    </StrictMode>
  )
}

const withAttachments: Decorator = (Story, context) => {
  const loaded = context.loaded as { adapter?: AttachmentAdapter }
  const parameters = context.parameters.attachments as AttachmentsParameters | undefined
  const adapter = loaded.adapter ?? parameters?.adapter?.() ?? createFakeAdapter().adapter
  const { theme, dir, locale } = context.globals
  return (
    // Keyed by story, so every story gets a new QueryClient and provider.
    <StoryFrame
      key={context.id}
      adapter={adapter}
      theme={theme}
      dir={dir}
      locale={locale}
      view={context.viewMode}
    >
      <Story />
    </StoryFrame>
  )
}

// Every story must render without console errors or warnings: they are caught while a story
// renders and plays, and fail it afterwards (its test included) with what was logged.
let logged: string[] = []

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Color theme: the system setting, or data-theme on the story frame',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'system', title: 'System (prefers-color-scheme)' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Message catalog and locale',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English (en-US)' },
          { value: 'de', title: 'Deutsch (de-DE)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  // Stories follow the system's color scheme; the test projects force theirs (storybook light,
  // storybook-dark-rtl dark and right to left) through STORYBOOK_TEST_THEME and _DIR.
  initialGlobals: {
    theme: import.meta.env.STORYBOOK_TEST_THEME ?? 'system',
    dir: import.meta.env.STORYBOOK_TEST_DIR ?? 'ltr',
    locale: 'en',
  },
  decorators: [withAttachments],
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
    a11y: { test: 'error' },
    // Docs pages in the system's color scheme, like the stories on them and the manager.
    docs: {
      toc: true,
      theme: window.matchMedia('(prefers-color-scheme: dark)').matches ? themes.dark : themes.light,
    },
  },
  tags: ['autodocs'],
  beforeEach() {
    logged = []
    const original = { error: console.error, warn: console.warn }
    Object.assign(console, {
      error: (...args: unknown[]) => {
        logged.push(`console.error: ${args.map(String).join(' ')}`)
        original.error(...args)
      },
      warn: (...args: unknown[]) => {
        logged.push(`console.warn: ${args.map(String).join(' ')}`)
        original.warn(...args)
      },
    })
    return () => void Object.assign(console, original)
  },
  afterEach() {
    if (logged.length > 0) throw new Error(`The story logged:\n${logged.join('\n')}`)
  },
}

export default preview
