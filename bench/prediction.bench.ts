// The predictive score's learning core on the public X Education leads (shared/data/EVALUATION.md): the
// fixed split (test iff row % 5 == 0), pre-handoff columns only, each model fitted on the training rows and
// scored on the test rows, and the model chosen by cross-validation on the training rows.
// Usage: node bench/prediction.bench.ts [--file ../shared/data/leads-x-education.csv]
import { fileURLToPath } from 'node:url'
import { recordResults } from './results.ts'
import { parseArgs } from 'node:util'
import { readFile } from 'node:fs/promises'
import { evaluateModels } from '../packages/core/src/prediction/evaluate-models.ts'
import { X_EDUCATION_TASK } from '../packages/core/src/prediction/x-education.fixture.ts'
import { readCsvTable } from '../packages/core/src/prediction/read-csv-table.ts'
import { prepareDataset } from '../packages/core/src/prediction/prediction-dataset.ts'
import { tableRecord } from '../packages/core/src/prediction/feature-record.ts'
import { predictRecord, trainModel } from '../packages/core/src/prediction/trained-model.ts'
import { explainRecord } from '../packages/core/src/prediction/model-explanation.ts'
import { trainPrediction } from '../packages/core/src/prediction/train-prediction-model.ts'
import { COUNTING_MODELS } from '../packages/core/src/prediction/counting-models.ts'
import {
  averagePrecision,
  brierScore,
  logLoss,
  rocAuc,
} from '../packages/core/src/prediction/classification-metrics.ts'

const { values } = parseArgs({
  options: {
    file: {
      type: 'string',
      default: fileURLToPath(new URL('../../shared/data/leads-x-education.csv', import.meta.url)),
    },
  },
})
// scikit-learn 1.2.1 on the same split (EVALUATION.md).
const REFERENCE = {
  logreg: { rocAuc: 0.86, averagePrecision: 0.812, logLoss: 0.457, brier: 0.148 },
  hgb: { rocAuc: 0.866, averagePrecision: 0.816, logLoss: 0.45, brier: 0.144 },
}
const GOAL = { rocAuc: 0.866, brier: 0.145, trainSeconds: 5 }

const csv = await readFile(values.file, 'utf8')
const result = evaluateModels(csv, X_EDUCATION_TASK)
const { split } = result
console.log(
  `prediction bench: ${values.file}\n  train ${split.trainRows} rows (${split.trainPositives} positive), ` +
    `test ${split.testRows} rows (${split.testPositives} positive); ` +
    `${result.features.numeric.length} numeric + ${result.features.categorical.length} categorical columns`,
)
console.log(
  '  model    ROC AUC      AP  log loss   Brier  train s   (reference ROC AUC / AP / log loss / Brier)',
)
for (const model of result.models) {
  const reference = REFERENCE[model.name]
  console.log(
    `  ${model.name.padEnd(7)} ${fixed(model.rocAuc)} ${fixed(model.averagePrecision)}  ${fixed(model.logLoss)}  ` +
      `${fixed(model.brier)}  ${model.trainSeconds.toFixed(2).padStart(7)}   ` +
      `(${[reference.rocAuc, reference.averagePrecision, reference.logLoss, reference.brier].map(fixed).join(' / ')})`,
  )
}
// The protocol's deterministic counting models, measured in the same run: the baselines the learners beat.
const baselineDataset = prepareDataset(readCsvTable(csv), X_EDUCATION_TASK)
const baselineLabels = Uint8Array.from(baselineDataset.testRows, (row) => baselineDataset.labels[row]!)
const baselines = Object.entries(COUNTING_MODELS).map(([name, fit]) => {
  const scores = fit(baselineDataset, baselineDataset.trainRows)(baselineDataset.testRows)
  return {
    name,
    rocAuc: rocAuc(scores, baselineLabels),
    averagePrecision: averagePrecision(scores, baselineLabels),
    logLoss: logLoss(scores, baselineLabels),
    brier: brierScore(scores, baselineLabels),
  }
})
for (const baseline of baselines) {
  console.log(
    `  ${baseline.name.padEnd(10)} ${fixed(baseline.rocAuc)} ${fixed(baseline.averagePrecision)}  ` +
      `${fixed(baseline.logLoss)}  ${fixed(baseline.brier)}  (baseline, counting)`,
  )
}
const cv = result.crossValidation.map((entry) => `${entry.name} ${fixed(entry.logLoss)}`).join(', ')
console.log(`  chosen by 3-fold cross-validation on the training rows (log loss ${cv}): ${result.chosen}`)
const chosen = result.models.find((model) => model.name === result.chosen)!
const meetsGoal =
  chosen.rocAuc >= GOAL.rocAuc && chosen.brier <= GOAL.brier && chosen.trainSeconds < GOAL.trainSeconds
