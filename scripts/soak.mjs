// `npm run soak` (not part of `npm test`): 200 files of mixed sizes through UploadList in Chromium
// against the emulator, with seeded random faults on every kind of call (test/upload.soak.tsx).
// It prints a summary table and fails when a file is unaccounted for, duplicated or corrupted, or
// when the run passes its time bound. The faults come from a seeded generator (SEED in the file), so a run can be repeated.
import { spawn } from 'node:child_process'

const child = spawn(
  'npx',
  ['vitest', 'run', '--project', 'browser', 'test/upload.soak.tsx', '--testTimeout', '300000'],
  { stdio: 'inherit', env: { ...process.env, CONNECT_ATTACHMENTS_SOAK: '1' } },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
