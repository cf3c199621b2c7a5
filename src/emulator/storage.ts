// The emulator's S3 bucket: objects by key, in memory or under a directory. Metadata stays in
// memory either way; a directory only keeps large uploads out of the heap.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A stored object as `objects()` lists it. */
export interface StoredObjectInfo {
  /** The S3 key, e.g. `chat/<contactId>/<attachmentId>/report.pdf`. */
  key: string
  /** Size in bytes. */
  size: number
  /** The Content-Type the object was PUT with. */
  contentType: string
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string
}

/** A stored object with its bytes. */
interface StoredObject extends StoredObjectInfo {
  bytes: Buffer
  contentDisposition?: string
}

/** The bucket the S3 routes and the services share. */
export interface Storage {
  put(key: string, bytes: Buffer, meta: { contentType: string; contentDisposition?: string }): void
  get(key: string): StoredObject | undefined
  has(key: string): boolean
  delete(key: string): void
  list(): StoredObjectInfo[]
}

type Meta = Omit<StoredObject, 'bytes'>

/** Creates the bucket; with `dir`, bytes are written to files named after the key's hash. */
export function createStorage(dir?: string): Storage {
  const meta = new Map<string, Meta>()
  const memory = new Map<string, Buffer>()
  const fileOf = (key: string): string =>
    join(dir ?? '', createHash('sha256').update(key).digest('hex'))
  if (dir !== undefined) mkdirSync(dir, { recursive: true })

  return {
    put(key, bytes, { contentType, contentDisposition }) {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      meta.set(key, { key, size: bytes.length, contentType, sha256, contentDisposition })
      if (dir === undefined) memory.set(key, bytes)
      else writeFileSync(fileOf(key), bytes)
    },
    get(key) {
      const m = meta.get(key)
      if (m === undefined) return undefined
      const bytes = dir === undefined ? memory.get(key) : readFileSync(fileOf(key))
      return bytes === undefined ? undefined : { ...m, bytes }
    },
    has: (key) => meta.has(key),
    delete(key) {
      meta.delete(key)
      memory.delete(key)
      if (dir !== undefined) rmSync(fileOf(key), { force: true })
    },
    list: () =>
      [...meta.values()].map(({ key, size, contentType, sha256 }) => ({
        key,
        size,
        contentType,
        sha256,
      })),
  }
}
