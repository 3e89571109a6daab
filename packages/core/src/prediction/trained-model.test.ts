import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import type { BoostingModel } from './boosting-model.ts'
import { tableRecord } from './feature-record.ts'
import { explainRecord } from './model-explanation.ts'
import { prepareDataset, type PredictionDataset } from './prediction-dataset.ts'
import { PREDICTION_MODELS, type ModelName } from './prediction-models.ts'
import { readCsvTable } from './read-csv-table.ts'
import { seededRandom, syntheticLeads } from './synthetic-leads.fixture.ts'
import { modelFeatures, predictRecord, predictRows, trainModel, type TrainedModel } from './trained-model.ts'
import { X_EDUCATION_TASK, xEducationCandidates } from './x-education.fixture.ts'
import { isDomainError } from '../errors.ts'

const MODELS: ModelName[] = ['logreg', 'hgb']

/** The stored model's test-row probabilities against the evaluation path's, on the same training rows. */
function largestDifference(dataset: PredictionDataset, model: TrainedModel, name: ModelName): number {
  const evaluated = PREDICTION_MODELS[name](dataset, dataset.trainRows)(dataset.testRows)
  const stored = predictRows(
    model,
    Array.from(dataset.testRows, (row) => tableRecord(dataset.features, row)),
  )
  return stored.reduce((max, p, i) => Math.max(max, Math.abs(p - evaluated[i]!)), 0)
}

/** Only what JSON keeps: no typed arrays, Maps, functions, undefined or non-finite numbers. */
function assertPlainJson(value: unknown, at = 'model'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return
  if (typeof value === 'number') return assert.ok(Number.isFinite(value), `${at} is ${value}`)
  assert.equal(typeof value, 'object', `${at} is a ${typeof value}`)
  const prototype = Object.getPrototypeOf(value)
  assert.ok(prototype === Array.prototype || prototype === Object.prototype, `${at} is not plain`)
  for (const [key, inner] of Object.entries(value as object)) assertPlainJson(inner, `${at}.${key}`)
}

describe('a trained model as plain data', () => {
  for (const signal of ['source', 'mixed'] as const) {
    const dataset = prepareDataset(syntheticLeads(1500, 7, signal), { target: 'Converted' })
    for (const name of MODELS) {
      const model = trainModel(dataset, dataset.trainRows, name)
      test(`${name} scores records as the evaluation scores the rows (${signal} signal)`, () => {
        const difference = largestDifference(dataset, model, name)
        assert.ok(difference <= 1e-12, `largest difference ${difference}`)
      })
      test(`${name} survives JSON unchanged (${signal} signal)`, () => {
        assertPlainJson(model)
        const text = JSON.stringify(model)
        const restored = JSON.parse(text) as TrainedModel
        assert.equal(JSON.stringify(restored), text)
        const records = Array.from(dataset.testRows, (row) => tableRecord(dataset.features, row))
        assert.deepEqual(predictRows(restored, records), predictRows(model, records))
      })
    }
  }

  test('names the features it reads, in the table’s order', () => {
    const dataset = prepareDataset(syntheticLeads(300, 1), { target: 'Converted' })
    for (const name of MODELS) {
      assert.deepEqual(modelFeatures(trainModel(dataset, dataset.trainRows, name)), [
        'Lead Source',
        'TotalVisits',
        'Time On Website',
        'City',
        'Do Not Email',
      ])
    }
  })
})

