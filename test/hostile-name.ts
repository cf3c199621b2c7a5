/**
 * A file name built to hurt: markup and an event handler, a right-to-left override that makes
 * `.exe` read as `.png`, and 255 characters in all (the longest name Connect accepts is 256).
 */
export const hostileName = `<img src=x onerror=alert(1)>\u202Egnp.exe${'x'.repeat(255 - 36 - 4)}.png`
