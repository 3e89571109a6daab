// Builds the web app into packages/web/dist when its sources are newer than the last build, so that
// `npm install && npm start` serves a current UI without a separate build command.
// Usage: node scripts/build-web.ts [--force]
import { existsSync, globSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const WEB = fileURLToPath(new URL('../packages/web/', import.meta.url))
const BUILT = join(WEB, 'dist', 'index.html')

function newestSource(): number {
  const sources = globSync(['src/**/*', 'index.html', 'vite.config.ts'], { cwd: WEB }).filter(
    (file) => !file.endsWith('.test.ts'),
  )
  return Math.max(...sources.map((file) => statSync(join(WEB, file)).mtimeMs))
}

/** Builds unless the last build is newer than every source; returns whether it built. */
export async function ensureWebBuild(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource()) return false
  const { build } = await import('vite')
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' })
  return true
}

if (import.meta.main) {
  const built = await ensureWebBuild({ force: process.argv.includes('--force') })
  if (!built) console.log('web app is up to date (packages/web/dist)')
}
