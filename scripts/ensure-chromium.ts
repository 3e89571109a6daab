// Makes sure Debian's Chromium is there for the end-to-end tests: `npm test` runs this first, so a fresh
// machine needs nothing installed by hand. Installs with apt-get when it can (root); otherwise says how.
// Usage: node scripts/ensure-chromium.ts
import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

if (!existsSync(CHROMIUM)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
  if (!canInstall) {
    console.error(
      `Chromium is missing at ${CHROMIUM}; the end-to-end tests need it: sudo apt-get install -y chromium`,
    )
  } else {
    console.log('Chromium is missing; installing it with apt-get (once)')
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  }
}
