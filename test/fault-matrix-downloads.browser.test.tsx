// The download side of the fault matrix through the components, in real Chromium against the
// emulator: download URLs that expire while a link shows (AttachmentMessage for a chat,
// AttachedFileCard for a case), the malware scan (processing for a while, then approved; failed;
// rejected), the components under a strict Content Security Policy, and hostile file names.
// Files are added as a user adds them (a drop on AttachmentDropzone, a pick through
// AttachmentButton); each row asserts what the user sees, what the emulator was asked and the
// bytes a followed link downloads. Every console method of the page (and of the frames the
// policy rows load) is watched: no token and no presigned URL may reach the console.
import { cleanup, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { renderToString } from 'react-dom/server'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { AttachmentAdapter } from '../src/core/types.js'
import { EICAR, SCAN_FAILURE_MARKER } from '../src/emulator/scanner.js'
import { parseAttachmentItem } from '../src/participant/index.js'
import { AttachedFileCard } from '../src/react/attached-file-card.js'
import { AttachmentDropzone } from '../src/react/attachment-dropzone.js'
import { AttachmentLink } from '../src/react/attachment-link.js'
import { AttachmentMessage } from '../src/react/attachment-message.js'
import type { ChatAttachmentItem } from '../src/react/attachment-message.js'
import { UploadList } from '../src/react/upload-list.js'
import { visibleName } from '../src/react/message-text.js'
import {
  casesAdapterOn,
  chatAdapterOn,
  componentsPage,
  fileOptions,
  StaticList,
  uploadOptions,
} from './components-page.js'
import { emulatorControls } from './emulator-controls.js'
import { randomBytes, sha256Hex, transcriptAttachmentItems } from './emulator-inspect.js'
import { hostileName } from './hostile-name.js'
import { renderStrict } from './render.js'
import { uploadsInEveryState } from './static-uploads.js'
import {
  drop,
  followClick,
  pick,
  recordConsole,
  rowOf,
  statusOf,
  statusTextOf,
} from './widget-driver.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)
// Sized for a loaded 2-core machine: a poll ends as soon as the page shows what it waits for.
const WAIT = { timeout: 60_000 }

/** What every console method of the page and of the frames was given. */
const consoleLines: string[] = []
/** Every token this file was handed: none may be printed. */
const secrets: string[] = []
const restorers: { restore(): void }[] = []

beforeAll(() => {
  restorers.push(recordConsole(console, consoleLines))
})
afterAll(() => {
  for (const restorer of restorers.splice(0)) restorer.restore()
})
afterEach(async () => {
  cleanup()
  componentsPage.unmountAll()
  for (const frame of document.querySelectorAll('iframe[data-strict-csp]')) frame.remove()
  await controls.clearFaults()
  await controls.setScanDelay(0)
})

let fileCount = 0
/** A file with a name no other row uses (rows are found by name), of random bytes by default. */
function newFile(options: { content?: string; extension?: string; size?: number } = {}): File {
  fileCount += 1
  const { content, extension = '.txt', size = 64 * 1024 } = options
  const name = `downloads-${fileCount}-${Date.now()}${extension}`
  const type = extension === '.pdf' ? 'application/pdf' : 'text/plain'
  return new File([content ?? randomBytes(size)], name, { type })
}

const sha256Of = async (file: Blob) => sha256Hex(await file.arrayBuffer())

/** A new chat's adapter, its token kept to look for in the console. */
async function chatAdapter() {
  const connectionToken = await controls.chatConnectionToken()
  secrets.push(connectionToken)
  return { adapter: chatAdapterOn(emulator, connectionToken), connectionToken }
}

/** A new case's adapter, with a ConnectClient on the emulator. */
async function caseAdapter() {
  const kase = await controls.createCase()
  return { kase, adapter: casesAdapterOn(emulator, kase) }
}

/** Uploads `file` through the dropzone and the list as a user does: its emulator record. */
async function uploadThroughWidget(adapter: AttachmentAdapter, file: File) {
  renderStrict(
    <>
      <UploadList />
      <AttachmentDropzone />
    </>,
    { adapter, uploadOptions },
  )
  drop(file)
  await expect.poll(() => statusOf(file.name), WAIT).toBe('succeeded')
  expect(statusTextOf(file.name)).toBe('Uploaded')
  cleanup()
  const records = (await controls.attachments()).filter((record) => record.name === file.name)
  expect(records).toHaveLength(1)
  return records[0]!
}

/** The chat's transcript item for `file`, as `parseAttachmentItem` reads it. */
async function chatItemOf(connectionToken: string, file: File): Promise<ChatAttachmentItem> {
  const items = (await transcriptAttachmentItems(emulator, connectionToken)).map(
    parseAttachmentItem,
  )
  const item = items.findLast((found) => found?.name === file.name)
  if (!item) throw new Error(`no transcript item for ${file.name}`)
  return item
}

/**
 * The row of a link shown while its URL expires: nothing is asked while nobody uses it; once
 * storage refuses the URL in the `href`, a click makes one URL request (`operation`) and goes
 * on to the fresh URL, which downloads the file's bytes.
 */
async function expectExpiredLinkRefreshedOnClick(
  link: HTMLElement,
  operation: 'GetAttachment' | 'GetAttachedFile',
  file: File,
) {
  const shown = link.getAttribute('href') ?? ''
  const asked = await controls.faultCount(operation)
  // The 2 s URL in the href expires at storage: wait for what is asserted, not for time.
  await expect.poll(async () => (await fetch(shown)).status, { ...WAIT, interval: 250 }).toBe(403)
  expect(await (await fetch(shown)).text()).toContain('Request has expired')
  // Nobody pointed at the link: no URL was asked for by itself, the link still holds the old one.
  expect(await controls.faultCount(operation)).toBe(asked)
  expect(link.getAttribute('href')).toBe(shown)

  // Fresh URLs from here on live for five minutes; setting the fault starts its count again.
  // The refresh the pointer starts as it reaches the link takes 1.5 s, so the click comes before
  // it is done and waits for it (well within the 5 s a click's user activation lasts).
  await controls.setFault(operation, { urlTtlSeconds: 300, delayMs: 1_500, times: 'Infinity' })
  const { followed, activation, held } = await followClick(link, WAIT)
  expect(held).toBe(1)
  expect(followed).toHaveLength(1)
  expect(followed[0]).not.toBe(shown)
  expect(activation).toEqual([true])
  expect(link.getAttribute('href')).toBe(followed[0])
  expect(await controls.faultCount(operation)).toBe(1)
  const response = await fetch(followed[0]!)
  expect(response.status).toBe(200)
  expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Of(file))
}