console.log(
  `  goal: chosen ROC AUC ≥ ${GOAL.rocAuc}, Brier ≤ ${GOAL.brier}, trained < ${GOAL.trainSeconds} s → ` +
    `${meetsGoal ? 'met' : 'NOT met'} (${fixed(chosen.rocAuc)}, ${fixed(chosen.brier)}, ${chosen.trainSeconds.toFixed(2)} s)`,
)

// A whole model version as a workspace's training job makes it (both models measured, cross-validation,
// the chosen model stored, its calibrator, reliability and strongest factors), and per lead: scoring and
// explaining with each stored model. Scoring alone is the baseline an explanation is set against.
let began = performance.now()
const version = trainPrediction(readCsvTable(csv), X_EDUCATION_TASK)
const versionSeconds = (performance.now() - began) / 1000
const dataset = prepareDataset(readCsvTable(csv), X_EDUCATION_TASK)
const records = Array.from(dataset.testRows, (row) => tableRecord(dataset.features, row))
const perLead = Object.fromEntries(
  (['logreg', 'hgb'] as const).map((name) => {
    const model = trainModel(dataset, dataset.trainRows, name)
    const time = (work: (record: (typeof records)[number]) => unknown) => {
      for (const record of records.slice(0, 200)) work(record)
      began = performance.now()
      for (const record of records) work(record)
      return ((performance.now() - began) * 1000) / records.length
    }
    const scoreMicroseconds = time((record) => predictRecord(model, record))
    const explainMicroseconds = time((record) => explainRecord(model, record))
    return [
      name,
      {
        scoreMicroseconds: Math.round(scoreMicroseconds),
        explainMicroseconds: Math.round(explainMicroseconds),
      },
    ]
  }),
)
const { artifact } = version
console.log(
  `  a whole model version (both measured, chosen by CV, calibrated, reliability, factors): ${versionSeconds.toFixed(2)} s; ` +
    `${artifact.model.kind}, Platt slope ${artifact.calibrator.slope.toFixed(2)}, strongest factor ${artifact.importance[0]?.feature}`,
)
for (const [name, figures] of Object.entries(perLead)) {
  console.log(
    `  ${name.padEnd(7)} per lead: score ${figures.scoreMicroseconds} µs, explain ${figures.explainMicroseconds} µs ` +
      `(${(figures.explainMicroseconds / Math.max(figures.scoreMicroseconds, 1)).toFixed(1)}× scoring)`,
  )
}

await recordResults('prediction', {
  file: values.file,
  split,
  models: result.models.map((model) => ({
    ...model,
    rocAuc: round(model.rocAuc),
    averagePrecision: round(model.averagePrecision),
    logLoss: round(model.logLoss),
    brier: round(model.brier),
    trainSeconds: Math.round(model.trainSeconds * 100) / 100,
  })),
  crossValidation: result.crossValidation.map((entry) => ({ ...entry, logLoss: round(entry.logLoss) })),
  chosen: result.chosen,
  goal: GOAL,
  meetsGoal,
  baselines: baselines.map((baseline) => ({
    name: baseline.name,
    rocAuc: round(baseline.rocAuc),
    averagePrecision: round(baseline.averagePrecision),
    logLoss: round(baseline.logLoss),
    brier: round(baseline.brier),
  })),
  versionSeconds: Math.round(versionSeconds * 100) / 100,
  perLead,
})

function fixed(x: number): string {
  return x.toFixed(3)
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000
}
