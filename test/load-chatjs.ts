// amazon-connect-chatjs, unmodified, in a Node test with a DOM (a jsdom docblock): the set-up
// connect-apis.md §1.5 calls for, shared by the tests that drive chatjs against the emulator.

/** The part of chatjs's global `connect` every such test needs. */
interface ChatJsGlobal {
  ChatSession: { setGlobalConfig(config: object): void }
}

/**
 * Loads chatjs with `ws` as the global WebSocket (jsdom's own breaks under vitest) and points it
 * at the emulator: chatjs's global `connect`, typed as the test describes it.
 */
export async function loadChatJs<T extends ChatJsGlobal>(
  endpoint: string,
  loggerConfig: object,
): Promise<T> {
  globalThis.WebSocket = (await import('ws')).WebSocket as unknown as typeof WebSocket
  // @ts-expect-error chatjs's types are an ambient namespace, not a module; it sets `connect`.
  await import('amazon-connect-chatjs')
  const chatjs = (globalThis as unknown as { connect: T }).connect
  chatjs.ChatSession.setGlobalConfig({ region: 'us-east-1', endpoint, loggerConfig })
  return chatjs
}
