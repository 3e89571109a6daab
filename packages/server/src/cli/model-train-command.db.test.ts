// `takt model train` as an operator runs it: a real process over a PGlite data folder. A CRM export is
// trained and stored as a version of the workspace; a file the models cannot learn from is refused with a
// clear message and stores nothing; the workspace's own outcomes, too few yet, are said to be too few.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { seedTestWorkspace } from '../testing/test-app.ts'
import { DEMO_AGREEMENT_PATH } from '../demo/seed-demo-workspace.ts'
import { runTakt } from '../testing/run-takt.ts'

const SLUG = 'acme'

describe('takt model train over a PGlite data folder', () => {
  let folder: string
  let env: Record<string, string>
  const file = (name: string) => join(folder, name)

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'takt-train-'))
    env = { TAKT_DATA_DIR: join(folder, 'data') }
    const database = await openDatabase({ dataDir: env.TAKT_DATA_DIR })
    try {
      await migrateToLatest(database.db)
      await seedTestWorkspace(database.db, SLUG, {
        agreement: { text: await readFile(DEMO_AGREEMENT_PATH, 'utf8'), format: 'yaml' },
        at: new Date('2025-01-01T00:00:00Z'),
      })
    } finally {
      await database.close()
    }
    // Referrals mostly win, fairs mostly not; a free-text column, an empty one and a Latin-1 copy beside.
    const rows = ['Lead ID;Source;Visits;Note;Empty;Won']
    for (let i = 0; i < 3_000; i++) {
      const source = ['Referral', 'Fair', 'Web'][i % 3]!
      const won = source === 'Referral' ? i % 7 !== 0 : source === 'Fair' ? i % 9 === 0 : i % 4 === 1
      rows.push(`L-${i};${source};${i % 6};note ${i % 1_500};;${won ? 'Yes' : 'No'}`)
    }
    await writeFile(file('export.csv'), `${rows.join('\n')}\n`)
    await writeFile(file('latin1.csv'), Buffer.from('Source;Won\nM\xfcnchen;Yes\nK\xf6ln;No\n', 'latin1'))
  })
  after(async () => rm(folder, { recursive: true, force: true }))

  const versions = async () => {
    const database = await openDatabase({ dataDir: env.TAKT_DATA_DIR })
    try {
      return await database.db
        .selectFrom('prediction_models')
        .select(['version', 'status', 'source'])
        .orderBy('version')
        .execute()
    } finally {
      await database.close()
    }
  }

  test('a file the models cannot learn from is refused with what to do, and nothing is stored', async () => {
    const train = (...args: string[]) =>
      runTakt(['model', 'train', '--workspace', SLUG, '--target', 'Won', '--positive', 'Yes', ...args], env)
    const empty = await train('--csv', file('export.csv'), '--drop', 'Note')
    assert.deepEqual([empty.code, empty.stdout], [2, ''])
    assert.equal(
      empty.stderr.trim(),
      'PREDICTION_INPUT_INVALID: The column "Empty" is empty in every training row. Leave it out with --drop.',
    )
    const freeText = await train('--csv', file('export.csv'), '--drop', 'Empty')
    assert.equal(freeText.code, 2)
    assert.match(
      freeText.stderr,
      /^PREDICTION_INPUT_INVALID: The column "Note" has 1200 different values, more than 1000/,
    )
    const latin1 = await train('--csv', file('latin1.csv'))
    assert.equal(latin1.code, 2)
    assert.match(latin1.stderr, /^PREDICTION_INPUT_INVALID: The file is not UTF-8 \(line 2\)/)
    const noTarget = await runTakt(
      ['model', 'train', '--workspace', SLUG, '--csv', file('export.csv'), '--target', 'Revenue'],
      env,
    )
    assert.equal(noTarget.code, 2)
    assert.match(noTarget.stderr, /The target column "Revenue" is not in the header/)
    assert.deepEqual(await versions(), [])
  })

  test('a CRM export is trained and stored as a version, kept with its figures', async () => {
    const run = await runTakt(
      [
        'model',
        'train',
        '--workspace',
        SLUG,
        '--csv',
        file('export.csv'),
        '--target',
        'Won',
        '--positive',
        'Yes',
        '--drop',
        'Note,Empty',
        '--json',
      ],
      env,
    )
    assert.equal(run.code, 0, run.stderr)
    const stored = JSON.parse(run.stdout)
    assert.deepEqual(
      [stored.version, stored.status, stored.source, stored.target],
      [1, 'completed', 'csv', 'Won'],
    )
    assert.deepEqual(stored.figures.features.ids, ['Lead ID'])
    for (const model of stored.figures.models) assert.ok(model.rocAuc > 0.75, JSON.stringify(model))
    assert.equal(stored.outcomes.positives + stored.outcomes.negatives, 3_000)
    assert.deepEqual(await versions(), [{ version: 1, status: 'completed', source: 'csv' }])
  })

  test("the workspace's own outcomes, none yet, are said to be too few; the version records it", async () => {
    const run = await runTakt(['model', 'train', '--workspace', SLUG], env)
    assert.equal(run.code, 0, run.stderr)
    assert.match(
      run.stdout,
      /^model version 2: not enough outcomes to learn from \(0 positive, 0 negative outcomes; 200 of each needed\)/,
    )
    assert.deepEqual((await versions()).at(-1), { version: 2, status: 'insufficient', source: 'workspace' })
    const bad = await runTakt(['model', 'train', '--workspace', SLUG, '--target', 'won'], env)
    assert.deepEqual(
      [bad.code, bad.stderr.trim()],
      [2, "--target for the workspace's outcomes is one of sql, customer."],
    )
  })
})
