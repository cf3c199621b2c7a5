import { describe, expect, it } from 'vitest'
import { AttachmentError } from './errors.js'
import { createUploadState, transition } from './upload-machine.js'
import type { UploadEvent, UploadState } from './upload-machine.js'
import { uploadMilestones } from './upload-milestones.js'
import type { UploadSnapshot } from './upload-store.js'

const network = new AttachmentError('network', 'lost')

const snapshotOf = (...uploads: UploadState[]): UploadSnapshot => ({
  ids: uploads.map((u) => u.id),
  byId: Object.fromEntries(uploads.map((u) => [u.id, u])),
})

const queued = (id: string) => createUploadState(id, { name: `${id}.pdf`, size: 100, type: '' })
const run = (state: UploadState, ...events: UploadEvent[]) => events.reduce(transition, state)
const uploading = (id: string) =>
  run(queued(id), { type: 'start' }, { type: 'started', target: { id: `r-${id}` } })

const types = (previous: UploadSnapshot, next: UploadSnapshot) =>
  uploadMilestones(previous, next).map((milestone) => milestone.type)

describe('uploadMilestones', () => {
  it('reports files added together as one milestone, in list order', () => {
    const a = queued('a')
    const milestones = uploadMilestones(snapshotOf(a), snapshotOf(a, queued('b'), queued('c')))
    expect(milestones).toHaveLength(1)
    const [added] = milestones
    expect(added?.type === 'added' && added.uploads.map((u) => u.id)).toEqual(['b', 'c'])
  })

  it('reports success, failure and cancel once, with the upload in its new state', () => {
    const a = run(uploading('a'), { type: 'uploaded' })
    const b = uploading('b')
    const c = uploading('c')
    const before = snapshotOf(a, b, c)
    const after = snapshotOf(
      transition(a, { type: 'completed' }),
      transition(b, { type: 'fail', error: network }),
      transition(c, { type: 'cancel' }),
    )
    const milestones = uploadMilestones(before, after)
    expect(milestones.map((m) => [m.type, 'upload' in m && m.upload.status])).toEqual([
      ['succeeded', 'succeeded'],
      ['failed', 'failed'],
      ['canceled', 'canceled'],
    ])
    expect(uploadMilestones(after, after)).toEqual([])
  })

  it('reports a retry once per backoff, not again on the progress that follows', () => {
    const a = uploading('a')
    const waiting = transition(a, { type: 'backoff', error: network, retryAt: 5000 })
    expect(uploadMilestones(snapshotOf(a), snapshotOf(waiting))).toEqual([
      { type: 'retrying', upload: waiting, retryAt: 5000 },
    ])
    const again = transition(waiting, { type: 'attempt' })
    const ticked = transition(again, { type: 'progress', loaded: 50 })
    expect(types(snapshotOf(waiting), snapshotOf(again))).toEqual([])
    expect(types(snapshotOf(again), snapshotOf(ticked))).toEqual([])
    const second = transition(ticked, { type: 'backoff', error: network, retryAt: 9000 })
    expect(types(snapshotOf(ticked), snapshotOf(second))).toEqual(['retrying'])
  })

  it('says once that the uploads wait for the network when the browser goes offline', () => {
    const [a, b] = [uploading('a'), uploading('b')]
    const offline = { type: 'network', online: false } as const
    const [offA, offB] = [transition(a, offline), transition(b, offline)]
    expect(uploadMilestones(snapshotOf(a, b), snapshotOf(offA, offB))).toEqual([
      { type: 'offline', upload: offA },
    ])
    // Still offline, progress or back online: nothing more to say.
    const ticked = transition(offA, { type: 'progress', loaded: 50 })
    expect(types(snapshotOf(offA, offB), snapshotOf(ticked, offB))).toEqual([])
    const back = transition(offA, { type: 'network', online: true })
    expect(types(snapshotOf(offA), snapshotOf(back))).toEqual([])
    expect(types(snapshotOf(back), snapshotOf(transition(back, offline)))).toEqual(['offline'])
  })

  it('says nothing of progress, of steps between, of a manual retry or of a removal', () => {
    const a = uploading('a')
    const ticked = transition(a, { type: 'progress', loaded: 45 })
    const sent = transition(ticked, { type: 'sent' })
    const completing = transition(sent, { type: 'uploaded' })
    expect(types(snapshotOf(a), snapshotOf(ticked))).toEqual([])
    expect(types(snapshotOf(ticked), snapshotOf(sent))).toEqual([])
    expect(types(snapshotOf(sent), snapshotOf(completing))).toEqual([])
    const failed = transition(a, { type: 'fail', error: network })
    expect(types(snapshotOf(failed), snapshotOf(transition(failed, { type: 'retry' })))).toEqual([])
    expect(types(snapshotOf(a, queued('b')), snapshotOf(queued('b')))).toEqual([])
  })
})
