// Whether a model's probabilities mean what they say, and the correction applied before users see one. The
// reliability table sets the mean prediction against the observed conversion rate per decile of the
// prediction; the calibrator maps a raw probability to the calibrated one shown.
//
// Platt scaling rather than isotonic regression: σ(a·logit(p) + b) with a > 0 is strictly increasing, so the
// ranking of leads (and ROC AUC) stays exactly the model's, where isotonic steps put many leads on one tied
// score. Two parameters also fit stably on the few hundred out-of-fold predictions a young workspace has,
// and both models are near-calibrated already (the logistic regression by construction), so what remains
// to correct is a slope and an offset. Isotonic would pay off with many thousands of rows and a distortion
// that is not sigmoid-shaped.
import { fitLogisticRegression, sigmoid } from './logistic-regression.ts'
import { predictOutOfFold } from './model-choice.ts'
import type { PredictionDataset } from './prediction-dataset.ts'
import { PREDICTION_MODELS, type ModelName } from './prediction-models.ts'
import { createSparseRows } from './sparse-rows.ts'

export type ReliabilityBand = {
  /** 1 for the lowest tenth of the predictions, 10 for the highest. */
  band: number
  count: number
  lowestPredicted: number
  highestPredicted: number
  meanPredicted: number
  /** The share of the band's rows whose label is 1. */
  observedRate: number
}

const BANDS = 10

/**
 * Rows sorted by predicted probability and cut into ten bands of equal count (sizes differ by at most
 * one; equal predictions on a cut may fall either side). With fewer than ten rows some bands are empty and
 * left out.
 */
export function reliabilityTable(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): ReliabilityBand[] {
  const n = probabilities.length
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => probabilities[a]! - probabilities[b]! || a - b,
  )
  const table: ReliabilityBand[] = []
  for (let band = 0; band < BANDS; band++) {
    const rows = order.slice(Math.floor((band * n) / BANDS), Math.floor(((band + 1) * n) / BANDS))
    if (rows.length === 0) continue
    const mean = (value: (row: number) => number) =>
      rows.reduce((sum, row) => sum + value(row), 0) / rows.length
    table.push({
      band: band + 1,
      count: rows.length,
      lowestPredicted: probabilities[rows[0]!]!,
      highestPredicted: probabilities[rows[rows.length - 1]!]!,
      meanPredicted: mean((row) => probabilities[row]!),
      observedRate: mean((row) => (labels[row] === 1 ? 1 : 0)),
    })
  }
  return table
}

/** Calibrated p = σ(slope · logit(raw p) + intercept); plain data, stored with the model version. */
export type ProbabilityCalibrator = { method: 'platt'; slope: number; intercept: number }

export const IDENTITY_CALIBRATOR: ProbabilityCalibrator = Object.freeze({
  method: 'platt',
  slope: 1,
  intercept: 0,
})

/**
 * Fits Platt scaling by the project's L2 logistic regression on logit(p). Its ½·slope² penalty keeps the
 * slope finite when the scores separate the classes, and weighs less as rows grow. A slope ≤ 0 means the
 * scores rank leads no better than chance out of fold: the identity is returned, since reversing or
 * flattening the ranking would hide that rather than fix it.
 */
export function fitPlattCalibrator(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): ProbabilityCalibrator {
  const rows = createSparseRows(probabilities.length, 2)
  for (let i = 0; i < probabilities.length; i++) {
    rows.columns[2 * i] = 0
    rows.values[2 * i] = 1
    rows.columns[2 * i + 1] = 1
    rows.values[2 * i + 1] = logit(probabilities[i]!)
  }
  const { weights } = fitLogisticRegression(rows, labels, 2)
  if (!(weights[1]! > 0)) return IDENTITY_CALIBRATOR
  return { method: 'platt', slope: weights[1]!, intercept: weights[0]! }
}

export function calibrateProbability(calibrator: ProbabilityCalibrator, probability: number): number {
  return sigmoid(calibrator.slope * logit(probability) + calibrator.intercept)
}

/**
 * The calibrator of model `name`, fitted on out-of-fold predictions of `trainRows` only (the folds of the
 * model choice): predictions on rows the model trained on are overconfident, and the test rows must stay
 * unseen for the figures to hold.
 */
export function fitModelCalibrator(
  dataset: PredictionDataset,
  name: ModelName,
  trainRows: Int32Array = dataset.trainRows,
): ProbabilityCalibrator {
  const predicted = predictOutOfFold(dataset, PREDICTION_MODELS[name], trainRows)
  const labels = Uint8Array.from(trainRows, (row) => dataset.labels[row]!)
  return fitPlattCalibrator(predicted, labels)
}

// Clipped as the log loss clips, so a certain 0 or 1 stays finite.
const EPSILON = 1e-15

function logit(probability: number): number {
  const p = Math.min(Math.max(probability, EPSILON), 1 - EPSILON)
  return Math.log(p / (1 - p))
}
