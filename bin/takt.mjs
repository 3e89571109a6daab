#!/usr/bin/env node
// Thin launcher: Node 24 runs the TypeScript sources directly (type stripping), so no build step is needed.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { existsSync } from 'node:fs'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const pinned = join(root, 'node_modules', 'node', 'bin', 'node')
const nodeBin = existsSync(pinned) ? pinned : process.execPath
const result = spawnSync(nodeBin, [join(root, 'packages/server/src/cli/takt.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
