#!/usr/bin/env node
// Thin launcher: Node 24 runs the TypeScript sources directly (type stripping), so no build step is needed.
// The server's heap is sized here, as V8 takes it only on the command line. Left to its defaults on a big
// machine (an old space of up to a quarter of RAM, large young generation), V8 let a server ingesting at
// full speed grow to 610 MB to hold ~150 MB of live objects; with these limits it peaks near 300 MB at the
// same throughput (ingest bench), and 1 GB of old space leaves room for the largest operations.
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