describe(
  'download URLs expiring while a link shows (Chromium, emulator)',
  { timeout: 180_000 },
  () => {
    it('a chat message: a click after expiry makes one GetAttachment and follows the fresh URL to the bytes', async () => {
      const { adapter, connectionToken } = await chatAdapter()
      const file = newFile()
      await uploadThroughWidget(adapter, file)
      const item = await chatItemOf(connectionToken, file)
      expect(item.status).toBe('approved')
      await controls.setFault('GetAttachment', { urlTtlSeconds: 2, times: 'Infinity' })
      renderStrict(<AttachmentMessage attachment={item} />, { adapter })
      const link = await screen.findByRole('link', { name: `Download ${file.name}` }, WAIT)
      await expectExpiredLinkRefreshedOnClick(link, 'GetAttachment', file)
    })

    it("a case's file card: a click after expiry makes one GetAttachedFile and follows the fresh URL to the bytes", async () => {
      const { adapter } = await caseAdapter()
      const file = newFile({ extension: '.pdf' })
      const record = await uploadThroughWidget(adapter, file)
      await controls.setFault('GetAttachedFile', { urlTtlSeconds: 2, times: 'Infinity' })
      renderStrict(<AttachedFileCard fileId={record.id} fileOptions={fileOptions} />, { adapter })
      const card = await screen.findByRole('article', { name: file.name }, WAIT)
      await expect.poll(() => card.dataset.status, WAIT).toBe('approved')
      const link = within(card).getByRole('link', { name: `Download ${file.name}` })
      await expectExpiredLinkRefreshedOnClick(link, 'GetAttachedFile', file)
    })
  },
)

