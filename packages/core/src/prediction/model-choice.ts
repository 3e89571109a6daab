// Which model to deploy, decided on the training rows alone: picking by the test figures would make them
// optimistic, and the test split is what the figures promise for new leads.
import { logLoss } from './classification-metrics.ts'
import type { PredictionDataset } from './prediction-dataset.ts'
import type { FitModel, ModelName } from './prediction-models.ts'

export const CROSS_VALIDATION_FOLDS = 3

export type CrossValidatedModel = { name: ModelName; logLoss: number }

/**
 * k-fold cross-validation over the training rows (fold = position mod k, deterministic); every model is
 * refitted per fold, preprocessing included. The lowest pooled log loss wins: it rewards both ranking
 * and calibrated probabilities, which a lead score shows to people.
 */
export function chooseModel(
  dataset: PredictionDataset,
  models: Readonly<Record<ModelName, FitModel>>,
): { chosen: ModelName; folds: CrossValidatedModel[]; outOfFold: Partial<Record<ModelName, Float64Array>> } {
  const trainRows = dataset.trainRows
  const labels = Uint8Array.from(trainRows, (row) => dataset.labels[row]!)
  // Kept: the chosen model's calibrator is fitted on the same out-of-fold predictions.
  const outOfFold: Partial<Record<ModelName, Float64Array>> = {}
  const folds = (Object.keys(models) as ModelName[]).map((name) => {
    const predicted = (outOfFold[name] = predictOutOfFold(dataset, models[name], trainRows))
    return { name, logLoss: logLoss(predicted, labels) }
  })
  const best = folds.reduce((a, b) => (b.logLoss < a.logLoss ? b : a))
  return { chosen: best.name, folds, outOfFold }
}

/** Each of `trainRows` scored by the model refitted without its fold (fold = position mod k), in their order. */
export function predictOutOfFold(
  dataset: PredictionDataset,
  fit: FitModel,
  trainRows: Int32Array,
): Float64Array {
  const predicted = new Float64Array(trainRows.length)
  for (let fold = 0; fold < CROSS_VALIDATION_FOLDS; fold++) {
    const held = trainRows.filter((_, i) => i % CROSS_VALIDATION_FOLDS === fold)
    const fitted = trainRows.filter((_, i) => i % CROSS_VALIDATION_FOLDS !== fold)
    const scores = fit(dataset, fitted)(held)
    scores.forEach((score, j) => (predicted[j * CROSS_VALIDATION_FOLDS + fold] = score))
  }
  return predicted
}
