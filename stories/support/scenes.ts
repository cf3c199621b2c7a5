// The files of the upload stories, one per state, named after what they show.
import { defaultMessages } from '../../src/react/messages.js'
import type { KnownErrorCode } from '../../src/react/messages.js'
import type { FilePlan } from './state-manager.js'

const KB = 1024
/** Every error code the library produces, in the order of the English catalog. */
const knownErrorCodes = Object.keys(defaultMessages.errors) as KnownErrorCode[]
const MB = 1024 * KB

/** Every state of the upload lifecycle, with the failures a user meets most. */
export const lifecycleFiles: FilePlan[] = [
  { name: 'contract-draft.pdf', size: 900 * KB, state: 'starting' },
  { name: 'site-photo.jpg', size: 2.4 * MB, state: 'uploading', percent: 5 },
  { name: 'meeting-notes.docx', size: 1.1 * MB, state: 'uploading', percent: 45 },
  { name: 'invoice-march.xlsx', size: 600 * KB, state: 'uploading', percent: 90 },
  { name: 'screen-recording.mp4', size: 3.5 * MB, state: 'finishing' },
  { name: 'signed-form.pdf', size: 300 * KB, state: 'completing' },
  { name: 'receipt.png', size: 180 * KB, state: 'succeeded' },
  { name: 'statement.pdf', size: 1.6 * MB, state: 'failed', code: 'network' },
  { name: 'extra-scan.pdf', size: 250 * KB, state: 'failed', code: 'quota-exceeded' },
  { name: 'id-card.jpg', size: 700 * KB, state: 'failed', code: 'access-denied' },
  { name: 'long-video.mov', size: 3 * MB, state: 'failed', code: 'url-expired' },
  { name: 'summary.txt', size: 12 * KB, state: 'failed', code: 'invalid-response' },
  { name: 'old-version.docx', size: 400 * KB, state: 'canceled' },
  { name: 'appendix.pdf', size: 500 * KB, state: 'queued' },
]

// Validation codes are rejections (shown by the dropzone and the button), never failed uploads;
// `aborted` is a cancel.
const notFailures = new Set(['aborted', 'file-too-large', 'file-empty', 'file-type-not-allowed'])
notFailures.add('too-many-files').add('file-name-invalid')

/** One failed upload for each error code an upload can fail with. */
export const failureFiles: FilePlan[] = knownErrorCodes
  .filter((code) => !notFailures.has(code))
  .map((code) => ({ name: `${code}.pdf`, size: 200 * KB, state: 'failed', code }))
