// The emulator may not import core (the layer rules), so it keeps its own copy of Connect's
// default file types; this test holds the two tables to each other.
import { describe, expect, it } from 'vitest'
import { fileExtension, typesByExtension } from '../src/core/file-types.js'
import { DEFAULT_FILE_TYPES, extensionOf } from '../src/emulator/file-types.js'

describe('DEFAULT_FILE_TYPES', () => {
  it('lists the same extensions as core', () => {
    expect(Object.keys(DEFAULT_FILE_TYPES).sort()).toEqual(
      Object.keys(typesByExtension)
        .map((extension) => extension.slice(1))
        .sort(),
    )
  })

  it('stores each extension with the MIME type core sends for it', () => {
    const sent = Object.fromEntries(
      Object.entries(typesByExtension).map(([extension, types]) => [extension.slice(1), types[0]]),
    )
    expect(DEFAULT_FILE_TYPES).toEqual(sent)
  })

  it.each(['report.PDF', 'archive.tar.gz', '.bashrc', 'no-extension', 'trailing.', 'a.b.Docx'])(
    'reads the extension of %s as core does',
    (name) => {
      expect(extensionOf(name)).toBe(fileExtension(name).slice(1))
    },
  )
})
