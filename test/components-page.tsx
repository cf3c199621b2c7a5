// The drop-in components as a page of their own loads them: a module that renders them into its
// own document, for a test to load in a frame whose document carries a Content Security Policy
// (test/fault-matrix-downloads.browser.test.tsx). Loaded there by a <script type="module">, all
// of it (React, the components, the adapters) runs in the frame, under the frame's policy; the
// test drives it through `window.componentsPage` with data (URLs, tokens, ids, upload states),
// never with components or functions of its own window. The test page imports it too, to render
// the same components without a policy and the server HTML of StaticList.
// First: it records violations from the start, and lets the page's dynamic imports run.
import { violations } from './frame-setup.js'
import { ConnectClient } from '@aws-sdk/client-connect'
import { StrictMode } from 'react'
import type { ReactNode } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import { createCasesAdapter, sendViaConnectClient } from '../src/cases/index.js'
import type { AttachmentAdapter } from '../src/core/types.js'
import type { UploadState } from '../src/core/upload-machine.js'
import { createParticipantAdapter } from '../src/participant/index.js'
import { AttachedFileCard } from '../src/react/attached-file-card.js'
import { AttachmentButton } from '../src/react/attachment-button.js'
import { AttachmentDropzone } from '../src/react/attachment-dropzone.js'
import { AttachmentLink } from '../src/react/attachment-link.js'
import { AttachmentMessage } from '../src/react/attachment-message.js'
import type { ChatAttachmentItem } from '../src/react/attachment-message.js'
import { AttachmentsProvider } from '../src/react/attachments-provider.js'
import { UploadList } from '../src/react/upload-list.js'
import { createStaticManager } from './static-uploads.js'

/** A case as the emulator's controls create it. */
export interface CaseRef {
  instanceId: string
  associatedResourceArn: string
}

/** Short backoffs, so retried rows stay quick; the policy itself is tested in core. */
export const uploadOptions = { retry: { attempts: 4, baseDelayMs: 40, maxDelayMs: 200 } }
/** Quick scan polls: a row waits for the emulator's scan, not for the default backoff. */
export const fileOptions = { pollBaseMs: 100, pollMaxMs: 400 }

/** The chat adapter on the emulator at `endpoint`. */
export const chatAdapterOn = (endpoint: string, connectionToken: string) =>
  createParticipantAdapter({ endpoint, connectionToken })

/** The cases adapter on the emulator at `endpoint`, with a ConnectClient (one attempt). */
export function casesAdapterOn(endpoint: string, kase: CaseRef): AttachmentAdapter {
  const client = new ConnectClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })
  return createCasesAdapter({ ...kase, send: sendViaConnectClient(client) })
}

/**
 * The upload list of a fixed set of uploads (every status a row shows): rendered on a server
 * and hydrated in the page from the same element, so the two trees are equal.
 */
export function StaticList({ uploads }: { uploads: readonly UploadState[] }) {
  const { manager } = createStaticManager(uploads)
  return (
    <AttachmentsProvider adapter={chatAdapterOn('https://127.0.0.1', 'static')}>
      <UploadList manager={manager} />
    </AttachmentsProvider>
  )
}

const mounted: { root: Root; container: HTMLElement }[] = []

function mount(ui: ReactNode): HTMLElement {
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  mounted.push({ root, container })
  root.render(<StrictMode>{ui}</StrictMode>)
  return container
}

/** What a test drives: each call renders into a container of its own and returns it. */
export const componentsPage = {
  /** This document's Content Security Policy violations (test/frame-setup.ts). */
  violations,
  /** A chat widget: the list, the dropzone and the attach button on the chat adapter. */
  chatWidget(endpoint: string, connectionToken: string): HTMLElement {
    return mount(
      <AttachmentsProvider
        adapter={chatAdapterOn(endpoint, connectionToken)}
        uploadOptions={uploadOptions}
      >
        <UploadList />
        <AttachmentDropzone />
        <AttachmentButton />
      </AttachmentsProvider>,
    )
  },
  /** A case pane's upload: the list and the dropzone on the cases adapter. */
  caseWidget(endpoint: string, kase: CaseRef): HTMLElement {
    return mount(
      <AttachmentsProvider adapter={casesAdapterOn(endpoint, kase)} uploadOptions={uploadOptions}>
        <UploadList />
        <AttachmentDropzone />
      </AttachmentsProvider>,
    )
  },
  /** A transcript's attachments: each as a message and as a link. */
  chatDownloads(endpoint: string, connectionToken: string, items: ChatAttachmentItem[]) {
    return mount(
      <AttachmentsProvider adapter={chatAdapterOn(endpoint, connectionToken)}>
        {items.map((item) => (
          <div key={item.id}>
            <AttachmentMessage attachment={{ ...item }} fileOptions={fileOptions} />
            <AttachmentLink fileId={item.id} name={item.name} fileOptions={fileOptions} />
          </div>
        ))}
      </AttachmentsProvider>,
    )
  },
  /** A case's files, each as a card. */
  caseFiles(endpoint: string, kase: CaseRef, fileIds: string[]): HTMLElement {
    return mount(
      <AttachmentsProvider adapter={casesAdapterOn(endpoint, kase)}>
        {fileIds.map((id) => (
          <AttachedFileCard key={id} fileId={id} fileOptions={fileOptions} />
        ))}
      </AttachmentsProvider>,
    )
  },
  /** The upload list with a row in each of `uploads`' statuses. */
  staticList(uploads: readonly UploadState[]): HTMLElement {
    return mount(<StaticList uploads={uploads} />)
  },
  /** Hydrates server HTML of {@link StaticList} that the test put in `container`. */
  hydrateList(container: HTMLElement, uploads: readonly UploadState[]): void {
    mounted.push({ root: hydrateRoot(container, <StaticList uploads={uploads} />), container })
  },
  /** Unmounts and removes everything rendered so far. */
  unmountAll(): void {
    for (const { root, container } of mounted.splice(0)) {
      root.unmount()
      container.remove()
    }
  },
}

declare global {
  interface Window {
    componentsPage?: typeof componentsPage
  }
}

window.componentsPage = componentsPage
