// Settings a running emulator takes over HTTP (and from Node), so that a page — the Storybook
// fault panel — can change the scan delay without a restart.
import { describe, expect, it } from 'vitest'
import { send, emulatorPerTest, uploadAttachedFile } from './emulator-helpers.js'

const t = emulatorPerTest({ scanDelayMs: 0 })

const putSettings = (body: object) =>
  send(
    'PUT',
    `${t.emu.url}/_emulator/settings`,
    { 'content-type': 'application/json', origin: 'http://localhost:6006' },
    Buffer.from(JSON.stringify(body)),
  )

const statusOf = (fileId: string | undefined) =>
  t.emu.attachments().find((entry) => entry.id === fileId)?.status

describe('PUT /_emulator/settings', () => {
  it('changes the scan delay of files completed afterwards; a pending scan keeps its own', async () => {
    const kase = t.emu.createCase()
    const changed = await putSettings({ scanDelayMs: 60_000 })
    expect(changed.status).toBe(200)
    expect(changed.headers['access-control-allow-origin']).toBe('http://localhost:6006')
    expect(JSON.parse(changed.text)).toEqual({ scanDelayMs: 60_000 })
    const slow = await uploadAttachedFile(t.connect, kase, Buffer.from('slow'), 'slow.txt')
    expect(statusOf(slow.FileId)).toBe('PROCESSING')

    await putSettings({ scanDelayMs: 0 })
    const fast = await uploadAttachedFile(t.connect, kase, Buffer.from('fast'), 'fast.txt')
    expect(statusOf(fast.FileId)).toBe('APPROVED')
    expect(statusOf(slow.FileId)).toBe('PROCESSING')
  })

  it('answers the current settings to GET, and the Node API agrees', async () => {
    t.emu.updateSettings({ scanDelayMs: 1500 })
    const got = await send('GET', `${t.emu.url}/_emulator/settings`)
    expect(JSON.parse(got.text)).toEqual({ scanDelayMs: 1500 })
    expect(t.emu.settings()).toEqual({ scanDelayMs: 1500 })
  })

  it('refuses unknown settings and values that are not non-negative numbers, changing nothing', async () => {
    for (const body of [{ scanDelay: 5 }, { scanDelayMs: -1 }, { scanDelayMs: '5' }]) {
      const refused = await putSettings(body)
      expect(refused.status).toBe(400)
      expect(refused.headers['x-amzn-errortype']).toBe('ValidationException')
    }
    expect(t.emu.settings()).toEqual({ scanDelayMs: 0 })
  })
})
