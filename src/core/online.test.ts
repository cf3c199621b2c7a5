// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { alwaysOnline, defaultOnlineSignal } from './online.js'

const setNavigatorOnline = (value: boolean): void => {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => value })
}

afterEach(() => {
  setNavigatorOnline(true)
})

describe('defaultOnlineSignal', () => {
  it('follows navigator.onLine and the window online and offline events in a browser', () => {
    const signal = defaultOnlineSignal()
    expect(signal).not.toBe(alwaysOnline)
    const seen: boolean[] = []
    const unsubscribe = signal.subscribe(() => seen.push(signal.isOnline()))
    setNavigatorOnline(false)
    window.dispatchEvent(new Event('offline'))
    setNavigatorOnline(true)
    window.dispatchEvent(new Event('online'))
    unsubscribe()
    window.dispatchEvent(new Event('offline'))
    expect(seen).toEqual([false, true])
  })
})
