// The counting models are deterministic: on the X Education leads they must give EVALUATION.md's figures
// to the third decimal, which pins the CSV reader, the split, the column kinds, the binning and the metrics.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { averagePrecision, brierScore, logLoss, rocAuc } from './classification-metrics.ts'
import { COUNTING_MODELS } from './counting-models.ts'
import { prepareDataset } from './prediction-dataset.ts'
import { readCsvTable } from './read-csv-table.ts'
import { syntheticLeads } from './synthetic-leads.fixture.ts'
import { X_EDUCATION_TASK, xEducationCandidates } from './x-education.fixture.ts'

const candidates = xEducationCandidates(process.env.TAKT_SHARED_DATA)
const file = candidates.find((path) => existsSync(path))

// scikit-learn-free reference figures (EVALUATION.md): ROC AUC, AP, log loss, Brier.
const REFERENCE = {
  nb_laplace: [0.836, 0.802, 0.655, 0.17],
  odoo_pls: [0.821, 0.784, 0.513, 0.162],
} as const

if (file === undefined) {
  test('the counting models on the X Education leads', {
    skip: `the data set is not beside this checkout (looked for ${candidates.join(', ')})`,
  })
} else {
  const dataset = prepareDataset(readCsvTable(readFileSync(file, 'utf8')), X_EDUCATION_TASK)
  const labels = Uint8Array.from(dataset.testRows, (row) => dataset.labels[row]!)
  for (const [name, expected] of Object.entries(REFERENCE) as Array<
    [keyof typeof REFERENCE, readonly number[]]
  >) {
    test(`${name} gives the reference figures on the X Education test rows`, () => {
      const scores = COUNTING_MODELS[name](dataset, dataset.trainRows)(dataset.testRows)
      const figures = [rocAuc, averagePrecision, logLoss, brierScore].map((metric) =>
        Number(metric(scores, labels).toFixed(3)),
      )
      assert.deepEqual(figures, expected)
    })
  }
}

test('both rank a synthetic history whose conversion follows one field', () => {
  const dataset = prepareDataset(syntheticLeads(2_000, 11), { target: 'Converted' })
  const labels = Uint8Array.from(dataset.testRows, (row) => dataset.labels[row]!)
  for (const fit of Object.values(COUNTING_MODELS)) {
    const scores = fit(dataset, dataset.trainRows)(dataset.testRows)
    assert.ok(scores.every((score) => score > 0 && score < 1))
    assert.ok(rocAuc(scores, labels) > 0.75)
  }
})
