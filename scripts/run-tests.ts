// Runs every *.test.ts with node:test and ends with the plain "N passed, N failed" line CI reads.
// Usage: node scripts/run-tests.ts [path-filter ...]
import { run } from 'node:test'
import { spec } from 'node:test/reporters'
import { globSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import {
  PGLITE_TEMPLATE_ENV,
  POSTGRES_TEMPLATE_ENV,
  preparePGliteTemplate,
  preparePostgresTemplate,
} from '../packages/server/src/testing/database-templates.ts'

const filters = process.argv.slice(2)
const files = globSync(['packages/*/src/**/*.test.ts', 'packages/*/e2e/**/*.test.ts'], {
  exclude: (name) => name.includes('node_modules'),
})
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()

// Migrated once here rather than in every test process; only the server's tests and e2e need them.
const env: NodeJS.ProcessEnv = { ...process.env }
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
const stream = run({ files, concurrency: Math.max(2, availableParallelism()), isolation: 'process', env })
stream.on('test:pass', (event) => {
  if (event.details.type !== 'suite' && !event.skip && !event.todo) passed++
})
stream.on('test:fail', (event) => {
  if (event.details.type !== 'suite') failed++
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
        process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
        process.exitCode = failed > 0 || passed === 0 ? 1 : 0
      })
  })
})
