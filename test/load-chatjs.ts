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

/**
 * Loads chatjs with `ws` as the global WebSocket (jsdom's own breaks under vitest) and points it
 * at the emulator: chatjs's global `connect`.
 */
export async function loadChatJs<Session>(
  endpoint: string,
  loggerConfig: object,
): Promise<ChatJs<Session>> {
  globalThis.WebSocket = (await import('ws')).WebSocket as unknown as typeof WebSocket
  // @ts-expect-error chatjs's types are an ambient namespace, not a module; it sets `connect`.
  await import('amazon-connect-chatjs')
  const chatjs = (globalThis as unknown as { connect: ChatJs<Session> }).connect
  chatjs.ChatSession.setGlobalConfig({ region: 'us-east-1', endpoint, loggerConfig })
  return chatjs
}
