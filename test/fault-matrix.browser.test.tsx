// The fault matrix through the components, in real Chromium against the emulator: files added as
// a user adds them (a drop on AttachmentDropzone, a pick through AttachmentButton's input), faults
// injected into the service's and storage's calls, and for each row what the user sees in
// UploadList (status text, the buttons offered), the emulator's record of the attachment (Starts,
// their ClientTokens, Completes) and the stored bytes by SHA-256. Every console method is watched
// across the file: no token and no presigned URL may reach the console.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { AttachmentAdapter } from '../src/core/types.js'
import { createUploadClient } from '../src/core/upload-client.js'
import type { UploadManagerOptions } from '../src/core/upload-manager-options.js'
import type { AttachmentInfo } from '../src/emulator/index.js'
import { EICAR } from '../src/emulator/scanner.js'
import { createParticipantAdapter, parseAttachmentItem } from '../src/participant/index.js'
import { AttachmentButton } from '../src/react/attachment-button.js'
import { AttachmentDropzone } from '../src/react/attachment-dropzone.js'
import { AttachmentMessage } from '../src/react/attachment-message.js'
import { AttachmentsProvider } from '../src/react/attachments-provider.js'
import { UploadList } from '../src/react/upload-list.js'
import { emulatorCasesAdapter, emulatorControls } from './emulator-controls.js'
import { drop, pick, recordConsole, rowOf, statusOf, statusTextOf } from './widget-driver.js'
import {
  randomBytes,
  sha256Hex,
  transcriptAttachmentItems,
  transcriptAttachmentsOf,
} from './emulator-inspect.js'
import type { StoredObjectInfo } from './emulator-inspect.js'
import { connectParticipant } from './adapter-helpers.js'
import { createTestQueryClient, renderStrict } from './render.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)
// Sized for a loaded 2-core machine (CI runs the whole suite beside the Node 22 steps): a poll ends
// as soon as the row shows what it waits for.
const WAIT = { timeout: 60_000 }
/** Short backoffs, so retried rows stay quick; the policy itself is tested in core. */
const uploadOptions = { retry: { attempts: 4, baseDelayMs: 40, maxDelayMs: 200 } }

/** What every console method was given, across the file. */
const consoleOutput: string[] = []
/** Every token this file was handed: none may be printed. */
const secrets: string[] = []
let watching: { restore(): void }

beforeAll(() => void (watching = recordConsole(console, consoleOutput)))
afterAll(() => watching.restore())
afterEach(async () => {
  cleanup()
  // Back online, whatever a row left (an own onLine shadows the browser's).
  Reflect.deleteProperty(navigator, 'onLine')
  await controls.clearFaults()
})

let fileCount = 0
/** A file of random bytes with a name no other row uses (rows are found by name). */
function newFile(size = 256 * 1024, content?: string): File {
  fileCount += 1
  const body = content ?? randomBytes(size)
  // A type every adapter accepts by default (a .bin file would be refused before any request).
  return new File([body], `matrix-${fileCount}-${Date.now()}.txt`, { type: 'text/plain' })
}

async function chatAdapter(): Promise<{ adapter: AttachmentAdapter; connectionToken: string }> {
  const connectionToken = await controls.chatConnectionToken()
  secrets.push(connectionToken)
  return {
    adapter: createParticipantAdapter({ endpoint: emulator, connectionToken }),
    connectionToken,
  }
}

const widget = (
  <>
    <UploadList />
    <AttachmentDropzone />
    <AttachmentButton />
  </>
)

function renderWidget(
  adapter: AttachmentAdapter,
  options: Omit<UploadManagerOptions, 'adapter'> = uploadOptions,
) {
  return renderStrict(widget, { adapter, uploadOptions: options })
}

/**
 * Tells the page the network went away or came back, as Chromium does: `navigator.onLine` and
 * the window's `offline` / `online` event. Chromium's own offline emulation (DevTools' network
 * conditions) would also cut the test runner's connection to the page; this way the emulator
 * still answers, so a request the engine sent while "offline" would show in its records.
 */
