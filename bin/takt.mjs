#!/usr/bin/env node
// Thin launcher: Node 24 runs the TypeScript sources directly (type stripping), so no build step is needed.
// The server's heap is sized here, as V8 takes it only on the command line. Left to its defaults on a big
// machine (an old space of up to a quarter of RAM), V8 let a server ingesting at full speed grow to 610 MB
// to hold ~150 MB of live objects; with a 1 GB old space it peaks near 310 MB (ingest bench), and 16 MB
// semi-spaces keep the young generation's collections cheap for the API (8 MB cost ~15 % of its throughput).
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { existsSync } from 'node:fs'
import serverNodeFlags from './server-node-flags.json' with { type: 'json' }

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const pinned = join(root, 'node_modules', 'node', 'bin', 'node')
const nodeBin = existsSync(pinned) ? pinned : process.execPath
const child = spawn(
  nodeBin,
  [...serverNodeFlags, join(root, 'packages/server/src/cli/takt.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
)
// A service manager stops the launcher: the server gets the signal and shuts down gracefully.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
child.once('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)))
