// `takt report` as an operator runs it: a real process over a PGlite data folder with a little history,
// so the flags, exit codes, the JSON the issue names, the CSV and the table are what is tested.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { seedTestWorkspace } from '../testing/test-app.ts'
import { staffWithTestReps } from '../testing/staffed-agreement.ts'
import { handRaiser } from '../testing/hand-raiser.ts'
import { DEMO_AGREEMENT_PATH } from '../demo/seed-demo-workspace.ts'
import { ingestBatch } from '../services/ingest-batch.ts'
import { runTakt } from '../testing/run-takt.ts'

const SLUG = 'acme'
const PERIOD = ['--from', '2025-03-01', '--to', '2025-03-31']

describe('takt report over a PGlite data folder', () => {
  let folder: string
  let env: Record<string, string>

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'takt-report-'))
    env = { TAKT_DATA_DIR: join(folder, 'data') }
    const text = staffWithTestReps(await readFile(DEMO_AGREEMENT_PATH, 'utf8'), 25)
    const database = await openDatabase({ dataDir: env.TAKT_DATA_DIR })
    try {
      await migrateToLatest(database.db)
      const { id } = await seedTestWorkspace(database.db, SLUG, {
        agreement: { text, format: 'yaml' },
        at: new Date('2025-01-01T00:00:00Z'),
      })
      // Two hand-raisers in March, one in February (outside the period).
      for (const [key, email, at] of [
        ['a', 'anna@alpha-werk.de', '2025-03-03T09:00:00Z'],
        ['b', 'bernd@beta-bau.de', '2025-03-12T09:00:00Z'],
        ['c', 'clara@gamma-guss.de', '2025-02-12T09:00:00Z'],
      ] as const) {
        await ingestBatch(
          database.db,
          id,
          { type: 'api_key', id: null },
          [handRaiser(key, email, { occurredAt: at })],
          new Date(at),
        )
      }
    } finally {
      await database.close()
    }
  })

  after(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  test('--json prints the funnel with the period, the view and the stage entries', async () => {
    const run = await runTakt(['report', 'funnel', ...PERIOD, '--view', 'flow', '--json'], env)
    assert.equal(run.code, 0, run.stderr)
    const report = JSON.parse(run.stdout)
    assert.deepEqual(report.period, { from: '2025-03-01', to: '2025-03-31', timezone: 'Europe/Berlin' })
    assert.equal(report.view, 'flow')
    assert.deepEqual(
      report.stages.map((stage: { stage: string; entered: number }) => [stage.stage, stage.entered]),
      [
        ['lead', 2],
        ['mql', 2],
        ['sal', 0],
        ['sql', 0],
        ['opportunity', 0],
        ['customer', 0],
      ],
    )
  })

  test('prints a table by default and CSV with --csv', async () => {
    const table = await runTakt(['report', 'sources', ...PERIOD, '--workspace', SLUG], env)
    assert.equal(table.code, 0, table.stderr)
    assert.match(table.stdout, /^source\s+leads\s+mqls/)
    assert.match(table.stdout, /\nwebsite\s+2\s+2\s+0\s+0\s+1\s+0\s+0\s+0\s+n\/a\n$/)
    const csv = await runTakt(['report', 'funnel', ...PERIOD, '--view', 'cohort', '--csv'], env)
    assert.equal(csv.code, 0, csv.stderr)
    assert.match(
      csv.stdout,
      /^stage,entered,conversion_from_previous,conversion_from_first,median_days\r\nlead,2,,,0\r\nmql,2,1,1,0\r\n/,
    )
  })

  test('refuses an unknown report, an unknown grouping and a reversed period with exit code 2', async () => {
    const unknown = await runTakt(['report', 'pipeline', ...PERIOD], env)
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /REPORT_NOT_FOUND/)
    const grouping = await runTakt(['report', 'funnel', ...PERIOD, '--by', 'colour'], env)
    assert.equal(grouping.code, 2)
    assert.match(grouping.stderr, /REPORT_QUERY_INVALID: .*"colour"/)
    const reversed = await runTakt(['report', 'funnel', '--from', '2025-03-31', '--to', '2025-03-01'], env)
    assert.equal(reversed.code, 2)
    assert.match(reversed.stderr, /REPORT_QUERY_INVALID: The period is empty/)
  })
})
