// The one way tests render React: every tree inside <StrictMode> (which mounts, unmounts and
// remounts, the way a real app in development does) with a fresh QueryClient and the provider.
import { QueryClient } from '@tanstack/react-query'
import { render, renderHook } from '@testing-library/react'
import { StrictMode } from 'react'
import type { ReactElement, ReactNode } from 'react'
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
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StrictMode>
      <AttachmentsProvider {...options} queryClient={queryClient}>
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
