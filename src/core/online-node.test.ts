import { describe, expect, it } from 'vitest'
import { alwaysOnline, defaultOnlineSignal } from './online.js'

describe('defaultOnlineSignal', () => {
  it('is always online outside a browser', () => {
    expect(defaultOnlineSignal()).toBe(alwaysOnline)
    expect(alwaysOnline.isOnline()).toBe(true)
  })
})
