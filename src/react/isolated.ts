import { createElement } from 'react'
import type { ReactNode } from 'react'
import { marking } from './format.js'
import type { MessageContext } from './message-text.js'
import { formatMessage } from './messages.js'
import type { Message } from './messages.js'

/**
 * What `write` writes for the page, with each figure (size, percentage, count, time) and each
 * value (a name) in a `<bdi>`, so that on a right-to-left page `3.2 MB` and `45 %` keep their
 * order and a name cannot reorder the sentence, while the text stays free of bidi controls
 * (copied, searched and read as it is). While `write` runs, the locale's formatters mark what
 * they make and the values `formatMessage` puts in (`marking` in format.ts); the marks become
 * elements. One place decides isolation: `write` gets the context as it is.
 */
export function isolated(
  context: MessageContext,
  write: (context: MessageContext) => string,
): ReactNode {
  const values: string[] = []
  // Each value in the text is U+E000, its index, this call's random tag and U+E001 (private-use
  // characters): a name made of the same characters cannot pass for one, as it cannot know the
  // tag. A figure made here and put in a message as a value stays one element. Values are text
  // (a name with marks in it stays as it is): sentences of the catalog are never values here.
  const tag = `:${Math.random()}\uE001`
  marking.mark = (text) => (text.endsWith(tag) ? text : `\uE000${values.push(text) - 1}${tag}`)
  try {
    return write(context)
      .split(/\uE000(\d+):[^\uE001]+\uE001/)
      .map((piece, index) =>
        index % 2 === 0 ? piece : createElement('bdi', { key: index }, values[+piece]),
      )
  } finally {
    marking.mark = undefined
  }
}

/** `formatMessage` for the page: each value and figure in a `<bdi>` (see {@link isolated}). */
export const isolatedMessage = <V extends object>(
  context: MessageContext,
  message: Message<V>,
  values: V,
): ReactNode => isolated(context, ({ format }) => formatMessage(message, values, format))
