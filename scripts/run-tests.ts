// Runs every *.test.ts with node:test and ends with the plain "N passed, N failed" line CI reads.
// Usage: node scripts/run-tests.ts [path-filter ...]
import { run } from 'node:test'
import { spec } from 'node:test/reporters'
import { globSync } from 'node:fs'
import { availableParallelism } from 'node:os'

const filters = process.argv.slice(2)
const files = globSync(['packages/*/src/**/*.test.ts', 'packages/*/e2e/**/*.test.ts'], {
  exclude: (name) => name.includes('node_modules'),
})
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()

let passed = 0
let failed = 0
const stream = run({ files, concurrency: Math.max(2, availableParallelism()), isolation: 'process' })
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
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0
  })
})
