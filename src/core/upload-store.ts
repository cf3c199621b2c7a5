import type { UploadState } from './upload-machine.js'

/**
 * Every upload, in the order added. Structurally shared: a change to one upload replaces that
 * upload's object and `byId`, and leaves every other upload (and `ids`) the same object.
 */
export interface UploadSnapshot {
  readonly ids: readonly string[]
  readonly byId: Readonly<Record<string, UploadState>>
}
