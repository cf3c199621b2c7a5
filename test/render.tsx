// The one way tests render React: every tree inside <StrictMode> (which mounts, unmounts and
// remounts, the way a real app in development does) with a fresh QueryClient, a fresh upload
// client (the page's would carry one test's uploads into the next) and the provider.
import { QueryClient } from '@tanstack/react-query'
import { render, renderHook } from '@testing-library/react'
import { StrictMode } from 'react'
import type { ReactElement, ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { createUploadClient } from '../src/core/upload-client.js'
import { AttachmentsProvider } from '../src/react/attachments-provider.js'
import type { AttachmentsProviderProps } from '../src/react/attachments-provider.js'

/** What the helpers take: the provider's props, without `children`. */
export type StrictRenderOptions = Omit<AttachmentsProviderProps, 'children'>

/** A QueryClient for one test: no retries, so a failing query fails at once. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  })
}

function wrapperFor(options: StrictRenderOptions) {
  const queryClient = options.queryClient ?? createTestQueryClient()
  const client = options.client ?? createUploadClient()
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StrictMode>
      <AttachmentsProvider {...options} queryClient={queryClient} client={client}>
        {children}
      </AttachmentsProvider>
    </StrictMode>
  )
  return { queryClient, wrapper }
}

/** Renders `ui` in `<StrictMode>` under an {@link AttachmentsProvider} with a fresh QueryClient. */
export function renderStrict(ui: ReactElement, options: StrictRenderOptions) {
  const { queryClient, wrapper } = wrapperFor(options)
  return { ...render(ui, { wrapper }), queryClient }
}

/** Renders `hook` in `<StrictMode>` under an {@link AttachmentsProvider} with a fresh QueryClient. */
export function renderHookStrict<Result, Props>(
  hook: (props: Props) => Result,
  options: StrictRenderOptions & { initialProps?: Props },
) {
  const { initialProps, ...providerProps } = options
  const { queryClient, wrapper } = wrapperFor(providerProps)
  const result = renderHook(hook, {
    wrapper,
    ...(initialProps === undefined ? {} : { initialProps }),
  })
  return { ...result, queryClient }
}

/**
 * Renders `ui` under the provider the way a browser does, outside `act` (which would run every
 * effect and what they cause before it returns), and resolves with the text of the first DOM
 * the render leaves for the browser to paint: read in a microtask after the task that committed
 * it, before the task that runs the effects React keeps for after the paint. Not in
 * `<StrictMode>`, whose development checks run every effect at once, nor in `flushSync`, after
 * which React runs them at once too: either would hide what waits for after the paint.
 */
export async function renderBeforePaint(ui: ReactElement, options: StrictRenderOptions) {
  const queryClient = options.queryClient ?? createTestQueryClient()
  const client = options.client ?? createUploadClient()
  const container = document.body.appendChild(document.createElement('div'))
  const scope = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
  const actEnvironment = scope.IS_REACT_ACT_ENVIRONMENT
  scope.IS_REACT_ACT_ENVIRONMENT = false
  const root = createRoot(container)
  const firstPaint = new Promise<string>((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect()
      resolve(container.textContent ?? '')
    })
    observer.observe(container, { childList: true, subtree: true, characterData: true })
  })
  root.render(
    <AttachmentsProvider {...options} queryClient={queryClient} client={client}>
      {ui}
    </AttachmentsProvider>,
  )
  return {
    firstPaint: await firstPaint,
    container,
    unmount: () => {
      root.unmount()
      container.remove()
      scope.IS_REACT_ACT_ENVIRONMENT = actEnvironment
    },
  }
}
