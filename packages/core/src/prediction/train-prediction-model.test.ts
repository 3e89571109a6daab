import assert from 'node:assert/strict'
import { test } from 'node:test'
import { evaluateDataset } from './evaluate-models.ts'
import { prepareDataset } from './prediction-dataset.ts'
import { predictRecord } from './trained-model.ts'
import { calibrateProbability } from './reliability-table.ts'
import { syntheticLeads } from './synthetic-leads.fixture.ts'
import { hasEnoughOutcomes, MIN_OUTCOMES_PER_CLASS, trainPrediction } from './train-prediction-model.ts'

const TASK = { target: 'Converted' }

test('a trained version holds the chosen model, its calibrator, reliability on the test rows and its strongest factor', () => {
  const table = syntheticLeads(3_000, 7)
  const clock = () => 0
  const { evaluation, artifact } = trainPrediction(table, TASK, clock)
  // The same figures the evaluation protocol gives for the same table.
  assert.deepEqual(evaluation, evaluateDataset(prepareDataset(table, TASK), clock).evaluation)
  assert.equal(artifact.model.kind, evaluation.chosen)
  assert.deepEqual(
    artifact.features,
    [...evaluation.features.numeric, ...evaluation.features.categorical].sort(
      (a, b) => table.header.indexOf(a) - table.header.indexOf(b),
    ),
  )
  // Reliability over exactly the test rows, in ten bands whose calibrated means follow the observed rates.
  assert.equal(
    artifact.reliability.reduce((sum, band) => sum + band.count, 0),
    evaluation.split.testRows,
  )
  assert.equal(artifact.reliability.length, 10)
  const testPositives = artifact.reliability.reduce((sum, band) => sum + band.observedRate * band.count, 0)
  assert.equal(Math.round(testPositives), evaluation.split.testPositives)
  const first = artifact.reliability[0]!
  const last = artifact.reliability.at(-1)!
  assert.ok(first.observedRate < last.observedRate, 'higher bands convert more')
  for (const band of artifact.reliability)
    assert.ok(Math.abs(band.meanPredicted - band.observedRate) < 0.12, `band ${band.band}`)
  // Conversion depends on the source alone: it weighs most.
  assert.equal(artifact.importance[0]!.feature, 'Lead Source')
  // Stored as plain data: the JSON round trip scores the same.
  const stored = JSON.parse(JSON.stringify(artifact)) as typeof artifact
  const lead = {
    'Lead Source': 'Reference',
    TotalVisits: 3,
    'Time On Website': 800,
    City: 'Pune',
    'Do Not Email': 'No',
  }
  assert.equal(
    calibrateProbability(stored.calibrator, predictRecord(stored.model, lead)),
    calibrateProbability(artifact.calibrator, predictRecord(artifact.model, lead)),
  )
})

test(`fewer than ${MIN_OUTCOMES_PER_CLASS} outcomes of either kind are not enough`, () => {
  assert.equal(hasEnoughOutcomes(MIN_OUTCOMES_PER_CLASS, MIN_OUTCOMES_PER_CLASS), true)
  assert.equal(hasEnoughOutcomes(MIN_OUTCOMES_PER_CLASS - 1, 5_000), false)
  assert.equal(hasEnoughOutcomes(5_000, MIN_OUTCOMES_PER_CLASS - 1), false)
})
