// A pane that switches between two chats while a file uploads, in Chromium against the emulator:
// the first chat's upload goes on into its own session, with its own token, its row is there
// again when the pane comes back to it, and nothing of it reaches the second chat.
import { cleanup, render } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createUploadClient } from '../src/core/upload-client.js'
import type { AttachmentAdapter } from '../src/core/types.js'
import { createParticipantAdapter } from '../src/participant/index.js'
import { AttachmentDropzone } from '../src/react/attachment-dropzone.js'
import { AttachmentsProvider } from '../src/react/attachments-provider.js'
import { UploadList } from '../src/react/upload-list.js'
import { emulatorControls } from './emulator-controls.js'
import { randomBytes, sha256Hex, transcriptAttachmentsOf } from './emulator-inspect.js'
import type { StoredObjectInfo } from './emulator-inspect.js'
import { createTestQueryClient } from './render.js'
import { drop } from './widget-driver.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)
const WAIT = { timeout: 60_000 }

afterEach(async () => {
  cleanup()
  await controls.clearFaults()
})

const rows = () =>
  Array.from(document.querySelectorAll<HTMLElement>('.ca-upload-list__row'), (row) => ({
    name: row.querySelector('.ca-upload-list__name')?.textContent ?? row.textContent,
    status: row.getAttribute('data-status'),
  }))

/** A pane whose provider the test points at one chat's adapter, then another's. */
function renderPane(first: AttachmentAdapter) {
  const client = createUploadClient()
  const queryClient = createTestQueryClient()
  const pane = (adapter: AttachmentAdapter) => (
    <StrictMode>
      <AttachmentsProvider adapter={adapter} client={client} queryClient={queryClient}>
        <UploadList />
        <AttachmentDropzone />
      </AttachmentsProvider>
    </StrictMode>
  )
  const view = render(pane(first))
  return { show: (adapter: AttachmentAdapter) => view.rerender(pane(adapter)) }
}

async function storedOf(key: string): Promise<StoredObjectInfo | undefined> {
  const objects = (await (
    await fetch(`${emulator}/_emulator/objects`)
  ).json()) as StoredObjectInfo[]
  return objects.find((object) => object.key === key)
}

describe('a pane switching chats while a file uploads', { timeout: 180_000 }, () => {
  // How a pane makes each chat's adapter: with the contact as its key, or with none at all.
  const ways = {
    'keyed by contact': (token: string, contact: string) =>
      createParticipantAdapter({ endpoint: emulator, connectionToken: token, key: contact }),
    'with no key given': (token: string) =>
      createParticipantAdapter({ endpoint: emulator, connectionToken: token }),
  }
  for (const [way, adapterOf] of Object.entries(ways)) {
    it(`finishes the first chat's 5 MB upload into its own session (adapters ${way})`, async () => {
      const [tokenA, tokenB] = [
        await controls.chatConnectionToken(),
        await controls.chatConnectionToken(),
      ]
      const chatA = adapterOf(tokenA, 'contact-a')
      const chatB = adapterOf(tokenB, 'contact-b')
      // 5 MB at 1 MB/s: the PUT is still running long after the pane has switched.
      await controls.setFault('PutObject', { bytesPerSecond: 1024 * 1024, times: 1 })
      const pane = renderPane(chatA)
      const bytes = randomBytes(5 * 1024 * 1024)
      const file = new File([bytes], `switch-${crypto.randomUUID()}.pdf`, {
        type: 'application/pdf',
      })
      drop(file)
      await expect.poll(() => rows()[0]?.status, WAIT).toBe('uploading')

      pane.show(chatB)
      // The second chat's list: none of the first chat's files.
      expect(rows()).toEqual([])
      await expect
        .poll(
          async () =>
            (await controls.attachments()).find((record) => record.name === file.name)?.completes,
          WAIT,
        )
        .toBe(1)

      pane.show(chatA)
      await expect.poll(() => rows(), WAIT).toEqual([{ name: file.name, status: 'succeeded' }])
      const records = (await controls.attachments()).filter((record) => record.name === file.name)
      expect(records).toHaveLength(1)
      expect(records[0]).toMatchObject({ starts: 1, completes: 1, stored: true })
      expect(await storedOf(records[0]!.key)).toMatchObject({
        size: bytes.length,
        sha256: await sha256Hex(bytes),
      })
      // Started and completed in the first chat: its transcript has the file, the second's not.
      expect(await transcriptAttachmentsOf(emulator, tokenA)).toEqual([
        expect.objectContaining({ AttachmentName: file.name }),
      ])
      expect(await transcriptAttachmentsOf(emulator, tokenB)).toEqual([])
    })
  }
})
