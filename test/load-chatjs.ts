// amazon-connect-chatjs, unmodified, in a Node test with a DOM (a jsdom docblock): the set-up
// connect-apis.md §1.5 calls for, shared by the tests that drive chatjs against the emulator.

/**
 * The slice of chatjs's global `connect` the tests use (its types are an ambient namespace), with
 * its sessions typed as far as a test needs them.
 */
export interface ChatJs<Session> {
  ChatSession: {
    setGlobalConfig(config: object): void
    create(args: object): Session
  }
}

let subscriptions = 0
const intervals = new Set<ReturnType<typeof setInterval>>()
const realSetInterval = globalThis.setInterval

/**
 * Clears the intervals chatjs started (its session keeps a 250 ms timer running after the
 * session ends). Left running, one fires after the test file's DOM is torn down and fails the
 * run with "navigator is not defined". Call it in `afterAll`.
 */
export function stopChatJsTimers(): void {
  for (const id of intervals) clearInterval(id)
  intervals.clear()
  globalThis.setInterval = realSetInterval
}

/**
 * How many chat websockets opened by chatjs have had their `aws/chat` subscription confirmed.
 * chatjs reports a connection as established when the socket opens, before it subscribes, and
 * an item pushed in between is not delivered (as with the real service): a test waits for this
 * count to grow before it makes the chat push anything.
 */
export const confirmedSubscriptions = (): number => subscriptions

/**
 * Loads chatjs with `ws` as the global WebSocket (jsdom's own breaks under vitest), counting
 * confirmed subscriptions, and points it at the emulator: chatjs's global `connect`.
 */
export async function loadChatJs<Session>(
  endpoint: string,
  loggerConfig: object,
): Promise<ChatJs<Session>> {
  const { WebSocket: NodeWebSocket } = await import('ws')
  class CountingWebSocket extends NodeWebSocket {
    constructor(...args: ConstructorParameters<typeof NodeWebSocket>) {
      super(...args)
      this.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { topic?: string; content?: { status?: string } }
        if (frame.topic === 'aws/subscribe' && frame.content?.status === 'success') subscriptions++
      })
    }
  }
  globalThis.WebSocket = CountingWebSocket as unknown as typeof WebSocket
  // Every interval started from here on is chatjs's (the tests start none), so it can be cleared.
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const id = realSetInterval(...args)
    intervals.add(id)
    return id
  }) as typeof setInterval
  // @ts-expect-error chatjs's types are an ambient namespace, not a module; it sets `connect`.
  await import('amazon-connect-chatjs')
  const chatjs = (globalThis as unknown as { connect: ChatJs<Session> }).connect
  chatjs.ChatSession.setGlobalConfig({ region: 'us-east-1', endpoint, loggerConfig })
  return chatjs
}
