// Packs the library the way npm publishes it and checks the tarball as its users meet it:
// 1. publint (the package.json fields against the files) and Are the Types Wrong (each entry's
//    types resolve as its JavaScript does, for ES-module users: the esm-only profile);
// 2. installed into a new app, it brings react-dropzone (and its file-selector) and the peers,
//    nothing else (the emulator's ws and @smithy/* are bundled into its entry);
// 3. each entry imports in plain Node, and the emulator runs, from its entry and its bin;
// 4. every ts/tsx block of README.md compiles with tsc in that app, against the packed types,
//    amazon-connect-chatjs 5 and the AWS SDK, with both chatjs sessions accepted by the adapter;
// 5. the README's chat widget, bundled in that app, uploads a file in Chromium through a
//    chatjs 5 session on the packed emulator (scripts/readme-widget.mjs).
// Any failure fails the run. `--keep` leaves the temporary folder, to look into it.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runReadmeWidget } from './readme-widget.mjs'

const root = resolve(import.meta.dirname, '..')
const work = mkdtempSync(join(tmpdir(), 'connect-attachments-pack-'))
const consumer = join(work, 'consumer')
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], cwd)
const bin = (name) => join(root, 'node_modules/.bin', name)
const fail = (message) => {
  throw new Error(`pack smoke test: ${message}`)
}

/** The ts and tsx blocks of the README (indented ones too, in a list), with their first line. */
export function readmeBlocks(text) {
  const blocks = []
  for (const match of text.matchAll(/^( *)```(tsx?)\n([\s\S]*?)^\1```$/gm)) {
    const [, indent, lang, code] = match
    const line = text.slice(0, match.index).split('\n').length
    blocks.push({ lang, code: code.replaceAll(new RegExp(`^${indent}`, 'gm'), ''), line })
  }
  return blocks
}

// What the README's fragments take as given (the app's own names), declared when a block uses
// them; kept here so that the README shows only what a reader writes.
const givens = [
  ['currentToken', 'declare const currentToken: string'],
  ['input.files', 'declare const input: HTMLInputElement'],
  ['render(', 'declare function render(snapshot: unknown): void'],
  [
    'mayOpenCase(',
    'declare function mayOpenCase(request: Request, caseArn: unknown): Promise<boolean>',
  ],
  ['agentArnOf(', 'declare function agentArnOf(request: Request): string'],
  [
    'startChatContact',
    'declare const startChatContact: { ContactId: string; ParticipantId: string; ParticipantToken: string }',
  ],
]

// Not in the README: the adapter takes both sessions chatjs 5 types, as they are typed.
const sessionsCheck = `
import 'amazon-connect-chatjs'
import { participantAdapterFromChatSession, type ChatSessionLike } from 'connect-attachments/participant'
declare const customer: connect.CustomerChatSession
declare const agent: connect.AgentChatSession
export const sessions: ChatSessionLike[] = [customer, agent]
export const adapters = [participantAdapterFromChatSession(customer), participantAdapterFromChatSession(agent)]
`

/** The installed version of a devDependency of ours, so the app types against the same. */
const ours = (name) =>
  `${name}@${JSON.parse(readFileSync(join(root, 'package.json'))).devDependencies[name]}`

function lintPackage(tarball) {
  run(bin('publint'), ['run', tarball, '--strict'], root)
  // styles.css has no types, and needs none.
  run(
    bin('attw'),
    [
      tarball,
      '--profile',
      'esm-only',
      '--exclude-entrypoints',
      './styles.css',
      '--format',
      'table-flipped',
      '--no-emoji',
      '--no-color',
    ],
    root,
  )
  console.log('publint and attw (esm-only): no problem')
}

function checkInstalledTree() {
  const tree = JSON.parse(npm(['ls', '--omit=dev', '--all', '--json'], consumer))
  const deps = tree.dependencies['connect-attachments'].dependencies ?? {}
  const installed = Object.keys(deps)
    .filter((name) => deps[name].version !== undefined)
    .sort()
  // file-selector is react-dropzone's own file reader, which the dropzone calls itself.
  const expected = [
    '@tanstack/react-query',
    'file-selector',
    'react',
    'react-dom',
    'react-dropzone',
  ]
  if (installed.join() !== expected.join()) {
    fail(`a widget installs ${installed.join(', ')}; expected only ${expected.join(', ')}`)
  }
  const all = npm(['ls', '--omit=dev', '--all', '--parseable'], consumer)
  if (/node_modules\/(ws|@smithy)\b/.test(all))
    fail('the emulator’s own dependencies are installed')
  console.log(`a widget's install: ${expected.join(', ')} (and theirs), nothing else`)
}

