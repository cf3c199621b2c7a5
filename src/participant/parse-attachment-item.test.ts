import { describe, expect, it } from 'vitest'
import { parseAttachmentItem, parseAttachments } from './parse-attachment-item.js'

// The shape from amazon-connect-chatjs docs/ChatAttachmentsFeature.md and GetTranscript.
const item = (Status?: string, extra: object = {}) => ({
  AbsoluteTime: '2025-05-24T21:42:55.867Z',
  Content: null,
  ContentType: null,
  Attachments: [
    { ContentType: 'image/png', AttachmentId: 'att-1', AttachmentName: 'shot.png', Status },
  ],
  Id: 'item-1',
  Type: 'ATTACHMENT',
  ParticipantRole: 'CUSTOMER',
  ...extra,
})

describe('parseAttachmentItem', () => {
  it.each([
    ['APPROVED', 'approved'],
    ['REJECTED', 'rejected'],
    ['IN_PROGRESS', 'processing'],
  ])('maps %s to %s', (status, expected) => {
    expect(parseAttachmentItem(item(status))).toEqual({
      id: 'att-1',
      name: 'shot.png',
      contentType: 'image/png',
      status: expected,
    })
  })

  it('treats an item without a status (no scanning) as approved', () => {
    expect(parseAttachmentItem(item(undefined))?.status).toBe('approved')
  })

  it('keeps an unknown status out of reach as processing', () => {
    expect(parseAttachmentItem(item('SOMETHING_NEW'))?.status).toBe('processing')
  })

  it('reads fields of the wrong type as empty, and a status of the wrong type as processing', () => {
    const odd = {
      Type: 'ATTACHMENT',
      Attachments: [{ AttachmentId: 'a', AttachmentName: {}, ContentType: 1, Status: 2 }],
    }
    expect(parseAttachmentItem(odd)).toEqual({
      id: 'a',
      name: '',
      contentType: '',
      status: 'processing',
    })
  })

  it('reads the item inside a chatjs onMessage event', () => {
    const event = { data: item('APPROVED'), chatDetails: { contactId: 'c' } }
    expect(parseAttachmentItem(event)?.id).toBe('att-1')
  })

  it.each([
    ['a message', { Type: 'MESSAGE', Content: 'hi', ContentType: 'text/plain' }],
    ['an event', { Type: 'EVENT', ContentType: 'application/vnd.amazonaws.connect.event.typing' }],
    ['an attachment item without attachments', { Type: 'ATTACHMENT' }],
    ['an attachment entry without an id', { Type: 'ATTACHMENT', Attachments: [{}] }],
    ['an attachment entry that is null', { Type: 'ATTACHMENT', Attachments: [null] }],
    [
      'an attachment id that is a number',
      { Type: 'ATTACHMENT', Attachments: [{ AttachmentId: 7 }] },
    ],
    ['null', null],
    ['a string', 'ATTACHMENT'],
  ])('returns null for %s', (_, value) => {
    expect(parseAttachmentItem(value)).toBeNull()
  })
})

describe('parseAttachments', () => {
  it('returns every attachment of an item', () => {
    const two = item('APPROVED')
    two.Attachments.push({
      ContentType: 'text/plain',
      AttachmentId: 'att-2',
      AttachmentName: 'b.txt',
      Status: 'REJECTED',
    })
    expect(parseAttachments(two).map((a) => [a.id, a.status])).toEqual([
      ['att-1', 'approved'],
      ['att-2', 'rejected'],
    ])
  })
})
