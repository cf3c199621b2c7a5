// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { alwaysOnline, defaultOnlineSignal, waitUntilOnline } from './online.js'
import { createFakeOnline } from '../../test/fake-online.js'

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

describe('waitUntilOnline', () => {
  it('resolves on the next online signal and no sooner', async () => {
    const online = createFakeOnline(false)
    let resolved = false
    const wait = waitUntilOnline(online, new AbortController().signal).then(() => (resolved = true))
    online.set(false)
    await Promise.resolve()
    expect(resolved).toBe(false)
    online.set(true)
    await wait
    expect(online.listeners).toBe(0)
  })

  it('rejects and stops listening when the signal aborts', async () => {
    const online = createFakeOnline(false)
    const controller = new AbortController()
    const wait = waitUntilOnline(online, controller.signal)
    controller.abort(new Error('stop'))
    await expect(wait).rejects.toThrow('stop')
    expect(online.listeners).toBe(0)
  })
})
