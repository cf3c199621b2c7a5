import { afterEach, describe, expect, it, vi } from 'vitest'
import { createProgressBatcher, defaultFrameScheduler } from './progress-batcher.js'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('createProgressBatcher', () => {
  it('hands over the latest report of each file once per frame', () => {
    vi.useFakeTimers()
    const batches: Array<Record<string, number>> = []
    const batcher = createProgressBatcher(defaultFrameScheduler, (latest) =>
      batches.push(Object.fromEntries(latest)),
    )
    batcher.report('a', 10)
    batcher.report('b', 5)
    batcher.report('a', 20)
    vi.advanceTimersByTime(15)
    expect(batches).toEqual([])
    vi.advanceTimersByTime(1) // Node has no requestAnimationFrame: a 16 ms frame
    expect(batches).toEqual([{ a: 20, b: 5 }])
    // A later report replaces the one waiting, a lower one too (the manager resets a file to 0).
    batcher.report('a', 30)
    batcher.report('a', 0)
    vi.advanceTimersByTime(16)
    expect(batches).toEqual([{ a: 20, b: 5 }, { a: 0 }])
  })

  it('leaves no timer behind on dispose', () => {
    vi.useFakeTimers()
    const flush = vi.fn()
    const batcher = createProgressBatcher(defaultFrameScheduler, flush)
    batcher.report('a', 1)
    batcher.dispose()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(100)
    expect(flush).not.toHaveBeenCalled()
  })
})

describe('defaultFrameScheduler', () => {
  it('runs at the next animation frame, and by a timer when a hidden tab runs none', () => {
    vi.useFakeTimers()
    const frames = new Map<number, () => void>()
    let handles = 0
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
      frames.set(++handles, callback)
      return handles
    })
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => frames.delete(handle))
    const shown = vi.fn()
    defaultFrameScheduler(shown)
    frames.get(handles)?.()
    expect(shown).toHaveBeenCalledOnce()
    vi.advanceTimersByTime(1000)
    expect(shown).toHaveBeenCalledOnce()

    const hidden = vi.fn()
    defaultFrameScheduler(hidden)
    vi.advanceTimersByTime(99)
    expect(hidden).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(hidden).toHaveBeenCalledOnce()
    expect(vi.getTimerCount()).toBe(0)
    // Whichever ran first canceled the other: no frame and no timer left behind.
    expect(frames.size).toBe(0)
  })
})

describe('createProgressBatcher with an interval', () => {
  it('hands a lone report over at the next frame, and none sooner than the interval after the last', () => {
    vi.useFakeTimers()
    const start = performance.now()
    const flushed: Array<[number, Record<string, number>]> = []
    // Node has no requestAnimationFrame: a frame every 16 ms.
    const batcher = createProgressBatcher(
      defaultFrameScheduler,
      (latest) => flushed.push([performance.now() - start, Object.fromEntries(latest)]),
      100,
    )
    batcher.report('a', 1)
    vi.advanceTimersByTime(16)
    expect(flushed).toEqual([[16, { a: 1 }]])
    // Reported at once again: the frames at 32 … 112 ms come sooner than 100 ms after 16.
    batcher.report('a', 2)
    vi.advanceTimersByTime(32)
    batcher.report('b', 3)
    vi.advanceTimersByTime(64)
    expect(flushed).toHaveLength(1)
    vi.advanceTimersByTime(16)
    expect(flushed).toEqual([
      [16, { a: 1 }],
      [128, { a: 2, b: 3 }],
    ])
    // After a quiet spell longer than the interval, the next frame again.
    vi.advanceTimersByTime(500)
    batcher.report('a', 4)
    vi.advanceTimersByTime(16)
    expect(flushed.at(-1)).toEqual([644, { a: 4 }])
  })

  it('leaves no timer behind when disposed while it passes frames over', () => {
    vi.useFakeTimers()
    const flush = vi.fn()
    const batcher = createProgressBatcher(defaultFrameScheduler, flush, 100)
    batcher.report('a', 1)
    vi.advanceTimersByTime(16)
    batcher.report('a', 2)
    vi.advanceTimersByTime(48)
    batcher.dispose()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(1000)
    expect(flush).toHaveBeenCalledOnce()
  })
})
