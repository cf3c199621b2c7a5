import { describe, expect, it } from 'vitest'
import { createStore, subscribeSelected } from './store.js'

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

describe('subscribeSelected', () => {
  it('calls the listener only when the selected value changes', () => {
    const store = createStore({ a: 1, b: 1 })
    const seen: Array<[number, number]> = []
    subscribeSelected(
      store,
      (state) => state.a,
      (value, previous) => seen.push([value, previous]),
    )
    store.setState((state) => ({ ...state, b: 2 }))
    store.setState((state) => ({ ...state, a: 5 }))
    expect(seen).toEqual([[5, 1]])
  })
})
