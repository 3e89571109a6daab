// `takt backtest` as an operator runs it: a real process over a PGlite data folder holding a workspace
// with recorded history, so flags, exit codes, the JSON shape and the table are what is tested.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { seedTestWorkspace } from '../testing/test-app.ts'
import { staffWithTestReps } from '../testing/staffed-agreement.ts'
import { handRaiser } from '../testing/hand-raiser.ts'
import { DEMO_AGREEMENT_PATH } from '../demo/seed-demo-workspace.ts'
import { ingestBatch } from '../services/ingest-batch.ts'
import type { BacktestReport } from '#core/backtest/backtest-report.ts'
import { runTakt } from '../testing/run-takt.ts'

const SLUG = 'acme'

describe('takt backtest over a PGlite data folder', () => {
  let folder: string
  let env: Record<string, string>
  let agreementFile: string
  const period = ['--from', '2025-03-01', '--to', '2025-03-31']

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'takt-backtest-'))
    env = { TAKT_DATA_DIR: join(folder, 'data') }
    const text = staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25).replaceAll(
      '@acme.test',
      `@${SLUG}.test`,
    )
    // The candidate sends no demo request on a thin profile: fit 40 instead of 20 next to the hand-raise.
    agreementFile = join(folder, 'candidate.yaml')
    await writeFile(agreementFile, text.replace('- { score: fit, gte: 20 }', '- { score: fit, gte: 40 }'))
    const database = await openDatabase({ dataDir: env.TAKT_DATA_DIR })
    try {
      await migrateToLatest(database.db)
      const { id } = await seedTestWorkspace(database.db, SLUG, {
        agreement: { text, format: 'yaml' },
        at: new Date('2025-01-01T00:00:00Z'),
      })
      // In March 2025, as the history lies in the past whatever day the test runs on.
      const events = [
        handRaiser('a', 'anna@alpha-werk.de', { occurredAt: '2025-03-03T09:00:00Z' }),
        handRaiser('b', 'bernd@beta-bau.de', { occurredAt: '2025-03-12T09:00:00Z' }),
        // A thin profile (no title, 30 employees: fit 20): MQL now, not under the candidate.
        {
          ...handRaiser('c', 'clara@gamma-guss.de', { occurredAt: '2025-03-19T09:00:00Z' }),
          lead: {
            email: 'clara@gamma-guss.de',
            company: { domain: 'gamma-guss.de', industry: 'maschinenbau', employees: 30, country: 'DE' },
          },
        },
      ]
      for (const event of events) {
        await ingestBatch(
          database.db,
          id,
          { type: 'api_key', id: null },
          [event],
          new Date('2025-03-20T00:00:00Z'),
        )
      }
    } finally {
      await database.close()
    }
  })

  after(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  test('--json prints one report object with the shape the issue names', async () => {
    const run = await runTakt(['backtest', '--agreement', agreementFile, ...period, '--json'], env)
    assert.equal(run.code, 0, run.stderr)
    const report = JSON.parse(run.stdout) as BacktestReport
    assert.deepEqual(report.period, { from: '2025-03-01', to: '2025-03-31', timezone: 'Europe/Berlin' })
    const versions = report.versions
    assert.deepEqual(
      versions.map((version) => [version.version, version.mqls]),
      [
        [null, 2],
        [1, 3],
      ],
    )
    // No lead went past MQL: precision and recall cannot be computed, and say so.
    assert.deepEqual(versions[0].precision, { sal: null, sql: null, opportunity: null, customer: null })
    assert.deepEqual(versions[0].recall, { sal: null, sql: null, opportunity: null, customer: null })
    assert.equal(versions[0].mqlsPerWeek.length, 6)
    assert.equal(report.changedLeads, 1)
  })

  test('prints a table without --json, and refuses a reversed period and an invalid file with exit code 2', async () => {
    const table = await runTakt(
      ['backtest', '--agreement', agreementFile, ...period, '--workspace', SLUG],
      env,
    )
    assert.equal(table.code, 0, table.stderr)
    assert.match(table.stdout, /candidate \(file\)\s+baseline \(v1\)/)
    assert.match(table.stdout, /MQLs\s+2\s+3/)
    assert.match(table.stdout, /precision sql\s+n\/a\s+n\/a/)

    const reversed = await runTakt(
      ['backtest', '--agreement', agreementFile, '--from', '2025-03-31', '--to', '2025-03-01'],
      env,
    )
    assert.equal(reversed.code, 2)
    assert.match(reversed.stderr, /BACKTEST_PERIOD_INVALID/)

    const broken = join(folder, 'broken.yaml')
    await writeFile(broken, 'name: Half an agreement\n')
    const invalid = await runTakt(['backtest', '--agreement', broken, ...period], env)
    assert.equal(invalid.code, 2)
    assert.match(invalid.stderr, /The agreement has \d+ error\(s\)/)
  })
})
