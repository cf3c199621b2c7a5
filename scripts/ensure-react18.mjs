// Installs React 18 for the react18 test project (test/react18) when it is missing or differs
// from that directory's lockfile. It lives apart from the root install because react-dom 18's
// peer range cannot be met next to the root's React 19.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const dir = resolve(import.meta.dirname, '..', 'test', 'react18')
const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'))

const installed = (name) => {
  const file = join(dir, 'node_modules', name, 'package.json')
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined
}
const stale = ['react', 'react-dom'].filter(
  (name) => installed(name) !== lock.packages[`node_modules/${name}`]?.version,
)
if (stale.length > 0) {
  console.log(`installing React 18 for the react18 tests (${stale.join(', ')} missing or stale)`)
  execFileSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: 'inherit',
  })
}
