import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { CONNECT_DEFAULT_LIMITS } from '../core/connect-limits.js'
import { getFormatters } from './format.js'
import { isolated } from './isolated.js'
import { errorText, limitsText, progressText } from './message-text.js'
import type { MessageContext } from './message-text.js'
import { defaultMessages, formatMessage } from './messages.js'
import { messagesDe } from './messages-de.js'

const en: MessageContext = { messages: defaultMessages, format: getFormatters('en') }
const de: MessageContext = { messages: messagesDe, format: getFormatters('de') }
const MB = 1024 ** 2

/** The markup of what `write` writes, isolated. */
const markup = (context: MessageContext, write: (context: MessageContext) => string) =>
  renderToStaticMarkup(createElement('p', null, isolated(context, write)))

describe('isolated', () => {
  it('puts each figure in a <bdi> of its own, in the words of the catalog', () => {
    expect(markup(en, (c) => progressText(3.2 * MB, 7 * MB, c))).toBe(
      '<p><bdi>45%</bdi>, <bdi>3.2</bdi> of <bdi>7 MB</bdi></p>',
    )
    expect(markup(de, (c) => progressText(3.2 * MB, 7 * MB, c))).toBe(
      '<p><bdi>45\u00a0%</bdi>, <bdi>3,2</bdi> von <bdi>7 MB</bdi></p>',
    )
  })

  it('puts each value in one <bdi>, a figure given as a value too, without bidi controls', () => {
    const name = 'invoice\u202Efdp.exe'
    expect(markup(en, (c) => errorText('file-too-large', name, CONNECT_DEFAULT_LIMITS, c))).toBe(
      `<p><bdi>${name}</bdi> is larger than <bdi>20 MB</bdi>.</p>`,
    )
  })

  it('leaves a list of kinds of file as words of the sentence, its unknown extension isolated', () => {
    const rules = { ...CONNECT_DEFAULT_LIMITS, allowedExtensions: ['.pdf', '.xyz'], maxFiles: 2 }
    expect(markup(en, (c) => limitsText(rules, c))).toBe(
      '<p>PDF and <bdi>.xyz</bdi>; up to <bdi>20 MB</bdi> each, <bdi>2</bdi> files</p>',
    )
  })

  it('shows a name that looks like its marks as the text it is', () => {
    const name = '\uE0000\uE001.pdf'
    expect(markup(en, (c) => formatMessage(c.messages.removeUpload, { name }, c.format))).toBe(
      `<p>Remove <bdi>${name}</bdi></p>`,
    )
  })
})

describe('formatMessage', () => {
  it('writes a number in a template in the locale’s digits', () => {
    expect(formatMessage('{count} failed', { count: 1234 }, en.format)).toBe('1,234 failed')
    expect(formatMessage(de.messages.totalsFailed, { count: 1234 }, de.format)).toBe(
      '1.234 fehlgeschlagen',
    )
  })
})
