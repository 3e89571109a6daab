// The predictive score's evaluation from a CSV text to figures per model (shared/data/EVALUATION.md): the
// fixed split, each model fitted on the training rows and scored on the test rows, and a choice made by
// cross-validation on the training rows.
import { averagePrecision, brierScore, logLoss, rocAuc } from './classification-metrics.ts'
import { chooseModel, type CrossValidatedModel } from './model-choice.ts'
import { prepareDataset, type PredictionDataset, type PredictionTask } from './prediction-dataset.ts'
import { PREDICTION_MODELS, type ModelName } from './prediction-models.ts'
import { readCsvTable } from './read-csv-table.ts'

export type ModelFigures = {
  name: ModelName
  rocAuc: number
  averagePrecision: number
  logLoss: number
  brier: number
  /** Fitting preprocessing and model on the training rows and scoring the test rows. */
  trainSeconds: number
}

export type ModelEvaluation = {
  models: ModelFigures[]
  chosen: ModelName
  crossValidation: CrossValidatedModel[]
  split: { trainRows: number; trainPositives: number; testRows: number; testPositives: number }
  /** unusable: left out as empty or with too many categories (a workspace's own fields only) */
  features: { numeric: string[]; categorical: string[]; ids: string[]; unusable: string[] }
}

/**
 * Evaluates every model on a CSV export. `milliseconds` is the timer for trainSeconds
 * (performance.now by default; pass a fixed one for reproducible output).
 *
 * @example
 * const result = evaluateModels(csv, { target: 'Converted', drop: ['Tags'] })
 * result.models.find((model) => model.name === result.chosen)?.rocAuc
 */
export function evaluateModels(
  csvText: string,
  task: PredictionTask,
  milliseconds: () => number = () => performance.now(),
): ModelEvaluation {
  return evaluateDataset(prepareDataset(readCsvTable(csvText), task), milliseconds).evaluation
}

/** The evaluation of a prepared dataset, with the chosen model's out-of-fold predictions on the training rows. */
export function evaluateDataset(
  dataset: PredictionDataset,
  milliseconds: () => number = () => performance.now(),
): { evaluation: ModelEvaluation; chosenOutOfFold: Float64Array } {
  const testLabels = Uint8Array.from(dataset.testRows, (row) => dataset.labels[row]!)
  const models = (Object.keys(PREDICTION_MODELS) as ModelName[]).map((name): ModelFigures => {
    const start = milliseconds()
    const scores = PREDICTION_MODELS[name](dataset, dataset.trainRows)(dataset.testRows)
    const trainSeconds = (milliseconds() - start) / 1000
    return {
      name,
      rocAuc: rocAuc(scores, testLabels),
      averagePrecision: averagePrecision(scores, testLabels),
      logLoss: logLoss(scores, testLabels),
      brier: brierScore(scores, testLabels),
      trainSeconds,
    }
  })
  const { chosen, folds, outOfFold } = chooseModel(dataset, PREDICTION_MODELS)
  const positivesOf = (rows: Int32Array) => rows.reduce((sum, row) => sum + dataset.labels[row]!, 0)
  const kinds = (kind: 'numeric' | 'categorical') =>
    dataset.features.filter((feature) => feature.kind === kind).map((feature) => feature.name)
  const evaluation: ModelEvaluation = {
    models,
    chosen,
    crossValidation: folds,
    split: {
      trainRows: dataset.trainRows.length,
      trainPositives: positivesOf(dataset.trainRows),
      testRows: dataset.testRows.length,
      testPositives: positivesOf(dataset.testRows),
    },
    features: {
      numeric: kinds('numeric'),
      categorical: kinds('categorical'),
      ids: dataset.idColumns,
      unusable: dataset.unusableColumns.map((entry) => entry.column),
    },
  }
  return { evaluation, chosenOutOfFold: outOfFold[chosen]! }
}