const importCheck = `
  import { createUploadManager, validateFiles, CONNECT_DEFAULT_LIMITS, AttachmentError, isAttachmentError, xhrTransport } from 'connect-attachments/core'
  const entries = { createUploadManager, validateFiles, CONNECT_DEFAULT_LIMITS, AttachmentError, isAttachmentError, xhrTransport }
  for (const [name, value] of Object.entries(entries)) if (value === undefined) throw new Error('connect-attachments/core has no ' + name)
  for (const entry of ['participant', 'cases']) await import('connect-attachments/' + entry)
  const react = await import('connect-attachments')
  for (const name of ['AttachmentsProvider', 'useAttachmentUpload', 'useUpload', 'useAttachedFile', 'AttachmentDropzone', 'AttachmentButton', 'UploadList', 'UploadProgress', 'AttachmentLink', 'AttachedFileCard', 'AttachmentMessage', 'defaultMessages']) if (react[name] === undefined) throw new Error('connect-attachments has no ' + name)
  const { messagesDe } = await import('connect-attachments/messages/de')
  if (messagesDe?.errors === undefined) throw new Error('connect-attachments/messages/de has no messagesDe')
  const { readFileSync } = await import('node:fs')
  const css = readFileSync(new URL(import.meta.resolve('connect-attachments/styles.css')), 'utf8')
  if (!css.includes('--ca-accent')) throw new Error('connect-attachments/styles.css lacks the design tokens')
  // The emulator with its bundled ws and @smithy/*: a chat, its websocket, a SigV4 check.
  const { startEmulator } = await import('connect-attachments/emulator')
  const emu = await startEmulator({ port: 0 })
  try {
    const chat = emu.createChat()
    const answer = await fetch(emu.url + '/participant/connection', {
      method: 'POST',
      headers: { 'x-amz-bearer': chat.participantToken, 'content-type': 'application/json' },
      body: JSON.stringify({ Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] }),
    }).then((response) => response.json())
    if (globalThis.WebSocket !== undefined) {
      const socket = new WebSocket(answer.Websocket.Url)
      await new Promise((done, failed) => { socket.onopen = done; socket.onerror = () => failed(new Error('no chat websocket')) })
      socket.close()
    }
    // Signed by the AWS SDK, checked by the emulator's SigV4 (@smithy/signature-v4).
    const { ConnectClient, DescribeAttachedFilesConfigurationCommand } = await import('@aws-sdk/client-connect')
    const kase = emu.createCase()
    const client = (secretAccessKey) => new ConnectClient({ region: 'us-east-1', endpoint: emu.url, credentials: { accessKeyId: 'test', secretAccessKey } })
    const describe = new DescribeAttachedFilesConfigurationCommand({ InstanceId: kase.instanceId, AttachmentScope: 'CASE' })
    await client('test').send(describe)
    const refused = await client('wrong').send(describe).then(() => 200, (error) => error.$metadata?.httpStatusCode)
    if (refused !== 403) throw new Error('the emulator accepted a wrong signature: ' + refused)
  } finally {
    await emu.close()
  }
  console.log('packed package imports in Node: the React entry, messages/de, core, participant, cases, emulator (started, websocket, SigV4); styles.css resolves')
`

/** The bin, as `npx connect-attachments-emulator` runs it: up, listening, stopped by SIGINT. */
function checkBin() {
  const child = spawn(
    join(consumer, 'node_modules/.bin/connect-attachments-emulator'),
    ['--port', '0'],
    {
      cwd: consumer,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let text = ''
  return new Promise((done, failed) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.stdout.on('data', (chunk) => {
      text += String(chunk)
      if (/listening on http:\/\/\S+/.test(text)) child.kill('SIGINT')
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (/listening on http/.test(text)) {
        console.log('the connect-attachments-emulator bin starts and stops')
        done()
      } else
        failed(
          new Error(`pack smoke test: the emulator bin did not start (${signal ?? code}): ${text}`),
        )
    })
  })
}

function compileReadme() {
  const dir = join(consumer, 'readme')
  mkdirSync(dir)
  const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'))
  if (blocks.length === 0) fail('README.md has no ts or tsx block')
  const files = blocks.map((block) => {
    const prelude = givens
      .filter(([use]) => block.code.includes(use))
      .map(([, declaration]) => declaration)
    const name = `readme-line-${block.line}.${block.lang}`
    writeFileSync(join(dir, name), [...prelude, block.code].join('\n'))
    return name
  })
  writeFileSync(join(dir, 'chat-sessions.ts'), sessionsCheck)
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      include: ['*.ts', '*.tsx'],
    }),
  )
  try {
    run(join(consumer, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--pretty', 'false'], dir)
  } catch (error) {
    // readme-line-N.tsx(L,C): the block that starts on line N of README.md.
    fail(
      `README.md or the chatjs sessions do not compile (readme-line-N.ts: the block whose fence is line N of README.md):\n${error.stdout}`,
    )
  }
  console.log(
    `README.md: ${files.length} ts/tsx blocks compile against the packed types and chatjs 5`,
  )
  return { dir, files }
}

/** The README's chat widget (the block defining `ChatWidget`), run in Chromium. */
async function runReadme({ dir, files }) {
  const widgetFile = files.find((file) =>
    readFileSync(join(dir, file), 'utf8').includes('export function ChatWidget('),
  )
  if (widgetFile === undefined) fail('README.md has no block defining ChatWidget')
  try {
    await runReadmeWidget({ consumer, dir, widgetFile })
  } catch (error) {
    fail(`the README's chat widget (${widgetFile}) does not run: ${error.message}`)
  }
  console.log(
    "README.md's chat widget runs: a file picked in Chromium uploads once, bytes intact, through chatjs 5 on the emulator",
  )
}

try {
  npm(['run', 'build', '--silent'], root)
  const tarball = join(
    work,
    npm(['pack', '--silent', '--pack-destination', work], root).trim().split('\n').at(-1),
  )
  lintPackage(tarball)
  mkdirSync(consumer)
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  )
  npm(['install', '--prefer-offline', tarball], consumer)
  checkInstalledTree()
  // What the checks below use, as an app's development tools, at our own versions.
  const tools = ['typescript', '@types/react', '@types/react-dom', 'amazon-connect-chatjs']
  npm(
    [
      'install',
      '--save-dev',
      '--prefer-offline',
      ...[...tools, '@aws-sdk/client-connect'].map(ours),
    ],
    consumer,
  )
  writeFileSync(join(consumer, 'check.mjs'), importCheck)
  process.stdout.write(run('node', ['check.mjs'], consumer))
  await checkBin()
  await runReadme(compileReadme())
} finally {
  if (process.argv.includes('--keep')) console.log(`left in ${work}`)
  else rmSync(work, { recursive: true, force: true })
}
