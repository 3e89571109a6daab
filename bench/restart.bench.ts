// Restart time: from process start to the first 200 on /readyz, after a SIGKILL, with and without the
// demo workspace, on PGlite (and PostgreSQL when DATABASE_URL is set). The baseline, measured in the
// same run, is a bare `node -e` start: what no change to Takt can remove. Usage: npm run bench
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { freePort } from '../packages/server/src/testing/server-process.ts'
import { recordResults } from './results.ts'

const TAKT = fileURLToPath(new URL('../packages/server/src/cli/takt.ts', import.meta.url))
const RUNS = 3

type Start = { ms: number; phases: Record<string, number> }

async function timeStart(
  env: Record<string, string>,
  demo: boolean,
): Promise<Start & { kill: () => Promise<void> }> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [TAKT, 'serve', ...(demo ? [] : ['--no-demo'])], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  for (;;) {
    if (child.exitCode !== null) throw new Error(`takt serve ended:\n${output}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const ms = performance.now() - started
  const line = output.split('\n').find((text) => text.includes('"msg":"started"'))
  const phases = line ? ((JSON.parse(line) as { phases: Record<string, number> }).phases ?? {}) : {}
  return {
    ms,
    phases,
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}

async function baselineMs(): Promise<number> {
  const started = performance.now()
  await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve))
  return performance.now() - started
}

/** The first start creates the data (and the demo); each later start follows a SIGKILL of the previous. */
async function restarts(env: Record<string, string>, demo: boolean) {
  const first = await timeStart(env, demo)
  await first.kill()
  const runs: Start[] = []
  for (let run = 0; run < RUNS; run++) {
    const start = await timeStart(env, demo)
    await start.kill()
    runs.push({ ms: start.ms, phases: start.phases })
  }
  runs.sort((a, b) => a.ms - b.ms)
  const median = runs[Math.floor(runs.length / 2)]!
  return { firstStartMs: Math.round(first.ms), restartMs: Math.round(median.ms), phases: median.phases }
}

const baseline = await baselineMs()
const results: Record<string, unknown> = { nodeStartMs: Math.round(baseline) }
for (const demo of [false, true]) {
  const dataDir = await mkdtemp(join(tmpdir(), 'takt-bench-restart-'))
  try {
    results[`pglite${demo ? 'Demo' : 'Empty'}`] = await restarts({ TAKT_DATA_DIR: dataDir }, demo)
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
if (process.env.DATABASE_URL) {
  for (const demo of [false, true]) {
    const name = `takt_bench_restart_${Date.now().toString(36)}`
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    try {
      results[`postgres${demo ? 'Demo' : 'Empty'}`] = await restarts({ DATABASE_URL: url.toString() }, demo)
    } finally {
      await admin.query(`drop database ${name} with (force)`)
      await admin.end()
    }
  }
}

console.log(`node start (baseline):   ${Math.round(baseline)} ms`)
for (const [name, value] of Object.entries(results)) {
  if (typeof value !== 'object' || value === null) continue
  const figures = value as { firstStartMs: number; restartMs: number; phases: Record<string, number> }
  const phases = Object.entries(figures.phases)
    .map(([phase, ms]) => `${phase} ${ms}`)
    .join(', ')
  console.log(
    `${name.padEnd(14)} restart after SIGKILL ${figures.restartMs} ms (${(figures.restartMs / baseline).toFixed(1)}× node start; first start ${figures.firstStartMs} ms) — ${phases}`,
  )
}
await recordResults('restart', results)
