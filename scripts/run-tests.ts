// Runs every *.test.ts with node:test and ends with the plain "N passed, N failed" line CI reads.
// Usage: node scripts/run-tests.ts [path-filter ...]
import { run } from 'node:test'
import { spec } from 'node:test/reporters'
import { globSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import {
  PGLITE_TEMPLATE_ENV,
  POSTGRES_TEMPLATE_ENV,
  preparePGliteTemplate,
  preparePostgresTemplate,
} from '../packages/server/src/testing/database-templates.ts'

const filters = process.argv.slice(2)
// Each file's seconds in an earlier whole run. The longest files start first, so the run does not end
// with one long file on one core while the others idle (it did: 10 minutes of fuzz at the end of a
// 23-minute run). Files not listed yet start last, in name order; TAKT_TEST_RECORD=1 on a whole run
// writes the list anew (commit it when the slowest files change).
const DURATIONS_FILE = 'scripts/test-durations.json'
const recorded = readDurations()
const files = globSync(['packages/*/src/**/*.test.ts', 'packages/*/e2e/**/*.test.ts'], {
  exclude: (name) => name.includes('node_modules'),
})
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()
  .sort((a, b) => (recorded[b] ?? 0) - (recorded[a] ?? 0))

function readDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>
  } catch {
    return {}
  }
}

// Every test process loads much the same modules: V8's compiled code is kept on disk and shared
// (about 1 s of each server test process's start is loading the app's modules, 0.6 s with the cache).
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? resolve('node_modules/.cache/takt/compile'),
}
// Migrated once here rather than in every test process; only the server's tests and e2e need them.
let dropPostgresTemplate = async () => {}
if (files.some((file) => file.startsWith('packages/server/') || file.startsWith('packages/web/e2e/'))) {
  env[PGLITE_TEMPLATE_ENV] = await preparePGliteTemplate()
  if (process.env.DATABASE_URL) {
    const template = await preparePostgresTemplate(process.env.DATABASE_URL)
    env[POSTGRES_TEMPLATE_ENV] = template.name
    dropPostgresTemplate = template.drop
    // Ctrl-C ends the test processes too; the template goes with them (a killed run's is dropped later).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void dropPostgresTemplate().finally(() => process.exit(130))
      })
    }
  }
}

let passed = 0
let failed = 0
// Test processes wait on PostgreSQL and Chromium much of the time, so a few more than the cores keep
// them busy; TAKT_TEST_CONCURRENCY overrides (1 to debug one file at a time).
const concurrency = Number(process.env.TAKT_TEST_CONCURRENCY) || availableParallelism() + 1
const stream = run({ files, concurrency: Math.max(2, concurrency), isolation: 'process', env })
stream.on('test:pass', (event) => {
  if (event.details.type !== 'suite' && !event.skip && !event.todo) passed++
})
stream.on('test:fail', (event) => {
  if (event.details.type !== 'suite') failed++
})
// Each file's time with its process start, so the slowest files are named at the end (TAKT_TEST_SLOWEST
// of them, 12 unless set): the suite stays fast only if someone sees what makes it slow. The runner completes a test named by the file for it.
const fileSeconds = new Map<string, number>()
stream.on('test:complete', (event) => {
  if (event.nesting === 0 && event.file?.endsWith(event.name))
    fileSeconds.set(event.name, event.details.duration_ms / 1000)
})
stream.compose(spec).pipe(process.stdout)
stream.on('end', () => {
  // Printed after the reporter has flushed, so it is the last line.
  setImmediate(() => {
    void dropPostgresTemplate()
      // A template left behind only takes space; the next run drops it once it is stale.
      .catch((error: unknown) =>
        process.stderr.write(`could not drop the template database: ${String(error)}\n`),
      )
      .finally(() => {
        const slowest = [...fileSeconds]
          .sort((a, b) => b[1] - a[1])
          .slice(0, Number(process.env.TAKT_TEST_SLOWEST) || 12)
        process.stdout.write(`\nslowest files (seconds, with the process start):\n`)
        for (const [file, seconds] of slowest)
          process.stdout.write(`${seconds.toFixed(1).padStart(7)}  ${file}\n`)
        if (process.env.TAKT_TEST_RECORD === '1' && filters.length === 0) {
          const byFile = Object.fromEntries(
            [...fileSeconds].sort(([a], [b]) => a.localeCompare(b)).map(([file, s]) => [file, Math.round(s)]),
          )
          writeFileSync(DURATIONS_FILE, `${JSON.stringify(byFile, null, 2)}\n`)
        }
        process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
        process.exitCode = failed > 0 || passed === 0 ? 1 : 0
      })
  })
})
