import { afterEach, describe, expect, it, vi } from 'vitest'
import { createProgressBatcher, defaultFrameScheduler } from './progress-batcher.js'

afterEach(() => {
  vi.useRealTimers()
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
    batcher.report('a', 30)
    batcher.forget('a')
    vi.advanceTimersByTime(16)
    expect(batches).toHaveLength(1)
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
