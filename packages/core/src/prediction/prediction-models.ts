// The models the evaluation compares, each a function from training rows to a scorer, so the test split
// and cross-validation fit them the same way.
import { fitGradientBoosting } from './gradient-boosting.ts'
import { fitLogisticRegression, predictLogistic } from './logistic-regression.ts'
import { fitOneHotDesign, type OneHotDesign } from './one-hot-design.ts'
import type { PredictionDataset } from './prediction-dataset.ts'

export type ModelName = 'logreg' | 'hgb'

/** Fits every preprocessing step and the model on `trainRows`; returns positive-class probabilities. */
export type FitModel = (
  dataset: PredictionDataset,
  trainRows: Int32Array,
) => (rows: Int32Array) => Float64Array

export const PREDICTION_MODELS: Readonly<Record<ModelName, FitModel>> = Object.freeze({
  logreg: (dataset, trainRows) => {
    const { design, weights } = fitLogisticDesign(dataset, trainRows)
    return (rows) => predictLogistic(design.encode(rows), weights)
  },
  hgb: (dataset, trainRows) => fitGradientBoosting(dataset.features, dataset.labels, trainRows),
})

/** The one-hot design and the logistic regression's weights over its columns, fitted on `trainRows`. */
export function fitLogisticDesign(
  dataset: PredictionDataset,
  trainRows: Int32Array,
): { design: OneHotDesign; weights: Float64Array } {
  const design = fitOneHotDesign(dataset.features, trainRows)
  const labels = Uint8Array.from(trainRows, (row) => dataset.labels[row]!)
  const { weights } = fitLogisticRegression(design.encode(trainRows), labels, design.columnCount)
  return { design, weights }
}
