/**
 * A text matcher for the element whose whole text is `text`, figures and names in `<bdi>`
 * elements included: a plain string matches an element's own text nodes only, and the
 * components put each size, percentage, count and name in a `<bdi>` of its own.
 */
export const wholeText =
  (text: string) =>
  (_content: string, element: Element | null): boolean =>
    element?.textContent === text &&
    !Array.from(element.children).some((child) => child.textContent === text)
