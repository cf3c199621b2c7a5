import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { StrictMode, useContext, version } from 'react'
import { describe, expect, it } from 'vitest'
import { createFakeAdapter } from '../../test/fake-adapter.js'
import { renderHookStrict } from '../../test/render.js'
import { AttachmentsProvider, useAttachmentsContext } from './attachments-provider.js'
import { defaultMessages } from './messages.js'

const { adapter } = createFakeAdapter()

function Probe({ label }: { label: string }) {
  const { adapter: given, queryClient, messages, locale } = useAttachmentsContext()
  // What the host's own `useQueryClient()` would answer here: never ours.
  const hosts = useContext(QueryClientContext)
  return (
    <p aria-label={label}>
      {[given.key, queryClient !== hosts, messages.attachButton, locale].join('|')}
    </p>
  )
}

describe('AttachmentsProvider', () => {
  it('runs the React version of its test project', () => {
    expect(version.split('.')[0]).toBe(process.env.REACT_MAJOR ?? '19')
  })

  it('gives the adapter, messages merged with overrides, and the locale', () => {
    const { result } = renderHookStrict(() => useAttachmentsContext(), {
      adapter,
      locale: 'de-DE',
      messages: { attachButton: 'Datei anhängen', uploadStatus: { failed: 'Fehlgeschlagen' } },
    })
    expect(result.current.adapter).toBe(adapter)
    expect(result.current.locale).toBe('de-DE')
    expect(result.current.messages.attachButton).toBe('Datei anhängen')
    expect(result.current.messages.uploadStatus).toEqual({
      ...defaultMessages.uploadStatus,
      failed: 'Fehlgeschlagen',
    })
    expect(result.current.messages.dismissRejections).toBe(defaultMessages.dismissRejections)
  })

  it('keeps the same context value across renders with the same props', () => {
    const messages = { attachButton: 'Attach' }
    const { result, rerender } = renderHookStrict(() => useAttachmentsContext(), {
      adapter,
      messages,
    })
    const first = result.current
    rerender()
    expect(result.current).toBe(first)
  })

  it("uses an enclosing QueryClientProvider's client, else its own, without putting its own in the host's context", () => {
    const outer = new QueryClient()
    render(
      <StrictMode>
        <QueryClientProvider client={outer}>
          <AttachmentsProvider adapter={adapter}>
            <OuterProbe outer={outer} />
          </AttachmentsProvider>
        </QueryClientProvider>
        <AttachmentsProvider adapter={adapter}>
          <Probe label="alone" />
        </AttachmentsProvider>
      </StrictMode>,
    )
    expect(screen.getByLabelText('with outer').textContent).toBe('true')
    expect(screen.getByLabelText('alone').textContent).toBe('fake|true|Attach a file|en')
  })

  it('keeps two providers on one page independent', () => {
    const other = { ...adapter, key: 'other' }
    render(
      <StrictMode>
        <AttachmentsProvider adapter={adapter} locale="en-GB">
          <Probe label="chat" />
        </AttachmentsProvider>
        <AttachmentsProvider adapter={other} messages={{ attachButton: 'Add' }}>
          <Probe label="case" />
        </AttachmentsProvider>
      </StrictMode>,
    )
    expect(screen.getByLabelText('chat').textContent).toBe('fake|true|Attach a file|en-GB')
    expect(screen.getByLabelText('case').textContent).toBe('other|true|Add|en')
  })

  it('throws a clear error outside a provider', () => {
    const spy = console.error
    console.error = () => {}
    try {
      expect(() => render(<Probe label="x" />)).toThrow(/inside <AttachmentsProvider/)
    } finally {
      console.error = spy
    }
  })
})

function OuterProbe({ outer }: { outer: QueryClient }) {
  const { queryClient } = useAttachmentsContext()
  return <p aria-label="with outer">{String(queryClient === outer)}</p>
}

describe('AttachmentsProvider and the host react-query', () => {
  it("leaves the host's useQueryClient() answering the host's client when given its own", () => {
    const hosts = new QueryClient()
    const ours = new QueryClient()
    let seen: { context?: QueryClient; ours?: QueryClient } = {}
    function HostProbe() {
      seen = { context: useContext(QueryClientContext), ours: useAttachmentsContext().queryClient }
      return null
    }
    render(
      <StrictMode>
        <QueryClientProvider client={hosts}>
          <AttachmentsProvider adapter={adapter} queryClient={ours}>
            <HostProbe />
          </AttachmentsProvider>
        </QueryClientProvider>
      </StrictMode>,
    )
    expect(seen.context).toBe(hosts)
    expect(seen.ours).toBe(ours)
  })
})