/** A transcript entry as a chat shows it: the message, and a link the host keeps beside it. */
function TranscriptEntry({ item }: { item: ChatAttachmentItem }) {
  return (
    <>
      <AttachmentMessage attachment={item} fileOptions={fileOptions} />
      <AttachmentLink
        fileId={item.id}
        name={item.name}
        fileOptions={fileOptions}
        data-testid="link"
      />
    </>
  )
}

describe(
  'the malware scan through the components (Chromium, emulator)',
  { timeout: 180_000 },
  () => {
    it('a chat file scanned for a while: checking for viruses with no link, then a link to its bytes once approved', async () => {
      // Long enough that the page shows the scan running on a busy machine (the upload, the
      // transcript and the link's first request all come before the verdict).
      await controls.setScanDelay(15_000)
      const { adapter, connectionToken } = await chatAdapter()
      const file = newFile()
      await uploadThroughWidget(adapter, file)
      const scanning = await chatItemOf(connectionToken, file)
      expect(scanning.status).toBe('processing')

      let show: (item: ChatAttachmentItem) => void = () => {}
      function Transcript() {
        const [item, setItem] = useState(scanning)
        show = setItem
        return <TranscriptEntry item={item} />
      }
      const { container } = renderStrict(<Transcript />, { adapter })
      const message = container.querySelector<HTMLElement>('.ca-attachment-message')!
      const link = screen.getByTestId('link')
      expect(message.dataset.status).toBe('processing')
      expect(message.textContent).toBe(`${file.name} Checking for viruses…`)
      // The link asks the service (GetAttachment, then the transcript) and says the same.
      await expect.poll(() => link.dataset.status, WAIT).toBe('processing')
      expect(link.textContent).toBe(`${file.name} Checking for viruses…`)
      expect(screen.queryAllByRole('link')).toEqual([])
      expect((await controls.attachments()).find((r) => r.name === file.name)?.status).toBe(
        'IN_PROGRESS',
      )

      // The link polls until the scan approves the file; the message follows the chat's next item.
      await expect.poll(() => link.dataset.status, WAIT).toBe('ready')
      show(await chatItemOf(connectionToken, file))
      await expect.poll(() => screen.queryAllByRole('link').length, WAIT).toBe(2)
      expect(message.dataset.status).toBe('approved')
      for (const anchor of screen.getAllByRole('link', { name: `Download ${file.name}` })) {
        const response = await fetch(anchor.getAttribute('href') ?? '')
        expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Of(file))
      }
    })

    it("a case's file scanned for a while: its card says so with no link, then is ready with a link to its bytes", async () => {
      await controls.setScanDelay(15_000)
      const { adapter } = await caseAdapter()
      const file = newFile({ extension: '.pdf' })
      const record = await uploadThroughWidget(adapter, file)
      renderStrict(<AttachedFileCard fileId={record.id} fileOptions={fileOptions} />, { adapter })
      const card = await screen.findByRole('article', { name: file.name }, WAIT)
      await expect.poll(() => card.dataset.status, WAIT).toBe('processing')
      const badge = card.querySelector('.ca-attached-file-card__badge')!
      expect(badge.textContent).toBe('Checking for viruses…')
      expect(within(card).queryByRole('link')).toBeNull()
      expect((await controls.attachments()).find((r) => r.id === record.id)?.status).toBe(
        'PROCESSING',
      )

      await expect.poll(() => card.dataset.status, WAIT).toBe('approved')
      expect(badge.textContent).toBe('Ready')
      const link = within(card).getByRole('link', { name: `Download ${file.name}` })
      const response = await fetch(link.getAttribute('href') ?? '')
      expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Of(file))
    })

    it.each([
      ['fails', SCAN_FAILURE_MARKER, 'failed', 'Could not be checked', 'FAILED'],
      ['rejects (EICAR)', EICAR, 'rejected', 'Blocked by the virus scan', 'REJECTED'],
    ] as const)(
      "a case's file whose scan %s: its card shows the verdict and offers no link",
      async (_verdict, content, status, words, recorded) => {
        await controls.setScanDelay(1_000)
        const { adapter } = await caseAdapter()
        const file = newFile({ content: `%PDF-1.4 ${content} end`, extension: '.pdf' })
        const record = await uploadThroughWidget(adapter, file)
        renderStrict(<AttachedFileCard fileId={record.id} fileOptions={fileOptions} />, {
          adapter,
        })
        const card = await screen.findByRole('article', { name: file.name }, WAIT)
        await expect.poll(() => card.dataset.status, WAIT).toBe(status)
        expect(card.querySelector('.ca-attached-file-card__badge')?.textContent).toBe(words)
        expect(within(card).queryByRole('link')).toBeNull()
        expect((await controls.attachments()).find((r) => r.id === record.id)?.status).toBe(
          recorded,
        )
      },
    )
  },
)