function setOnline(online: boolean): void {
  if (online) Reflect.deleteProperty(navigator, 'onLine')
  else Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false })
  window.dispatchEvent(new Event(online ? 'online' : 'offline'))
}

/** The requests the page sent to a path (Resource Timing), oldest first. */
const requestsTo = (path: string) =>
  performance
    .getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith(path))

const errorTextOf = (file: File) =>
  rowOf(file.name).querySelector('.ca-upload-list__error')?.textContent ?? ''
/** The buttons the row offers, by their first word (Retry, Cancel, Remove). */
const buttonsOf = (file: File) =>
  within(rowOf(file.name))
    .queryAllByRole('button')
    .map((button) => (button.getAttribute('aria-label') ?? '').split(' ')[0])

async function recordsOf(file: File) {
  return (await controls.attachments()).filter((record) => record.name === file.name)
}

async function storedOf(key: string): Promise<StoredObjectInfo | undefined> {
  const objects = (await (
    await fetch(`${emulator}/_emulator/objects`)
  ).json()) as StoredObjectInfo[]
  return objects.find((object) => object.key === key)
}

/**
 * Exactly one attachment for `file`, completed (`completes` Completes reached the service: more
 * than one only when an answer was lost after the service acted), all Starts with one
 * ClientToken and all Completes with one, bytes intact.
 */
async function expectStoredOnce(file: File, starts = 1, completes = 1): Promise<void> {
  const records = await recordsOf(file)
  expect(records).toHaveLength(1)
  const [record] = records
  expect(record).toMatchObject({ starts, completes, stored: true })
  expect(new Set(record!.startTokens).size).toBe(1)
  // CompleteAttachedFileUpload takes no ClientToken: the cases adapter's list is empty.
  expect(new Set(record!.completeTokens).size).toBeLessThanOrEqual(1)
  await expectBytesOf(file, record!)
}

async function expectBytesOf(file: File, record: AttachmentInfo): Promise<void> {
  const stored = await storedOf(record.key)
  expect(stored).toMatchObject({
    size: file.size,
    sha256: await sha256Hex(await file.arrayBuffer()),
  })
}

/**
 * After fresh URLs: `file` has `started` attachments, each Started once under a ClientToken of
 * its own, and only the last was completed and holds the bytes; the ones whose URL expired were
 * never completed and hold nothing.
 */
async function expectCompletedAfterRefresh(file: File, started: number): Promise<AttachmentInfo[]> {
  const records = await recordsOf(file)
  expect(records).toHaveLength(started)
  const fresh = records.at(-1)!
  for (const abandoned of records.slice(0, -1)) {
    expect(abandoned).toMatchObject({ starts: 1, completes: 0, stored: false })
  }
  expect(fresh).toMatchObject({ starts: 1, completes: 1, stored: true })
  expect(new Set(records.flatMap((record) => record.startTokens)).size).toBe(started)
  await expectBytesOf(file, fresh)
  return records
}

/** The PUTs the page sent to an attachment's object (Resource Timing; the URL is not kept). */
const putsTo = (record: AttachmentInfo) => requestsTo(`/${record.key}`).length

async function expectSucceeded(file: File): Promise<void> {
  await expect.poll(() => statusOf(file.name), WAIT).toBe('succeeded')
  expect(statusTextOf(file.name)).toBe('Uploaded')
  expect(buttonsOf(file)).toEqual(['Remove'])
}

