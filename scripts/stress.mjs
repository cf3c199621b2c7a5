// `npm run test:stress`: runs `npm test` while two CPU-bound processes per core keep the machine
// busy, so a test that depends on wall-clock speed fails here rather than on a colleague's busy
// laptop. The burners are always ended (also when the tests fail or the run is interrupted), and
// the command exits with the tests' code. STRESS_COMMAND replaces `npm test` (to try the script).
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'

const burnerCount = 2 * availableParallelism()
const command = process.env.STRESS_COMMAND ?? 'npm test'

const burners = Array.from({ length: burnerCount }, () =>
  spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
)
console.log(`test:stress: ${burnerCount} CPU-bound processes beside \`${command}\``)

function stopBurners() {
  for (const burner of burners) if (burner.exitCode === null) burner.kill('SIGKILL')
}
process.on('exit', stopBurners)

// In its own process group, so that an interruption ends the whole tree (shell, npm, vitest).
const tests = spawn(command, { stdio: 'inherit', shell: true, detached: true })
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    try {
      process.kill(-tests.pid, signal)
    } catch {
      // already gone
    }
    stopBurners()
    process.exit(130)
  })
}
tests.on('exit', (code, signal) => {
  stopBurners()
  console.log(`test:stress: \`${command}\` ended with ${signal ?? `code ${code}`}`)
  process.exit(code ?? 1)
})
