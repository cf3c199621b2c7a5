// One locale: the sentences and the numbers in them are in one language, the catalog's unless
// the `locale` prop names a variant of it, and never the runtime's, so that a server and a
// browser whose default locales differ render the same HTML.
import { act, render, screen } from '@testing-library/react'
import { createElement } from 'react'
import type { ReactElement } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { renderHookStrict } from '../../test/render.js'
import { createStaticManager, uploadsInEveryState } from '../../test/static-uploads.js'
import { AttachmentsProvider, useAttachmentsContext } from './attachments-provider.js'
import type { AttachmentsProviderProps } from './attachments-provider.js'
import { defaultMessages } from './messages.js'
import { messagesDe } from './messages-de.js'
import { UploadProgress } from './upload-progress.js'

const { adapter } = createFakeAdapter()

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** The bar of a 7 MB upload at 3.2 MB says its progress in `aria-valuetext`. */
function progressUnder(props: Partial<AttachmentsProviderProps>): string | null {
  const { manager } = createStaticManager(uploadsInEveryState())
  render(
    <AttachmentsProvider adapter={adapter} {...props}>
      <UploadProgress id="uploading" manager={manager} />
    </AttachmentsProvider>,
  )
  return screen.getByRole('progressbar').getAttribute('aria-valuetext')
}

const localeUnder = (props: Partial<AttachmentsProviderProps>) =>
  renderHookStrict(() => useAttachmentsContext().locale, { adapter, ...props }).result.current

describe('AttachmentsProvider locale', () => {
  it('formats in the English catalog’s locale by default, not the runtime’s', () => {
    expect(defaultMessages.locale).toBe('en')
    expect(localeUnder({})).toBe('en')
    expect(progressUnder({})).toBe('45%, 3.2 of 7 MB')
  })

  it('formats numbers in the language of the catalog given, with no locale prop', () => {
    expect(messagesDe.locale).toBe('de')
    expect(localeUnder({ messages: messagesDe })).toBe('de')
    expect(progressUnder({ messages: messagesDe })).toBe('45\u00a0%, 3,2 von 7 MB')
  })

  it('keeps English numbers in English sentences when locale names a language with no catalog given', () => {
    expect(localeUnder({ locale: 'de' })).toBe('en')
    expect(progressUnder({ locale: 'de' })).toBe('45%, 3.2 of 7 MB')
    // A catalog in another language than the prop's keeps its own numbers too.
    expect(localeUnder({ messages: messagesDe, locale: 'fr-FR' })).toBe('de')
  })

  it('takes a locale of the catalog’s language for its region’s formats', () => {
    expect(localeUnder({ locale: 'en-GB' })).toBe('en-GB')
    expect(localeUnder({ messages: messagesDe, locale: 'de-CH' })).toBe('de-CH')
    expect(progressUnder({ messages: messagesDe, locale: 'de-CH' })).toBe('45%, 3.2 von 7 MB')
  })

  it('takes messages that do not say their locale to be in the locale prop’s language', () => {
    expect(localeUnder({ messages: { attachButton: 'Joindre' }, locale: 'fr-FR' })).toBe('fr-FR')
    expect(localeUnder({ messages: { attachButton: 'Attach' } })).toBe('en')
  })
})

/** Makes `tag` the runtime's default locale: every `Intl` formatter made without one gets it. */
function runtimeLocale(tag: string): void {
  const intl = Object.create(Intl) as typeof Intl
  const names = [
    'NumberFormat',
    'DateTimeFormat',
    'RelativeTimeFormat',
    'ListFormat',
    'PluralRules',
  ]
  for (const name of names) {
    const Real = (Intl as unknown as Record<string, new (...args: unknown[]) => object>)[name]!
    const Defaulted = new Proxy(Real, {
      construct: (target, [locales, options]: unknown[]) => new target(locales ?? tag, options),
    })
    Object.defineProperty(intl, name, { value: Defaulted })
  }
  vi.stubGlobal('Intl', intl)
}

/** The provider and the list as a fresh import, so that nothing made under another locale is reused. */
async function freshList(): Promise<ReactElement> {
  vi.resetModules()
  const { AttachmentsProvider: Provider } = await import('./attachments-provider.js')
  const { UploadList } = await import('./upload-list.js')
  // Every state but the retrying one, whose "in 5 seconds" depends on the clock.
  const { manager } = createStaticManager(
    uploadsInEveryState().filter((upload) => upload.id !== 'retrying'),
  )
  return createElement(Provider, { adapter }, createElement(UploadList, { manager }))
}

describe('AttachmentsProvider on a server and in a browser of other locales', () => {
  it('hydrates the server’s HTML with no mismatch', async () => {
    runtimeLocale('de-DE')
    const { renderToString } = await import('react-dom/server')
    const html = renderToString(await freshList())
    expect(html).toContain('3.2 of 7 MB')

    runtimeLocale('en-US')
    const client = await freshList()
    const { hydrateRoot } = await import('react-dom/client')
    const container = document.body.appendChild(document.createElement('div'))
    container.innerHTML = html
    const recoverable: unknown[] = []
    const consoleError = vi.spyOn(console, 'error')
    const root = await act(async () =>
      hydrateRoot(container, client, { onRecoverableError: (error) => recoverable.push(error) }),
    )
    expect(recoverable).toEqual([])
    expect(consoleError).not.toHaveBeenCalled()
    // The same markup, save the bars' values: the server writes no style attribute (a strict
    // Content Security Policy would block it) and the client sets them through the CSSOM.
    expect(html).not.toContain(' style=')
    expect(container.innerHTML.replaceAll(/ style="[^"]*"/g, '')).toBe(html)
    act(() => root.unmount())
    container.remove()
  })
})
