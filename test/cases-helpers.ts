// Shared setup of the cases adapter tests: a ConnectClient pointed at the emulator.
import { ConnectClient } from '@aws-sdk/client-connect'
import type { Emulator } from '../src/emulator/index.js'

/**
 * A ConnectClient for the emulator. One attempt only: the SDK's own retries would repeat
 * injected faults and slow the tests; retrying is the engine's job.
 */
export function connectClient(emu: Emulator, secretAccessKey = 'test'): ConnectClient {
  return new ConnectClient({
    region: 'us-east-1',
    endpoint: emu.url,
    credentials: { accessKeyId: 'test', secretAccessKey },
    maxAttempts: 1,
  })
}
