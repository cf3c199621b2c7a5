// Packs the library the way npm publishes it, installs the tarball into a new consumer project
// and imports each entry there in plain Node — the check that `exports`, the built files and the
// declared dependencies fit together for a real user.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const work = mkdtempSync(join(tmpdir(), 'connect-attachments-pack-'))
const npm = (args, cwd) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })

try {
  npm(['run', 'build', '--silent'], root)
  const tarball = join(
    work,
    npm(['pack', '--silent', '--pack-destination', work], root).trim().split('\n').at(-1),
  )
  const consumer = join(work, 'consumer')
  execFileSync('mkdir', ['-p', consumer])
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  )
  npm(['install', '--prefer-offline', tarball], consumer)
  const check = `
    import { createUploadManager, validateFiles, CONNECT_DEFAULT_LIMITS, AttachmentError, isAttachmentError, xhrTransport } from 'connect-attachments/core'
    const entries = { createUploadManager, validateFiles, CONNECT_DEFAULT_LIMITS, AttachmentError, isAttachmentError, xhrTransport }
    for (const [name, value] of Object.entries(entries)) if (value === undefined) throw new Error('connect-attachments/core has no ' + name)
    for (const entry of ['participant', 'cases', 'emulator']) await import('connect-attachments/' + entry)
    const react = await import('connect-attachments')
    for (const name of ['AttachmentsProvider', 'useAttachmentUpload', 'useUpload', 'useAttachedFile', 'AttachmentDropzone', 'AttachmentButton', 'UploadList', 'UploadProgress', 'AttachmentLink', 'AttachedFileCard', 'AttachmentMessage', 'defaultMessages']) if (react[name] === undefined) throw new Error('connect-attachments has no ' + name)
    const { messagesDe } = await import('connect-attachments/messages/de')
    if (messagesDe?.errors === undefined) throw new Error('connect-attachments/messages/de has no messagesDe')
    const { readFileSync } = await import('node:fs')
    const css = readFileSync(new URL(import.meta.resolve('connect-attachments/styles.css')), 'utf8')
    if (!css.includes('--ca-accent')) throw new Error('connect-attachments/styles.css lacks the design tokens')
    console.log('packed package imports in Node: the React entry, messages/de, core, participant, cases, emulator; styles.css resolves')
  `
  writeFileSync(join(consumer, 'check.mjs'), check)
  process.stdout.write(execFileSync('node', ['check.mjs'], { cwd: consumer, encoding: 'utf8' }))
} finally {
  rmSync(work, { recursive: true, force: true })
}