describe(
  'the fault matrix through the components (chat adapter, Chromium, emulator)',
  { timeout: 180_000 },
  () => {
    it.each([
      ['StartAttachmentUpload', 429, 'drop'],
      ['StartAttachmentUpload', 500, 'pick'],
      ['CompleteAttachmentUpload', 429, 'pick'],
      ['CompleteAttachmentUpload', 500, 'drop'],
      ['PutObject', 503, 'drop'],
      ['PutObject', 500, 'pick'],
    ] as const)(
      '%s answering %i twice, then success: uploaded once with its bytes',
      async (operation, status, how) => {
        const { adapter } = await chatAdapter()
        await controls.setFault(operation, { status, times: 2 })
        renderWidget(adapter)
        const file = newFile()
        if (how === 'drop') drop(file)
        else pick(file)
        await expectSucceeded(file)
        expect(await controls.faultCount(operation)).toBe(2)
        // A status fault answers before the service acts: the retried Start reuses its ClientToken.
        await expectStoredOnce(file)
      },
    )

    it.each([
      ['StartAttachmentUpload', 500, 'The service had a problem. Try again.'],
      ['CompleteAttachmentUpload', 429, 'The service is busy. Try again soon.'],
      ['PutObject', 500, 'The service had a problem. Try again.'],
    ] as const)(
      '%s answering %i every time: a failed row whose Retry then succeeds with no second attachment',
      async (operation, status, message) => {
        const { adapter } = await chatAdapter()
        await controls.setFault(operation, { status, times: 1000 })
        renderWidget(adapter)
        const file = newFile()
        drop(file)
        await expect.poll(() => statusOf(file.name), WAIT).toBe('failed')
        expect(statusTextOf(file.name)).toBe('Failed')
        expect(errorTextOf(file)).toBe(message)
        expect(buttonsOf(file)).toEqual(['Retry', 'Remove'])
        expect(await controls.faultCount(operation)).toBe(uploadOptions.retry.attempts)
        expect((await recordsOf(file)).every((record) => record.completes === 0)).toBe(true)

        await controls.clearFaults()
        fireEvent.click(within(rowOf(file.name)).getByRole('button', { name: /^Retry upload of/ }))
        await expectSucceeded(file)
        expect(document.querySelectorAll('.ca-upload-list__row')).toHaveLength(1)
        const [record] = await recordsOf(file)
        // A Start that failed before the service acted left no record; one that succeeded is reused.
        await expectStoredOnce(file, record!.starts)
      },
    )

    it('a connection reset mid-PUT, more often than Chromium resends by itself: failed, then Retry succeeds', async () => {
      const { adapter } = await chatAdapter()
      // Chromium resends a request whose reused connection dies, up to about six times per origin:
      // armed far more often, the resets reach the page and the engine's retries.
      await controls.setFault('PutObject', { resetAfterBytes: 64 * 1024, times: 1000 })
      renderWidget(adapter)
      const file = newFile(1024 * 1024)
      drop(file)
      await expect.poll(() => statusOf(file.name), WAIT).toBe('failed')
      expect(errorTextOf(file)).toBe('The connection was lost.')
      expect(buttonsOf(file)).toEqual(['Retry', 'Remove'])
      expect(await controls.faultCount('PutObject')).toBeGreaterThanOrEqual(
        uploadOptions.retry.attempts,
      )
      const [before] = await recordsOf(file)
      expect(before).toMatchObject({ completes: 0, stored: false })

      await controls.clearFaults()
      fireEvent.click(within(rowOf(file.name)).getByRole('button', { name: /^Retry upload of/ }))
      await expectSucceeded(file)
      await expectStoredOnce(file, before!.starts)
    })

    it('cancel while starting: the row says Canceled, nothing is completed, the file can be added again', async () => {
      const { adapter } = await chatAdapter()
      await controls.setFault('StartAttachmentUpload', { delayMs: 1500, times: 1 })
      renderWidget(adapter)
      const file = newFile()
      drop(file)
      await expect.poll(() => statusOf(file.name), WAIT).toBe('starting')
      expect(buttonsOf(file)).toEqual(['Cancel'])
      fireEvent.click(within(rowOf(file.name)).getByRole('button', { name: /^Cancel upload of/ }))
      await expect.poll(() => statusOf(file.name), WAIT).toBe('canceled')
      expect(statusTextOf(file.name)).toBe('Canceled')
      // A cancel is the user's choice: the row offers no Retry; Add again (or adding the file anew).
      expect(buttonsOf(file)).toEqual(['Remove', 'Add'])

      pick(file)
      await expect
        .poll(() => document.querySelectorAll('.ca-upload-list__row').length, WAIT)
        .toBe(2)
      await expectSucceeded(file)
      // The canceled Start may still have reached the service; only the new upload completed.
      const records = await recordsOf(file)
      expect(records.filter((record) => record.completes > 0)).toHaveLength(1)
    })

    it('cancel while queued, and none once completing: the queued file never starts, the completing one ends uploaded', async () => {
      const { adapter } = await chatAdapter()
      // One upload at a time, its 512 KB PUT at 128 KB/s (the second file waits in the queue
      // behind it) and its Complete answered 3 s after it arrives (long enough to look at it).
      await controls.setFault('PutObject', { bytesPerSecond: 128 * 1024, times: 1 })
      await controls.setFault('CompleteAttachmentUpload', { delayMs: 3000, times: 1 })
      renderWidget(adapter, { ...uploadOptions, concurrency: 1 })
      const [first, second] = [newFile(512 * 1024), newFile()]
      drop(first)
      await expect.poll(() => statusOf(first.name), WAIT).toBe('uploading')
      pick(second)
      await expect.poll(() => statusOf(second.name), WAIT).toBe('queued')
      fireEvent.click(within(rowOf(second.name)).getByRole('button', { name: /^Cancel upload of/ }))
      await expect.poll(() => statusOf(second.name), WAIT).toBe('canceled')
      expect(buttonsOf(second)).toEqual(['Remove', 'Add'])
      // Completing: the service has the file's bytes and is finishing it; nothing to cancel.
      await expect.poll(() => statusOf(first.name), WAIT).toBe('completing')
      expect(buttonsOf(first)).toEqual([])
      await expectSucceeded(first)
      await expectStoredOnce(first)
      // The canceled file never reached the service.
      expect(await recordsOf(second)).toEqual([])
    })

    it('cancel and remove during the PUT: no Remove while it runs, nothing completed, added again it succeeds once', async () => {
      const { adapter } = await chatAdapter()
      // 8 MB at 256 KB/s: the PUT outlasts loopback's socket buffers by many seconds.
      await controls.setFault('PutObject', { bytesPerSecond: 256 * 1024, times: 1 })
      renderWidget(adapter)
      const file = newFile(8 * 1024 * 1024)
      drop(file)
      await expect.poll(() => statusOf(file.name), WAIT).toBe('uploading')
      // Remove is offered only once an upload is over: removing a running one is cancel's job.
      expect(buttonsOf(file)).toEqual(['Cancel'])
      fireEvent.click(within(rowOf(file.name)).getByRole('button', { name: /^Cancel upload of/ }))
      await expect.poll(() => statusOf(file.name), WAIT).toBe('canceled')
      const [canceled] = await recordsOf(file)
      expect(canceled).toMatchObject({ starts: 1, completes: 0, stored: false })
      expect(buttonsOf(file)).toEqual(['Remove', 'Add'])
      fireEvent.click(within(rowOf(file.name)).getByRole('button', { name: /^Remove/ }))
      await expect
        .poll(() => document.querySelectorAll('.ca-upload-list__row').length, WAIT)
        .toBe(0)

      drop(file)
      await expectSucceeded(file)
      const records = await recordsOf(file)
      expect(records).toHaveLength(2)
      expect(records.filter((record) => record.completes > 0)).toHaveLength(1)
      const done = records.find((record) => record.completes > 0)!
      expect(await storedOf(done.key)).toMatchObject({
        size: file.size,
        sha256: await sha256Hex(await file.arrayBuffer()),
      })
    })

    it('a file carrying EICAR uploads, then its message says the virus scan blocked it', async () => {
      const { adapter, connectionToken } = await chatAdapter()
      renderWidget(adapter)
      const file = newFile(0, EICAR)
      drop(file)
      await expectSucceeded(file)
      const items = (await transcriptAttachmentItems(emulator, connectionToken)).map(
        parseAttachmentItem,
      )
      const attachment = items.find((item) => item?.name === file.name)
      expect(attachment).toMatchObject({ status: 'rejected' })
      cleanup()
      renderStrict(<AttachmentMessage attachment={attachment!} />, { adapter })
      await screen.findByText('Blocked by the virus scan', {}, WAIT)
      expect(screen.queryByRole('link')).toBeNull()
      const [record] = await recordsOf(file)
      expect(record).toMatchObject({ status: 'REJECTED', completes: 1 })
    })

    it.each([
      ['StartAttachmentUpload', 2, 1],
      ['CompleteAttachmentUpload', 1, 2],
    ] as const)(
      'the answer to %s lost after the service acted: retried under the same ClientToken, one attachment',
      async (operation, starts, completes) => {
        const { adapter, connectionToken } = await chatAdapter()
        // The service runs the call (makes the attachment, or completes it), then the connection
        // is reset after the first byte of its answer: the page has the status line and a broken
        // body. A status fault would answer before the service acts (testing-pitfalls.md), and
        // with the headers in, Chromium does not resend the request by itself.
        await controls.setFault(operation, { resetAfterBytes: 1, times: 1 })
        renderWidget(adapter)
        const file = newFile()
        drop(file)
        await expectSucceeded(file)
        expect(await controls.faultCount(operation)).toBe(1)
        // Both requests reached the service under one ClientToken: it answered the second with
        // the attachment the first made, or as already completed.
        await expectStoredOnce(file, starts, completes)
        const inChat = (await transcriptAttachmentsOf(emulator, connectionToken)).filter(
          (attachment) => attachment.AttachmentName === file.name,
        )
        expect(inChat).toHaveLength(1)
      },
    )

    it('the upload URL already expired when the PUT goes: storage refuses it, a fresh Start under a new ClientToken uploads it once', async () => {
      const { adapter } = await chatAdapter()
      // A URL that lives 0 s: expired before the page can PUT to it. A fresh target's first PUT
      // goes out whatever the page's clock says (storage judges), so this is S3's 403
      // "Request has expired", not the engine's margin.
      await controls.setFault('StartAttachmentUpload', { urlTtlSeconds: 0, times: 1 })
      performance.clearResourceTimings()
      renderWidget(adapter)
      const file = newFile()
      drop(file)
      await expectSucceeded(file)
      // The design's rule: a fresh URL needs a new Start with a new token (the old token would
      // return the old target); the expired attachment is never completed.
      const [expired, fresh] = await expectCompletedAfterRefresh(file, 2)
      expect(putsTo(expired!)).toBe(1)
      expect(putsTo(fresh!)).toBe(1)
    })

    it('the upload URL expiring during a retry backoff: the retry fetches a fresh URL first, uploaded once', async () => {
      const { adapter } = await chatAdapter()
      // The URL lives 1 s; the PUT's 500 comes after 2 s, so the retry after the backoff holds
      // an expired URL. The engine replaces it before sending: no PUT with the expired URL.
      await controls.setFault('StartAttachmentUpload', { urlTtlSeconds: 1, times: 1 })
      await controls.setFault('PutObject', { status: 500, delayMs: 2000, times: 1 })
      performance.clearResourceTimings()
      renderWidget(adapter)
      const file = newFile()
      drop(file)
      await expectSucceeded(file)
      expect(await controls.faultCount('PutObject')).toBe(1)
      const [expired, fresh] = await expectCompletedAfterRefresh(file, 2)
      expect(putsTo(expired!)).toBe(1)
      expect(putsTo(fresh!)).toBe(1)
    })

    it('offline mid-upload and back: the row says it waits for the network, Complete waits too, then it finishes once', async () => {
      const { adapter } = await chatAdapter()
      // 2 MB read at 256 KB/s: the PUT lasts about 8 s, so the network goes while it runs.
      await controls.setFault('PutObject', { bytesPerSecond: 256 * 1024, times: 1 })
      performance.clearResourceTimings()
      renderWidget(adapter)
      const file = newFile(2 * 1024 * 1024)
      drop(file)
      await expect.poll(() => statusOf(file.name), WAIT).toBe('uploading')
      setOnline(false)
      await expect.poll(() => statusTextOf(file.name), WAIT).toBe('Waiting for the network')
      expect(rowOf(file.name).hasAttribute('data-offline')).toBe(true)
      expect(within(rowOf(file.name)).getByRole('progressbar').getAttribute('aria-valuetext')).toBe(
        'Waiting for the network',
      )
      expect(buttonsOf(file)).toEqual(['Cancel'])
      // The PUT already under way runs on (going offline aborts nothing by itself) and is
      // stored; Complete is held until the network is back.
      await expect.poll(async () => (await recordsOf(file))[0]?.stored, WAIT).toBe(true)
      await expect.poll(() => statusOf(file.name), WAIT).toBe('completing')
      expect(statusTextOf(file.name)).toBe('Waiting for the network')
      expect((await recordsOf(file))[0]).toMatchObject({ completes: 0 })

      const back = performance.now()
      setOnline(true)
      await expectSucceeded(file)
      await expectStoredOnce(file)
      // The one Complete left the page after the network came back, not before.
      const completes = requestsTo('/participant/complete-attachment-upload')
      expect(completes).toHaveLength(1)
      expect(completes[0]!.startTime).toBeGreaterThanOrEqual(back)
    })

    it('the connection token refreshed mid-upload: Complete carries the new one (the old one has expired by then)', async () => {
      const { participantToken, contactId } = (await (
        await fetch(`${emulator}/_emulator/chats`, { method: 'POST' })
      ).json()) as { participantToken: string; contactId: string }
      // The first token lives 20 s: long enough for Start, even on a busy machine.
      await controls.setFault('CreateParticipantConnection', { urlTtlSeconds: 20, times: 1 })
      const oldToken = await connectParticipant(emulator, participantToken)
      const newToken = await connectParticipant(emulator, participantToken)
      secrets.push(oldToken, newToken)
      // Storage answers the PUT 25 s after it arrived, which was after the first token was
      // issued: Complete comes after that token has expired, whatever the machine's load.
      await controls.setFault('PutObject', { delayMs: 25_000, times: 1 })
      // Keyed by the contact, as a host that refreshes tokens keys it (a fixed token's default
      // key is the token's fingerprint: the new token would be a new list).
      const adapterFor = (connectionToken: string) =>
        createParticipantAdapter({ endpoint: emulator, connectionToken, key: contactId })
      const client = createUploadClient()
      const queryClient = createTestQueryClient()
      const page = (adapter: AttachmentAdapter) => (
        <StrictMode>
          <AttachmentsProvider
            adapter={adapter}
            client={client}
            queryClient={queryClient}
            uploadOptions={uploadOptions}
          >
            {widget}
          </AttachmentsProvider>
        </StrictMode>
      )
      const view = render(page(adapterFor(oldToken)))
      const file = newFile()
      drop(file)
      await expect.poll(() => statusOf(file.name), WAIT).toBe('uploading')
      // The host refreshes the chat's token: a new adapter for the same chat (same key).
      view.rerender(page(adapterFor(newToken)))
      await expectSucceeded(file)
      await expectStoredOnce(file)
      // The old token is refused now, so a Complete that carried it would have failed the row.
      const refused = await fetch(`${emulator}/participant/transcript`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amz-bearer': oldToken },
        body: '{}',
      })
      expect(refused.status).toBe(403)
    })

    it('a Start that never answers: the deadline ends each try as timeout and frees the slot; failed with the reason, Retry uploads it once', async () => {
      const { adapter } = await chatAdapter()
      // Every try of the first file's Start hangs (the service would answer in 10 minutes).
      await controls.setFault('StartAttachmentUpload', {
        delayMs: 600_000,
        times: uploadOptions.retry.attempts,
      })
      renderWidget(adapter, { ...uploadOptions, callTimeoutMs: 2000, concurrency: 1 })
      const [hung, next] = [newFile(), newFile()]
      drop(hung)
      await expect.poll(() => statusOf(hung.name), WAIT).toBe('starting')
      pick(next)
      await expect.poll(() => statusOf(next.name), WAIT).toBe('queued')
      await expect.poll(() => statusOf(hung.name), WAIT).toBe('failed')
      expect(errorTextOf(hung)).toBe('The connection stopped responding.')
      expect(buttonsOf(hung)).toEqual(['Retry', 'Remove'])
      expect(await controls.faultCount('StartAttachmentUpload')).toBe(uploadOptions.retry.attempts)
      // The slot is free: the file queued behind it (concurrency 1) goes through.
      await expectSucceeded(next)
      await expectStoredOnce(next)

      fireEvent.click(within(rowOf(hung.name)).getByRole('button', { name: /^Retry upload of/ }))
      await expectSucceeded(hung)
      // The service has acted on none of the hung Starts yet; the retry, under their ClientToken,
      // made the one attachment (and is what they would get back, were they ever answered).
      await expectStoredOnce(hung)
    })

    it('a Complete that never answers: the deadline ends it as timeout, the retry under the same ClientToken completes it once', async () => {
      const { adapter } = await chatAdapter()
      await controls.setFault('CompleteAttachmentUpload', { delayMs: 600_000, times: 1 })
      renderWidget(adapter, { ...uploadOptions, callTimeoutMs: 2000, concurrency: 1 })
      const [hung, next] = [newFile(), newFile()]
      drop(hung)
      pick(next)
      await expectSucceeded(hung)
      await expectSucceeded(next)
      expect(await controls.faultCount('CompleteAttachmentUpload')).toBe(1)
      await expectStoredOnce(hung)
      await expectStoredOnce(next)
    })

    it.each([
      ['a 500 on StartAttachedFileUpload twice', { StartAttachedFileUpload: 500 }, 1, 1],
      // The service makes the file (or completes it), then the connection is reset after the
      // first byte of its answer. The retried Start carries the first one's ClientToken;
      // CompleteAttachedFileUpload has none, and the service answers a repeat for a completed
      // file as done.
      [
        'the answers to StartAttachedFileUpload and CompleteAttachedFileUpload lost after the service acted',
        { StartAttachedFileUpload: 'lost', CompleteAttachedFileUpload: 'lost' },
        2,
        2,
      ],
    ] as const)(
      'the cases adapter: %s, then uploaded once with its bytes',
      async (_, faults, starts, completes) => {
        const adapter = emulatorCasesAdapter(emulator, await controls.createCase())
        const entries = Object.entries(faults)
        const times = (fault: number | string) => (fault === 'lost' ? 1 : 2)
        for (const [operation, fault] of entries) {
          await controls.setFault(
            operation,
            fault === 'lost' ? { resetAfterBytes: 1, times: 1 } : { status: fault, times: 2 },
          )
        }
        renderWidget(adapter)
        const file = newFile()
        pick(file)
        await expectSucceeded(file)
        for (const [operation, fault] of entries) {
          expect(await controls.faultCount(operation)).toBe(times(fault))
        }
        await expectStoredOnce(file, starts, completes)
      },
    )

    it('no token and no presigned URL reached any console method across the matrix', () => {
      expect(secrets.length).toBeGreaterThan(0)
      for (const line of consoleOutput) {
        expect(line).not.toMatch(/X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token/i)
        for (const secret of secrets) expect(line).not.toContain(secret)
      }
    })
  },
)