// ---------------------------------------------------------------------------------------------
// A strict Content Security Policy: the components loaded in a frame whose document allows
// scripts and styles from its own origin only (no inline script, no 'unsafe-eval', no inline
// style), requests to the emulator, and images from the emulator (previews), blob: (thumbnails)
// and data: (the circled "!" styles.css draws beside errors is a data: SVG, --ca-icon-error;
// without data: in img-src that icon alone is missing, the one violation seen then).

// The stylesheet as `connect-attachments/styles.css` concatenates it: the tokens first, then the
// others by name (scripts/build-styles.mjs), each linked from this origin.
const styleUrls = Object.entries(
  import.meta.glob<string>('../src/react/styles/*.css', {
    query: '?url',
    import: 'default',
    eager: true,
  }),
)
  .sort(([a], [b]) =>
    a.endsWith('/tokens.css') ? -1 : b.endsWith('/tokens.css') ? 1 : a.localeCompare(b),
  )
  .map(([, url]) => url)

const policy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  `connect-src ${emulator}`,
  `img-src ${emulator} blob: data:`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

interface StrictFrame {
  win: Window & typeof globalThis
  doc: Document
  page: typeof componentsPage
  alerts: unknown[]
}

/** A frame whose document carries the policy and runs test/components-page.tsx. */
async function openStrictFrame(): Promise<StrictFrame> {
  const frame = document.createElement('iframe')
  frame.dataset.strictCsp = ''
  frame.width = '900'
  frame.height = '700'
  const links = styleUrls.map((url) => `<link rel="stylesheet" href="${url}">`).join('')
  frame.srcdoc =
    `<!doctype html><html lang="en"><head>` +
    `<meta http-equiv="Content-Security-Policy" content="${policy}">${links}</head>` +
    `<body><script type="module" src="/test/components-page.tsx"></script></body></html>`
  document.body.append(frame)
  frame.scrollIntoView()
  await expect.poll(() => frame.contentWindow?.componentsPage !== undefined, WAIT).toBe(true)
  const win = frame.contentWindow as Window & typeof globalThis
  restorers.push(recordConsole(win.console, consoleLines))
  const alerts: unknown[] = []
  win.alert = (message?: unknown) => void alerts.push(message)
  // The stylesheets loaded (a blocked one would leave the tokens undefined).
  await expect
    .poll(() => win.getComputedStyle(win.document.body).getPropertyValue('--ca-accent'), WAIT)
    .not.toBe('')
  return { win, doc: win.document, page: win.componentsPage!, alerts }
}

