// A trained model as plain data: JSON-safe (numbers, strings, arrays, plain objects), so a model version is
// stored as it is and scores new leads later without the table it was trained on. Training reuses the
// evaluation's fitting, and scoring sums in its order, so a stored model gives the very probabilities the
// evaluation measured.
import { boostingLogOdds, recordBins, trainBoostingModel, type BoostingModel } from './boosting-model.ts'
import type { FeatureRecord } from './feature-record.ts'
import { sigmoid } from './logistic-regression.ts'
import { logisticLogOdds, logisticTerms, trainLogisticModel, type LogisticModel } from './logistic-model.ts'
import type { PredictionDataset } from './prediction-dataset.ts'
import type { ModelName } from './prediction-models.ts'
import { DomainError } from '../errors.ts'
import { assertUnreachable } from '../util/assert-unreachable.ts'

export type TrainedModel = LogisticModel | BoostingModel

/**
 * Fits model `name` on `trainRows` of the dataset and returns it as plain data. Throws when two features
 * share a name: a record keyed by name could not tell them apart.
 *
 * @example
 * const model = trainModel(dataset, dataset.trainRows, 'logreg')
 * predictRecord(model, { 'Lead Source': 'Reference', TotalVisits: 4, City: null }) // a probability
 */
export function trainModel(dataset: PredictionDataset, trainRows: Int32Array, name: ModelName): TrainedModel {
  const names = dataset.features.map((feature) => feature.name)
  const repeated = names.find((feature, i) => names.indexOf(feature) !== i)
  if (repeated !== undefined) {
    throw new DomainError('PREDICTION_INPUT_INVALID', `The column "${repeated}" appears twice.`, {
      column: repeated,
    })
  }
  switch (name) {
    case 'logreg':
      return trainLogisticModel(dataset, trainRows)
    case 'hgb':
      return trainBoostingModel(dataset, trainRows)
    default:
      return assertUnreachable(name)
  }
}

/** The features a model reads, in its order: a record lacking one scores it as missing. */
export function modelFeatures(model: TrainedModel): string[] {
  switch (model.kind) {
    case 'logreg':
      return model.fields.map((field) => field.name)
    case 'hgb':
      return model.features.map((feature) => feature.name)
    default:
      return assertUnreachable(model)
  }
}

/** The model's log-odds (raw margin) for one record. */
export function modelLogOdds(model: TrainedModel, record: FeatureRecord): number {
  switch (model.kind) {
    case 'logreg':
      return logisticLogOdds(model, logisticTerms(model, record))
    case 'hgb':
      return boostingLogOdds(model, recordBins(model, record))
    default:
      return assertUnreachable(model)
  }
}

/** The positive-class probability for one record (uncalibrated: see reliability-table.ts). */
export function predictRecord(model: TrainedModel, record: FeatureRecord): number {
  return sigmoid(modelLogOdds(model, record))
}

export function predictRows(model: TrainedModel, records: readonly FeatureRecord[]): Float64Array {
  return Float64Array.from(records, (record) => predictRecord(model, record))
}
