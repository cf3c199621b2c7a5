// The cases adapter in real Chromium: an @aws-sdk/client-connect ConnectClient bundled for the
// browser signs every call (SigV4 with Web Crypto) and reaches the emulator across origins.
// Test credentials only; a real agent pane would use sendViaHttpBackend instead.
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { CasesAdapter } from '../src/cases/index.js'
import { settledFile, uploadThroughXhr } from './adapter-helpers.js'
import { emulatorCasesAdapter, emulatorControls } from './emulator-controls.js'

const emulator = inject('emulatorUrl')
const controls = emulatorControls(emulator)

afterEach(() => controls.clearFaults())

async function caseAdapter(): Promise<CasesAdapter> {
  return emulatorCasesAdapter(emulator, await controls.createCase())
}

const init = () => ({ clientToken: crypto.randomUUID(), signal: new AbortController().signal })

describe('createCasesAdapter in Chromium', () => {
  it('runs every operation through a browser ConnectClient', async () => {
    expect(new URL(emulator).origin).not.toBe(location.origin)
    const adapter = await caseAdapter()
    const file = new File(['case file body'], 'case.pdf', { type: 'application/pdf' })
    const target = await uploadThroughXhr(adapter, file)
    const remote = await settledFile(adapter, target.id)
    expect(remote).toMatchObject({ status: 'approved', name: 'case.pdf', size: file.size })
    expect(await (await fetch(remote.download!.url)).text()).toBe('case file body')
    const listed = await adapter.getFiles([target.id])
    expect(listed.files.map((f) => f.id)).toEqual([target.id])
    expect((await adapter.loadLimits()).allowedExtensions).toContain('.pdf')
    await adapter.deleteFile(target.id)
    await expect(adapter.getFile(target.id)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('maps a service error with its reason in the browser', async () => {
    const adapter = await caseAdapter()
    const error = await adapter
      .startUpload({ name: 'run.exe', size: 3, type: 'application/octet-stream' }, init())
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'invalid-request',
      status: 400,
      reason: 'INVALID_FILE_TYPE',
    })
    await controls.setFault('GetAttachedFile', { status: 429 })
    await expect(adapter.getFile('any')).rejects.toMatchObject({ code: 'throttled', status: 429 })
  })
})
