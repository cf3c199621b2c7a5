/**
 * A file name built to hurt: markup and an event handler, a right-to-left override that makes
 * `.exe` read as `.png`, and 255 characters in all (the longest name Connect accepts is 256).
 */
export const hostileName = `<img src=x onerror=alert(1)>\u202Egnp.exe${'x'.repeat(255 - 36 - 4)}.png`

/**
 * A name with bidi controls or right-to-left letters as a message shows it (a button's name,
 * a question, a notice): in a first-strong isolate, so that it cannot reorder the sentence.
 */
export const isolated = (name: string): string => `\u2068${name}\u2069`