/** Waits for what a page rendered outside `act` (as an app renders) to be in `container`. */
const rendered = (container: HTMLElement, selector: string) =>
  expect.poll(() => container.querySelector(selector) !== null, WAIT).toBe(true)

/**
 * Scrolls each link in `root` into view, as a reader scrolls a transcript, and waits for it to
 * become a link: a link asks for its file only once it is on screen.
 */
async function scrollThroughLinks(root: HTMLElement): Promise<HTMLAnchorElement[]> {
  for (const link of root.querySelectorAll<HTMLElement>('.ca-attachment-link')) {
    link.scrollIntoView({ block: 'center' })
    await expect.poll(() => link.querySelector('a[href]') !== null, WAIT).toBe(true)
  }
  return Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href]'))
}

/** A file of the frame's window, as its own code would get one from a drop or a pick. */
const frameFile = (frame: StrictFrame, file: File) =>
  new frame.win.File([file], file.name, { type: file.type })

/** A real 4 × 3 PNG, drawn by the browser. */
async function png(name: string): Promise<File> {
  const canvas = Object.assign(document.createElement('canvas'), { width: 4, height: 3 })
  const context = canvas.getContext('2d')!
  context.fillStyle = '#0658c2'
  context.fillRect(0, 0, 4, 3)
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'))
  return new File([blob], name, { type: 'image/png' })
}

