// `takt model evaluate` as an operator runs it, on a small CRM export written here: a `;`-separated file
// whose outcome follows one column, with an ID column, a numeric column with gaps and a Yes/No target.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runTakt } from '../testing/run-takt.ts'

let folder: string
let csv: string

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'takt-model-'))
  csv = join(folder, 'export.csv')
  const rows = ['Lead ID;Source;Visits;Won']
  for (let i = 0; i < 400; i++) {
    // Referrals mostly win, fairs mostly not; visits (every value seen in training and test rows alike)
    // add a little and are missing now and then.
    const source = ['Referral', 'Fair', 'Web'][i % 3]!
    const won = source === 'Referral' ? i % 7 !== 0 : source === 'Fair' ? i % 9 === 0 : i % 4 === 1
    rows.push(`L-${i};${source};${i % 11 === 0 ? '' : i % 6};${won ? 'Yes' : 'No'}`)
  }
  await writeFile(csv, `${rows.join('\r\n')}\r\n`)
})
after(async () => rm(folder, { recursive: true, force: true }))

test('--json prints each model’s figures and the one chosen', async () => {
  const run = await runTakt(
    ['model', 'evaluate', '--csv', csv, '--target', 'Won', '--positive', 'Yes', '--json'],
    {},
  )
  assert.equal(run.code, 0, run.stderr)
  const result = JSON.parse(run.stdout)
  assert.deepEqual(
    result.models.map((model: { name: string }) => model.name),
    ['logreg', 'hgb'],
  )
  for (const model of result.models) {
    for (const figure of ['rocAuc', 'averagePrecision', 'brier']) {
      assert.ok(model[figure] >= 0 && model[figure] <= 1, `${model.name} ${figure} ${model[figure]}`)
    }
    assert.ok(model.logLoss > 0 && model.trainSeconds >= 0)
    // The source decides most outcomes: both models rank far better than chance.
    assert.ok(model.rocAuc > 0.75, `${model.name} AUC ${model.rocAuc}`)
  }
  assert.ok(['logreg', 'hgb'].includes(result.chosen))
  // Rows 0, 5, 10, … are the test rows: 80 of 400.
  assert.deepEqual([result.split.trainRows, result.split.testRows], [320, 80])
})

test('a table without --json; an unknown column, one class only or no file is exit code 2', async () => {
  const table = await runTakt(['model', 'evaluate', '--csv', csv, '--target', 'Won', '--positive', 'Yes'], {})
  assert.equal(table.code, 0, table.stderr)
  assert.match(table.stdout, /^train 320 rows/)
  assert.match(table.stdout, /chosen by cross-validation on the training rows: (logreg|hgb)/)
  const unknown = await runTakt(['model', 'evaluate', '--csv', csv, '--target', 'Revenue'], {})
  assert.deepEqual(
    [unknown.code, unknown.stderr.trim()],
    [2, 'PREDICTION_INPUT_INVALID: The target column "Revenue" is not in the header.'],
  )
  const oneClass = await runTakt(
    ['model', 'evaluate', '--csv', csv, '--target', 'Won', '--positive', 'Maybe'],
    {},
  )
  assert.equal(oneClass.code, 2)
  assert.match(oneClass.stderr, /^PREDICTION_INPUT_INVALID: The training rows hold no positive "Won" values/)
  const missing = await runTakt(
    ['model', 'evaluate', '--csv', join(folder, 'nope.csv'), '--target', 'Won'],
    {},
  )
  assert.deepEqual([missing.code, missing.stdout], [2, ''])
  assert.match(missing.stderr, /^Cannot read .*nope\.csv: ENOENT/)
})