describe('reading a new record', () => {
  const dataset = prepareDataset(syntheticLeads(1500, 11, 'mixed'), { target: 'Converted' })
  const models = MODELS.map((name) => trainModel(dataset, dataset.trainRows, name))

  for (const model of models) {
    test(`${model.kind}: numbers, null, undefined, NaN and an absent key read as the table’s cells`, () => {
      const asCells = { 'Lead Source': 'Google', TotalVisits: '', 'Time On Website': '1250', City: '' }
      const typed = [
        { 'Lead Source': 'Google', TotalVisits: null, 'Time On Website': 1250, City: undefined },
        { 'Lead Source': 'Google', TotalVisits: Number.NaN, 'Time On Website': 1250 },
      ]
      for (const record of typed) assert.equal(predictRecord(model, record), predictRecord(model, asCells))
    })
    test(`${model.kind}: an unseen category and unknown keys still score`, () => {
      const p = predictRecord(model, { 'Lead Source': 'Carrier Pigeon', Shoe: 'red', constructor: 'x' })
      assert.ok(p > 0 && p < 1)
    })
    test(`${model.kind}: a numeric feature given text is refused, naming the feature`, () => {
      assert.throws(
        () => predictRecord(model, { TotalVisits: '12 visits' }),
        (error) =>
          isDomainError(error) &&
          error.code === 'PREDICTION_INPUT_INVALID' &&
          /TotalVisits/.test(error.message),
      )
    })
  }

  test('training reads only the training rows', () => {
    // Test rows with other labels and other cells must give the very same stored model.
    const table = syntheticLeads(1500, 11, 'mixed')
    const changed = {
      header: table.header,
      rows: table.rows.map((row, i) => (i % 5 === 0 ? ['Reference', '99', '5', 'Berlin', 'Yes', '0'] : row)),
    }
    const other = prepareDataset(changed, { target: 'Converted' })
    for (const model of models) {
      assert.equal(JSON.stringify(trainModel(other, other.trainRows, model.kind)), JSON.stringify(model))
    }
  })

  test('a table with one column name twice is refused', () => {
    const table = {
      header: ['City', 'City', 'Converted'],
      rows: [
        ['a', 'b', '1'],
        ['c', 'd', '0'],
      ],
    }
    const twice = prepareDataset(
      { header: table.header, rows: [...table.rows, ...table.rows, ...table.rows] },
      {
        target: 'Converted',
      },
    )
    assert.throws(() => trainModel(twice, twice.trainRows, 'logreg'), /"City" appears twice/)
  })
})

test('a categorical column with more than 255 categories bins the rare ones together, as training did', () => {
  // Beyond 254 codes the rarest categories share an "other" bin, and an unseen category joins it.
  const random = seededRandom(5)
  const header = ['Campaign', 'Converted']
  const rows = Array.from({ length: 4000 }, () => {
    const code = Math.floor(random() ** 2 * 400)
    return [random() < 0.05 ? '' : `c${code}`, random() < (code < 40 ? 0.7 : 0.2) ? '1' : '0']
  })
  const dataset = prepareDataset({ header, rows }, { target: 'Converted' })
  const model = trainModel(dataset, dataset.trainRows, 'hgb') as BoostingModel
  const campaign = model.features[0]!
  assert.ok(
    campaign.kind === 'categorical' && campaign.otherBin === 254 && campaign.categories.length === 254,
  )
  assert.ok(largestDifference(dataset, model, 'hgb') <= 1e-12)
  const unseen = predictRecord(model, { Campaign: 'never seen' })
  const rare = dataset.features[0]!.cells.find((cell) => cell !== '' && !campaign.categories.includes(cell))!
  assert.equal(unseen, predictRecord(model, { Campaign: rare }))
})

// The public X Education leads (shared/data/README.md), read where evaluate-models.test.ts reads them.
const candidates = xEducationCandidates(process.env.TAKT_SHARED_DATA)
const file = candidates.find((path) => existsSync(path))
const { drop } = X_EDUCATION_TASK

if (file === undefined) {
  test('stored models on the X Education leads', {
    skip: `the data set is not beside this checkout (looked for ${candidates.join(', ')})`,
  })
} else {
  const csv = readFileSync(file, 'utf8')
  describe('stored models on the X Education leads', () => {
    const dataset = prepareDataset(readCsvTable(csv), { target: 'Converted', drop })
    for (const name of MODELS) {
      test(`${name} gives the evaluation’s test-row probabilities, and explanations that add up`, () => {
        const model = trainModel(dataset, dataset.trainRows, name)
        const difference = largestDifference(dataset, model, name)
        assert.ok(difference <= 1e-12, `largest difference ${difference}`)
        const restored = JSON.parse(JSON.stringify(model)) as TrainedModel
        const record = tableRecord(dataset.features, dataset.testRows[0]!)
        assert.equal(predictRecord(restored, record), predictRecord(model, record))
        // Its explanations add up on real leads too (25 features, deeper paths than the synthetic ones).
        for (const row of dataset.testRows.subarray(0, 300)) {
          const { baseValue, logOdds, contributions } = explainRecord(
            model,
            tableRecord(dataset.features, row),
          )
          const sum = contributions.reduce((total, { contribution }) => total + contribution, baseValue)
          assert.ok(Math.abs(sum - logOdds) <= 1e-9, `row ${row}: ${sum} ≠ ${logOdds}`)
        }
      })
    }
  })
}
