// Helpers for the emulator tests: AWS SDK clients pointed at the emulator, raw HTTP requests (so
// a test controls every header and the exact bytes sent) and a clock tests can move forward.
import {
  CompleteAttachedFileUploadCommand,
  ConnectClient,
  StartAttachedFileUploadCommand,
  type StartAttachedFileUploadCommandOutput,
} from '@aws-sdk/client-connect'
import {
  CompleteAttachmentUploadCommand,
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  StartAttachmentUploadCommand,
  type StartAttachmentUploadCommandOutput,
} from '@aws-sdk/client-connectparticipant'
import { request } from 'node:http'
import { afterEach, beforeEach } from 'vitest'
import {
  startEmulator,
  type CreatedCase,
  type Emulator,
  type EmulatorOptions,
} from '../src/emulator/index.js'

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

/** A ConnectParticipantClient for the emulator, with one attempt for the same reason. */
export function participantClient(emu: Emulator): ConnectParticipantClient {
  return new ConnectParticipantClient({
    region: 'us-east-1',
    endpoint: emu.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })
}

/** What a failed SDK call (a service exception) or raw request (a Node network error) carries. */
export type CallError = Error & {
  $metadata?: { httpStatusCode?: number }
  Reason?: Record<string, string>
  code?: string
}

/** The error `promise` rejected with, or undefined if it resolved. */
export const errorOf = (promise: Promise<unknown>): Promise<CallError | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => error as CallError,
  )

/** A response read in full. */
export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: string
}

/** Sends one request with exactly these headers and body; rejects on a network error. */
export function send(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const all = Buffer.concat(chunks)
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: all,
          text: all.toString('utf8'),
        })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** PUTs `body` to a presigned URL with the headers the service said to include. */
export const putObject = (
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<RawResponse> => send('PUT', url, headers, body)

/** A clock for the emulator's `now` option: real time plus an offset a test can advance. */
export function createTestClock(): { now: () => number; advance(ms: number): void } {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    advance: (ms) => void (offset += ms),
  }
}

/** An emulator and both SDK clients, fresh for each test. */
export interface EmulatorPerTest {
  emu: Emulator
  chat: ConnectParticipantClient
  connect: ConnectClient
}

/**
 * Starts an emulator with both SDK clients before each test of the calling file and closes them
 * after it; read the members inside a test, as they change from one test to the next.
 */
export function emulatorPerTest(options?: EmulatorOptions): EmulatorPerTest {
  const current = {} as EmulatorPerTest
  beforeEach(async () => {
    current.emu = await startEmulator(options)
    current.chat = participantClient(current.emu)
    current.connect = connectClient(current.emu)
  })
  afterEach(async () => {
    current.chat.destroy()
    current.connect.destroy()
    await current.emu.close()
  })
  return current
}

/** CreateParticipantConnection for a participant token: the chat's ConnectionToken. */
export async function connectionTokenFor(
  client: ConnectParticipantClient,
  participantToken: string,
): Promise<string> {
  const out = await client.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: participantToken,
      Type: ['CONNECTION_CREDENTIALS'],
    }),
  )
  return out.ConnectionCredentials?.ConnectionToken ?? ''
}

/** PUTs to a Start answer's URL with its headers; throws unless S3 answers 200. */
async function putOrThrow(
  metadata: { Url?: string; HeadersToInclude?: Record<string, string> } | undefined,
  bytes: Buffer,
): Promise<void> {
  const put = await putObject(metadata?.Url ?? '', metadata?.HeadersToInclude ?? {}, bytes)
  if (put.status !== 200) throw new Error(`PUT answered ${put.status}: ${put.text}`)
}

/** StartAttachmentUpload, the PUT and CompleteAttachmentUpload of one file: the Start answer. */
export async function uploadChatAttachment(
  client: ConnectParticipantClient,
  connectionToken: string,
  bytes: Buffer,
  file: { name: string; contentType: string } = { name: 'a.txt', contentType: 'text/plain' },
): Promise<StartAttachmentUploadCommandOutput> {
  const started = await client.send(
    new StartAttachmentUploadCommand({
      ConnectionToken: connectionToken,
      AttachmentName: file.name,
      AttachmentSizeInBytes: bytes.length,
      ContentType: file.contentType,
    }),
  )
  await putOrThrow(started.UploadMetadata, bytes)
  const AttachmentIds = [started.AttachmentId ?? '']
  await client.send(
    new CompleteAttachmentUploadCommand({ ConnectionToken: connectionToken, AttachmentIds }),
  )
  return started
}

/** StartAttachedFileUpload, the PUT and CompleteAttachedFileUpload of one file: the Start answer. */
export async function uploadAttachedFile(
  client: ConnectClient,
  kase: CreatedCase,
  bytes: Buffer,
  name = 'a.txt',
): Promise<StartAttachedFileUploadCommandOutput> {
  const ids = { InstanceId: kase.instanceId, AssociatedResourceArn: kase.associatedResourceArn }
  const started = await client.send(
    new StartAttachedFileUploadCommand({
      ...ids,
      FileName: name,
      FileSizeInBytes: bytes.length,
      FileUseCaseType: 'ATTACHMENT',
    }),
  )
  await putOrThrow(started.UploadUrlMetadata, bytes)
  await client.send(new CompleteAttachedFileUploadCommand({ ...ids, FileId: started.FileId }))
  return started
}
