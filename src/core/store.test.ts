import { describe, expect, it } from 'vitest'
import { createStore } from './store.js'

describe('createStore', () => {
  it('notifies subscribers when the state changes', () => {
    const store = createStore({ count: 0 })
    const seen: number[] = []
    store.subscribe(() => seen.push(store.getSnapshot().count))
    store.setState({ count: 1 })
    store.setState((previous) => ({ count: previous.count + 1 }))
    expect(seen).toEqual([1, 2])
  })

  it('does not notify when the next state is the same object', () => {
    const initial = { count: 0 }
    const store = createStore(initial)
    let calls = 0
    store.subscribe(() => (calls += 1))
    store.setState(initial)
    store.setState((previous) => previous)
    expect(calls).toBe(0)
  })

  it('stops notifying after unsubscribe', () => {
    const store = createStore(0)
    let calls = 0
    const unsubscribe = store.subscribe(() => (calls += 1))
    unsubscribe()
    store.setState(1)
    expect(calls).toBe(0)
  })
})