describe(
  'the components under a strict Content Security Policy (Chromium, emulator)',
  { timeout: 180_000 },
  () => {
    it('the frame reports a deliberate inline script, eval and style attribute, so the check can fail', async () => {
      const frame = await openStrictFrame()
      const { doc, win, page: inFrame } = frame
      expect(() => win.eval('1')).toThrow()
      const script = doc.createElement('script')
      script.textContent = 'window.ran = true'
      doc.body.append(script)
      const styled = doc.createElement('div')
      styled.innerHTML = '<span style="color: red">styled</span>'
      doc.body.append(styled)
      await expect.poll(() => inFrame.violations.length, WAIT).toBe(3)
      expect(inFrame.violations.map((line) => line.split(' ')[0]).sort()).toEqual([
        'script-src',
        'script-src-elem',
        'style-src-attr',
      ])
      expect((win as unknown as { ran?: boolean }).ran).toBeUndefined()
      expect(win.getComputedStyle(styled.firstElementChild!).color).not.toBe('rgb(255, 0, 0)')
    })

    it('uploads, lists, links, previews and cards work with no violation', async () => {
      const frame = await openStrictFrame()
      const { doc, page: inFrame } = frame
      const { connectionToken } = await chatAdapter()
      const widget = inFrame.chatWidget(emulator, connectionToken)
      await rendered(widget, '.ca-attachment-button input')

      // A file refused by the service (no retry), one refused before any request, then a drop
      // and a pick that upload.
      await controls.setFault('StartAttachmentUpload', { status: 403, times: 1 })
      const refused = newFile()
      drop(frameFile(frame, refused), doc)
      await expect.poll(() => statusOf(refused.name, doc), WAIT).toBe('failed')
      await controls.clearFaults()
      drop(frameFile(frame, newFile({ extension: '.exe' })), doc)
      await expect
        .poll(() => doc.querySelector('[role=alert] li')?.textContent ?? '', WAIT)
        .not.toBe('')
      const dropped = await png(`downloads-dropped-${Date.now()}.png`)
      const picked = newFile()
      drop(frameFile(frame, dropped), doc)
      pick(frameFile(frame, picked), doc)
      for (const file of [dropped, picked])
        await expect.poll(() => statusOf(file.name, doc), WAIT).toBe('succeeded')
      // The thumbnail of the image, from a blob: URL.
      expect(rowOf(dropped.name, doc).querySelector('img')?.getAttribute('src')).toMatch(/^blob:/)

      // Every status a row shows, with its progress bar drawn from the custom property.
      const list = inFrame.staticList(uploadsInEveryState())
      const bar = () =>
        list.querySelector<HTMLElement>('[data-status=uploading] .ca-upload-progress__bar')
      await expect
        .poll(() => bar() && frame.win.getComputedStyle(bar()!).transform, WAIT)
        .toMatch(/^matrix\(0\.45/)

      // The transcript: a message and a link for each file, the image previewed.
      const items = await Promise.all(
        [dropped, picked].map((file) => chatItemOf(connectionToken, file)),
      )
      const downloads = inFrame.chatDownloads(emulator, connectionToken, items)
      await rendered(downloads, '.ca-attachment-link')
      expect(await scrollThroughLinks(downloads)).toHaveLength(4)
      downloads.querySelector('.ca-attachment-message')!.scrollIntoView({ block: 'center' })
      const preview = () =>
        downloads.querySelector<HTMLImageElement>('img.ca-attachment-message__preview')
      await expect.poll(() => (preview()?.complete ? preview()!.naturalWidth : 0), WAIT).toBe(4)
      const link = downloads.querySelector<HTMLAnchorElement>('a[href]')!
      const followed: string[] = []
      doc.addEventListener('click', (event) => {
        if (event.defaultPrevented) return
        followed.push((event.target as HTMLAnchorElement).href)
        event.preventDefault()
      })
      link.dispatchEvent(new frame.win.MouseEvent('click', { bubbles: true, cancelable: true }))
      expect(followed).toEqual([link.href])
      const response = await fetch(link.href)
      expect(await sha256Hex(await response.arrayBuffer())).toBe(await sha256Of(dropped))

      // A case: its pane's upload, then the file's card with its download link.
      const kase = await controls.createCase()
      const pane = inFrame.caseWidget(emulator, kase)
      await rendered(pane, '.ca-attachment-dropzone__target')
      const caseFile = newFile({ extension: '.pdf' })
      drop(frameFile(frame, caseFile), pane)
      await expect.poll(() => statusOf(caseFile.name, doc), WAIT).toBe('succeeded')
      const record = (await controls.attachments()).find((r) => r.name === caseFile.name)!
      const cards = inFrame.caseFiles(emulator, kase, [record.id])
      await expect.poll(() => cards.querySelector('article')?.dataset.status, WAIT).toBe('approved')
      const [cardLink] = await scrollThroughLinks(cards)
      expect(cardLink?.getAttribute('aria-label')).toBe(`Download ${caseFile.name}`)

      expect(widget.isConnected).toBe(true)
      expect(inFrame.violations).toEqual([])
    })

    it('server HTML of the list in every status, parsed and hydrated under the policy: no violation, each bar at its value', async () => {
      const frame = await openStrictFrame()
      const uploads = uploadsInEveryState()
      const html = renderToString(<StaticList uploads={uploads} />)
      const container = frame.doc.body.appendChild(frame.doc.createElement('div'))
      container.innerHTML = html
      frame.page.hydrateList(container, uploads)
      const bars = () => Array.from(container.querySelectorAll<HTMLElement>('[role=progressbar]'))
      await expect
        .poll(
          () =>
            bars().map((bar) => {
              const { transform } = frame.win.getComputedStyle(bar.firstElementChild!)
              return [bar.getAttribute('aria-valuenow'), transform]
            }),
          WAIT,
        )
        .toEqual(
          bars().map((bar) => {
            const scale = Number(bar.getAttribute('aria-valuenow')) / 100
            return [bar.getAttribute('aria-valuenow'), `matrix(${scale}, 0, 0, 1, 0, 0)`]
          }),
        )
      expect(bars().length).toBeGreaterThan(0)
      expect(frame.page.violations).toEqual([])
    })
  },
)

// ---------------------------------------------------------------------------------------------
// File names are text: markup, template syntax, a right-to-left override and control characters
// in names, dropped on the widget, listed, refused and linked.

/** Names Connect takes: each uploads, and shows as it is. */
const takenNames = [
  '<img src=x onerror=alert(1)>.png',
  '"><script>alert(2)</script>.txt',
  "{{constructor.constructor('alert(3)')()}}.txt",
  '${alert(4)}<b>bold</b>&amp;.txt',
]
/** Names Connect refuses (control and format characters): listed as refused, escaped. */
const refusedNames = [hostileName, 'report\u0007\u001b[31m.pdf']

describe('file names rendered as text (Chromium, emulator)', { timeout: 180_000 }, () => {
  it.each(['this page', 'a frame under the strict policy'] as const)(
    'in %s: no element is made from a name, each shows as it is, nothing runs',
    async (where) => {
      const frame = where === 'this page' ? undefined : await openStrictFrame()
      const doc = frame?.doc ?? document
      const inPage = frame?.page ?? componentsPage
      const alerts = frame?.alerts ?? []
      const alert = window.alert
      if (!frame) window.alert = (message?: unknown) => void alerts.push(message)
      try {
        const { connectionToken } = await chatAdapter()
        const widget = inPage.chatWidget(emulator, connectionToken)
        await rendered(widget, '.ca-attachment-button input')
        const stamp = Date.now()
        const files = [...takenNames, ...refusedNames].map((name, index) => {
          const file = new File([randomBytes(1024)], name.replace(/(\.\w+)$/, `-${stamp}$1`), {
            type: index === 0 ? 'image/png' : 'text/plain',
          })
          return frame ? frameFile(frame, file) : file
        })
        const taken = files.slice(0, takenNames.length)
        drop(files, doc)
        for (const file of taken)
          await expect.poll(() => statusOf(file.name, doc), WAIT).toBe('succeeded')
        for (const file of taken) {
          const name = rowOf(file.name, doc).querySelector('.ca-upload-list__name')!
          expect(name.textContent).toBe(file.name)
          expect(name.getAttribute('title')).toBe(file.name)
        }
        const alertBox = widget.querySelector('[role=alert]')!
        for (const file of files.slice(takenNames.length)) {
          const shown = Array.from(alertBox.querySelectorAll('bdi'), (bdi) => bdi.textContent)
          expect(shown).toContain(visibleName(file.name))
        }

        const items = await Promise.all(taken.map((file) => chatItemOf(connectionToken, file)))
        const downloads = inPage.chatDownloads(emulator, connectionToken, items)
        await rendered(downloads, '.ca-attachment-link')
        expect(await scrollThroughLinks(downloads)).toHaveLength(taken.length * 2)
        for (const file of taken) {
          const links = within(downloads).getAllByRole('link', { name: `Download ${file.name}` })
          expect(links.map((link) => link.textContent)).toEqual([file.name, file.name])
        }

        for (const root of [widget, downloads]) {
          expect(root.querySelectorAll('script, b, iframe, object')).toHaveLength(0)
          for (const image of root.querySelectorAll('img'))
            expect(image.getAttribute('src')).toMatch(new RegExp(`^(blob:|${emulator})`))
          for (const element of root.querySelectorAll('*'))
            expect(element.getAttributeNames().filter((attr) => attr.startsWith('on'))).toEqual([])
        }
        expect(alerts).toEqual([])
        if (frame) expect(frame.page.violations).toEqual([])
      } finally {
        window.alert = alert
      }
    },
  )
})

describe('secrets', () => {
  it('no token and no presigned URL reached any console method of the page or its frames', () => {
    expect(secrets.length).toBeGreaterThan(0)
    for (const line of consoleLines) {
      expect(line).not.toMatch(/X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token/i)
      for (const secret of secrets) expect(line).not.toContain(secret)
    }
  })
})
