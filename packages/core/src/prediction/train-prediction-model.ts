// One model version from a table of outcomes: both models measured (evaluate-models.ts), the one chosen by
// cross-validation trained and stored as data, its calibrator fitted on out-of-fold predictions of the
// training rows, and on the test rows — which nothing was fitted on — the reliability of the calibrated
// probability and the factors that weigh most. A workspace's leads and a CSV export take the same path.
import { evaluateDataset, type ModelEvaluation } from './evaluate-models.ts'
import { tableRecord } from './feature-record.ts'
import { globalImportance, type FeatureImportance } from './model-explanation.ts'
import { prepareDataset, type PredictionTask } from './prediction-dataset.ts'
import type { CsvTable } from './read-csv-table.ts'
import {
  calibrateProbability,
  fitPlattCalibrator,
  reliabilityTable,
  type ProbabilityCalibrator,
  type ReliabilityBand,
} from './reliability-table.ts'
import { modelFeatures, predictRecord, trainModel, type TrainedModel } from './trained-model.ts'

/** Below this many outcomes of either kind, figures are noise and the rule-based score stays alone. */
export const MIN_OUTCOMES_PER_CLASS = 200

/** Test rows whose explanations are averaged for the model's strongest factors overall. */
const IMPORTANCE_ROWS = 2_000

/** What is stored with a model version and scores leads with. */
export type PredictionArtifact = {
  target: string
  model: TrainedModel
  /** the features the model reads, in its order (lead-features.ts's columns for a workspace model) */
  features: string[]
  calibrator: ProbabilityCalibrator
  /** calibrated probability against observed rate by decile, on the test rows */
  reliability: ReliabilityBand[]
  importance: FeatureImportance[]
}

export type TrainedPrediction = { evaluation: ModelEvaluation; artifact: PredictionArtifact }

/** Whether there are enough outcomes of both kinds to learn from. */
export function hasEnoughOutcomes(positives: number, negatives: number): boolean {
  return positives >= MIN_OUTCOMES_PER_CLASS && negatives >= MIN_OUTCOMES_PER_CLASS
}

export function trainPrediction(
  table: CsvTable,
  task: PredictionTask,
  milliseconds: () => number = () => performance.now(),
): TrainedPrediction {
  const dataset = prepareDataset(table, task)
  const { evaluation, chosenOutOfFold } = evaluateDataset(dataset, milliseconds)
  const model = trainModel(dataset, dataset.trainRows, evaluation.chosen)
  const calibrator = fitPlattCalibrator(
    chosenOutOfFold,
    Uint8Array.from(dataset.trainRows, (row) => dataset.labels[row]!),
  )
  const testRecords = Array.from(dataset.testRows, (row) => tableRecord(dataset.features, row))
  const calibrated = testRecords.map((record) =>
    calibrateProbability(calibrator, predictRecord(model, record)),
  )
  const testLabels = Uint8Array.from(dataset.testRows, (row) => dataset.labels[row]!)
  return {
    evaluation,
    artifact: {
      target: task.target,
      model,
      features: modelFeatures(model),
      calibrator,
      reliability: reliabilityTable(calibrated, testLabels),
      importance: globalImportance(model, testRecords.slice(0, IMPORTANCE_ROWS)),
    },
  }
}
