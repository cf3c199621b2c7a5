import { describe, expect, it } from 'vitest'
import { AttachmentError } from './errors.js'
import { createUploadState, transition } from './upload-machine.js'
import type { UploadEvent, UploadState, UploadStatus } from './upload-machine.js'

const error = new AttachmentError('server', 'boom', { status: 500 })
const base = createUploadState('u1', { name: 'a.pdf', size: 200, type: 'application/pdf' })
// Uploads past Start carry the service's id; an uploading one says whether its body has left.
const at = (status: UploadStatus, extra: Record<string, unknown> = {}): UploadState =>
  ({
    ...base,
    status,
    attempts: status === 'queued' ? 0 : 1,
    ...(status === 'uploading' || status === 'completing' || status === 'succeeded'
      ? { remoteId: 'att-1' }
      : {}),
    ...(status === 'uploading' ? { finishing: false } : {}),
    ...extra,
  }) as UploadState

const events: Record<UploadEvent['type'], UploadEvent> = {
  start: { type: 'start' },
  started: { type: 'started', target: { id: 'att-1', arn: 'arn:att-1' } },
  progress: { type: 'progress', loaded: 100 },
  sent: { type: 'sent' },
  uploaded: { type: 'uploaded' },
  completed: { type: 'completed' },
  backoff: { type: 'backoff', error, retryAt: 5_000 },
  attempt: { type: 'attempt' },
  fail: { type: 'fail', error },
  cancel: { type: 'cancel' },
  retry: { type: 'retry' },
  network: { type: 'network', online: false },
}

// Every allowed transition: [from, event, the fields expected after it].
const allowed: Array<[UploadState, UploadEvent, Partial<UploadState>]> = [
  [at('queued'), events.start, { status: 'starting', attempts: 1 }],
  // A manual retry that reuses its target goes from the queue to the PUT, or to Complete.
  [
    at('queued', { remoteId: 'att-1' }),
    events.started,
    { status: 'uploading', remoteId: 'att-1', attempts: 1 },
  ],
  [
    at('queued', { remoteId: 'att-1' }),
    events.uploaded,
    { status: 'completing', progress: 100, loaded: 200 },
  ],
  [
    at('starting'),
    events.started,
    { status: 'uploading', remoteId: 'att-1', remoteArn: 'arn:att-1', attempts: 1 },
  ],
  [at('uploading'), events.progress, { status: 'uploading', loaded: 100, progress: 50 }],
  [
    at('uploading'),
    events.sent,
    { status: 'uploading', finishing: true, progress: 100, loaded: 200 },
  ],
  [at('uploading'), events.uploaded, { status: 'completing', loaded: 200, progress: 100 }],
  [at('completing'), events.completed, { status: 'succeeded' }],
  // The PUT's URL expired: a new Start, and the old target's ids go.
  [
    at('uploading', { remoteId: 'att-1', remoteArn: 'arn:att-1', progress: 40, loaded: 80 }),
    events.start,
    { status: 'starting', remoteId: undefined, remoteArn: undefined, progress: 0, loaded: 0 },
  ],
  [at('starting'), events.backoff, { status: 'starting', retryAt: 5_000, error }],
  [at('uploading'), events.backoff, { status: 'uploading', retryAt: 5_000, error }],
  [at('completing'), events.backoff, { status: 'completing', retryAt: 5_000, error }],
  [at('starting', { retryAt: 9 }), events.attempt, { attempts: 2, retryAt: undefined }],
  [at('uploading', { retryAt: 9 }), events.attempt, { attempts: 2, retryAt: undefined }],
  [at('completing', { retryAt: 9 }), events.attempt, { attempts: 2, retryAt: undefined }],
  [at('queued'), events.fail, { status: 'failed', error }],
  [at('starting', { retryAt: 9 }), events.fail, { status: 'failed', error, retryAt: undefined }],
  [at('uploading'), events.fail, { status: 'failed', error }],
  [at('completing'), events.fail, { status: 'failed', error }],
  [at('queued'), events.cancel, { status: 'canceled' }],
  [at('starting'), events.cancel, { status: 'canceled' }],
  [at('uploading'), events.cancel, { status: 'canceled' }],
  [
    at('failed', { error, progress: 30, remoteId: 'att-1' }),
    events.retry,
    { status: 'queued', error: undefined, progress: 0, attempts: 0, remoteId: 'att-1' },
  ],
  [at('queued'), events.network, { status: 'queued', offline: true }],
  [at('starting'), events.network, { status: 'starting', offline: true }],
  [
    at('uploading', { loaded: 80 }),
    events.network,
    { status: 'uploading', offline: true, loaded: 80 },
  ],
  [at('completing'), events.network, { status: 'completing', offline: true }],
]

const statuses: UploadStatus[] = [
  'queued',
  'starting',
  'uploading',
  'completing',
  'succeeded',
  'failed',
  'canceled',
]

describe('transition', () => {
  const cases = allowed.map(([from, event, expected]) => ({
    from,
    event,
    expected,
    name: `${from.status} + ${event.type}`,
  }))
  it.each(cases)('applies $name', ({ from, event, expected }) => {
    const next = transition(from, event)
    expect(next).not.toBe(from)
    expect(next).toMatchObject(expected)
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(next[key as keyof UploadState]).toBeUndefined()
    }
  })

  it('returns the same object for every other status and event', () => {
    let checked = 0
    for (const status of statuses) {
      for (const event of Object.values(events)) {
        const from = at(status)
        const isAllowed = allowed.some(
          ([source, allowedEvent]) => source.status === status && allowedEvent.type === event.type,
        )
        if (isAllowed) continue
        expect(transition(from, event), `${status} + ${event.type}`).toBe(from)
        checked += 1
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('returns the same object for progress within the same whole percent', () => {
    const from = at('uploading', { loaded: 100, progress: 50 })
    expect(transition(from, { type: 'progress', loaded: 101 })).toBe(from)
    expect(transition(from, { type: 'progress', loaded: 102 })).not.toBe(from)
  })

  it('unmarks an offline upload once online, and leaves an unmarked one the same object', () => {
    const online = { type: 'network', online: true } as const
    const from = at('uploading', { offline: true })
    const next = transition(from, online)
    expect(next).toMatchObject({ status: 'uploading' })
    expect(next.offline).toBeUndefined()
    expect(transition(next, online)).toBe(next)
    expect(transition(from, events.network)).toBe(from)
  })

  it('drops the offline mark of an upload that ends', () => {
    for (const [from, event] of [
      [at('completing', { offline: true }), events.completed],
      [at('uploading', { offline: true }), events.fail],
      [at('queued', { offline: true }), events.cancel],
    ] as const) {
      expect(transition(from, event).offline, event.type).toBeUndefined()
    }
  })

  it('clamps progress to the file size', () => {
    const next = transition(at('uploading'), { type: 'progress', loaded: 10_000 })
    expect(next).toMatchObject({ loaded: 200, progress: 100 })
  })
})
