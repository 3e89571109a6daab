// The logistic regression as stored data: the one-hot design fitted on the training rows (each numeric
// feature's median for missing values and its standardisation, each categorical feature's category list)
// and the weights over it, kept per feature so an explanation can read them without column numbers.
import { numericCell, recordCell, type FeatureRecord } from './feature-record.ts'
import { categoryOf, scaleCell } from './one-hot-design.ts'
import type { PredictionDataset } from './prediction-dataset.ts'
import { fitLogisticDesign } from './prediction-models.ts'

export type LogisticModel = {
  kind: 'logreg'
  intercept: number
  /** One per feature, in the training table's order. */
  fields: LogisticField[]
}

export type LogisticField =
  | {
      name: string
      kind: 'numeric'
      /** The training median, used for a missing value. */
      fill: number
      /** The design value is (x − mean) / std. */
      mean: number
      std: number
      weight: number
    }
  | {
      name: string
      kind: 'categorical'
      /** Sorted; a missing value is the category `__MISSING__`, an unseen one activates none. */
      categories: string[]
      weights: number[]
      /** Each category's share of the training rows: the reference explanations measure from. */
      shares: number[]
    }

/** Fits the design and weights on `trainRows` as the evaluation does, and keeps them as plain data. */
export function trainLogisticModel(dataset: PredictionDataset, trainRows: Int32Array): LogisticModel {
  const { design, weights } = fitLogisticDesign(dataset, trainRows)
  const fields = design.fields.map((field, index): LogisticField => {
    const { name, cells } = dataset.features[index]!
    if (field.kind === 'numeric') {
      const { fill, mean, std } = field
      return { name, kind: 'numeric', fill, mean, std, weight: weights[field.column]! }
    }
    const counts = new Map(field.categories.map((category) => [category, 0]))
    for (const row of trainRows) {
      const category = categoryOf(cells[row]!)
      counts.set(category, counts.get(category)! + 1)
    }
    return {
      name,
      kind: 'categorical',
      categories: field.categories,
      weights: field.categories.map((_, i) => weights[field.firstColumn + i]!),
      shares: field.categories.map((category) => counts.get(category)! / trainRows.length),
    }
  })
  return { kind: 'logreg', intercept: weights[0]!, fields }
}

/** Per field, weight × design value for the record; the log-odds are the intercept plus their sum. */
export function logisticTerms(model: LogisticModel, record: FeatureRecord): Float64Array {
  return Float64Array.from(model.fields, (field) => {
    if (field.kind === 'numeric') return scaleCell(field, numericCell(record, field.name)) * field.weight
    const index = field.categories.indexOf(categoryOf(recordCell(record, field.name)))
    return index === -1 ? 0 : field.weights[index]!
  })
}

/** The log-odds, summed in the evaluation's order (intercept, then features) so they match it bit for bit. */
export function logisticLogOdds(model: LogisticModel, terms: Float64Array): number {
  let logOdds = model.intercept
  for (const term of terms) logOdds += term
  return logOdds
}
