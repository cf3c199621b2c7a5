import type { AttachedFilesOperation, SendAttachedFiles } from './cases-adapter.js'

/**
 * The part of an `@aws-sdk/client-connect` `ConnectClient` this uses. Typed structurally so the
 * SDK stays an optional peer that only this function loads.
 */
export interface ConnectClientLike {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>
}

type CommandClass = new (input: Record<string, unknown>) => object

let commands: Promise<Record<AttachedFilesOperation, CommandClass>> | undefined

// Loaded on first use, never at module top level: the SDK is an optional peer and a bundler
// can then split it out of pages that never call Connect directly.
function loadCommands(): Promise<Record<AttachedFilesOperation, CommandClass>> {
  commands ??= import('@aws-sdk/client-connect').then((sdk) => {
    const table = {
      StartAttachedFileUpload: sdk.StartAttachedFileUploadCommand,
      CompleteAttachedFileUpload: sdk.CompleteAttachedFileUploadCommand,
      GetAttachedFile: sdk.GetAttachedFileCommand,
      DeleteAttachedFile: sdk.DeleteAttachedFileCommand,
      BatchGetAttachedFileMetadata: sdk.BatchGetAttachedFileMetadataCommand,
      DescribeAttachedFilesConfiguration: sdk.DescribeAttachedFilesConfigurationCommand,
    }
    return table as unknown as Record<AttachedFilesOperation, CommandClass>
  })
  return commands
}

/**
 * A `send` over a `ConnectClient` the host configured (region, credentials, endpoint). The
 * SDK's typed exceptions pass through for the adapter to map.
 */
export function sendViaConnectClient(client: ConnectClientLike): SendAttachedFiles {
  return async (operation, input, init = {}) => {
    const Command = (await loadCommands())[operation]
    if (!Command) throw new TypeError(`Unknown operation ${String(operation)}`)
    return client.send(new Command(input), { abortSignal: init.signal })
  }
}
