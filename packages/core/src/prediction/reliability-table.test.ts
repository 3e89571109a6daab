import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { brierScore, rocAuc } from './classification-metrics.ts'
import { tableRecord } from './feature-record.ts'
import { prepareDataset } from './prediction-dataset.ts'
import {
  calibrateProbability,
  fitModelCalibrator,
  fitPlattCalibrator,
  IDENTITY_CALIBRATOR,
  reliabilityTable,
} from './reliability-table.ts'
import { seededRandom, syntheticLeads } from './synthetic-leads.fixture.ts'
import { predictRows, trainModel } from './trained-model.ts'

const within = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`)

describe('reliability table', () => {
  test('cuts twenty predictions into ten bands of two, lowest first', () => {
    // Given in reverse so the table has to sort; every second row converted, plus the two highest.
    const probabilities = Array.from({ length: 20 }, (_, i) => (20 - i) / 21)
    const labels = probabilities.map((_, i) => (i % 2 === 0 || i === 1 ? 1 : 0))
    const table = reliabilityTable(probabilities, labels)
    assert.deepEqual(
      table.map(({ band, count }) => [band, count]),
      Array.from({ length: 10 }, (_, i) => [i + 1, 2]),
    )
    assert.deepEqual(table[0], {
      band: 1,
      count: 2,
      lowestPredicted: 1 / 21,
      highestPredicted: 2 / 21,
      meanPredicted: 1.5 / 21,
      observedRate: 0.5,
    })
    within(table[9]!.meanPredicted, 19.5 / 21)
    assert.equal(table[9]!.observedRate, 1)
  })

  const cases: Array<{ rows: number; counts: number[] }> = [
    { rows: 25, counts: [2, 3, 2, 3, 2, 3, 2, 3, 2, 3] },
    // Fewer rows than bands: the empty bands are left out.
    { rows: 4, counts: [1, 1, 1, 1] },
    { rows: 0, counts: [] },
  ]
  for (const { rows, counts } of cases) {
    test(`${rows} rows make bands of ${counts.join(', ') || 'nothing'}`, () => {
      const random = seededRandom(rows)
      const probabilities = Array.from({ length: rows }, () => random())
      const table = reliabilityTable(
        probabilities,
        probabilities.map(() => 0),
      )
      assert.deepEqual(
        table.map((band) => band.count),
        counts,
      )
      for (let i = 1; i < table.length; i++)
        assert.ok(table[i]!.lowestPredicted >= table[i - 1]!.highestPredicted)
    })
  }
})

describe('Platt calibration', () => {
  // True probabilities q and outcomes drawn from them; the model's score is overconfident and too high,
  // σ(2.5·logit(q) + 1). The calibrator learns on one half and is judged on the other.
  const random = seededRandom(42)
  const truth = Array.from({ length: 6000 }, () => 1 / (1 + Math.exp(-(random() * 4 - 2))))
  const labels = truth.map((q) => (random() < q ? 1 : 0))
  const score = truth.map((q) => 1 / (1 + Math.exp(-(2.5 * Math.log(q / (1 - q)) + 1))))
  const fitted = fitPlattCalibrator(score.slice(0, 3000), labels.slice(0, 3000))
  const heldScore = score.slice(3000)
  const heldLabels = labels.slice(3000)
  const calibrated = heldScore.map((p) => calibrateProbability(fitted, p))

  test('recovers the distortion (slope ≈ 1 / 2.5, intercept ≈ −1 / 2.5)', () => {
    within(fitted.slope, 0.4, 0.05)
    within(fitted.intercept, -0.4, 0.1)
  })
  test('keeps the ranking: ROC AUC is unchanged', () => {
    assert.equal(rocAuc(calibrated, heldLabels), rocAuc(heldScore, heldLabels))
  })
  test('lowers the Brier score on rows it did not see', () => {
    const before = brierScore(heldScore, heldLabels)
    const after = brierScore(calibrated, heldLabels)
    assert.ok(after < before, `Brier ${before} → ${after}`)
  })
  test('leaves a calibrated score about as it is, and never raises its Brier score by more than noise', () => {
    const honest = fitPlattCalibrator(truth.slice(0, 3000), labels.slice(0, 3000))
    within(honest.slope, 1, 0.1)
    const after = brierScore(
      truth.slice(3000).map((p) => calibrateProbability(honest, p)),
      heldLabels,
    )
    assert.ok(after <= brierScore(truth.slice(3000), heldLabels) + 1e-3)
  })
  test('is plain data', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(fitted)), fitted)
  })
  test('falls back to the identity when the scores rank leads backwards', () => {
    const reversed = fitPlattCalibrator(
      score.map((p) => 1 - p),
      labels,
    )
    assert.deepEqual(reversed, IDENTITY_CALIBRATOR)
    assert.equal(calibrateProbability(reversed, 0.3), 0.3)
  })
})

describe('a model’s calibrator', () => {
  const table = syntheticLeads(1500, 8, 'mixed')
  const dataset = prepareDataset(table, { target: 'Converted' })
  const testRecords = Array.from(dataset.testRows, (row) => tableRecord(dataset.features, row))
  const testLabels = Array.from(dataset.testRows, (row) => dataset.labels[row]!)
  for (const name of ['logreg', 'hgb'] as const) {
    const calibrator = fitModelCalibrator(dataset, name)
    test(`${name}: learns from out-of-fold predictions of the training rows only`, () => {
      const changed = {
        header: table.header,
        rows: table.rows.map((row, i) =>
          i % 5 === 0 ? [...row.slice(0, -1), row.at(-1) === '1' ? '0' : '1'] : row,
        ),
      }
      assert.deepEqual(fitModelCalibrator(prepareDataset(changed, { target: 'Converted' }), name), calibrator)
    })
    test(`${name}: calibrated test-row scores rank as the raw ones and fill a reliability table`, () => {
      const raw = predictRows(trainModel(dataset, dataset.trainRows, name), testRecords)
      const shown = raw.map((p) => calibrateProbability(calibrator, p))
      assert.equal(rocAuc(shown, testLabels), rocAuc(raw, testLabels))
      const bands = reliabilityTable(shown, testLabels)
      assert.equal(bands.length, 10)
      assert.equal(
        bands.reduce((sum, band) => sum + band.count, 0),
        dataset.testRows.length,
      )
      // The top tenth converts far more often than the bottom tenth.
      assert.ok(bands[9]!.observedRate > bands[0]!.observedRate + 0.3)
    })
  }
})
