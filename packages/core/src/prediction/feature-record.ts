// One new lead as a trained model reads it: its feature values by name, turned into the cells the training
// table held, so a stored model scores a record through the same parsing as the evaluation scores a row.
import { isNumericCell } from './column-kinds.ts'
import type { FeatureColumn } from './prediction-dataset.ts'
import { DomainError } from '../errors.ts'

/** A lead's feature values by feature name; a value that is absent, null, undefined, '' or NaN is missing. */
export type FeatureRecord = Readonly<Record<string, string | number | null | undefined>>

/** The record's value as the table cell it would have been ('' is missing); numbers as `String` spells them. */
export function recordCell(record: FeatureRecord, feature: string): string {
  // Own keys only: a feature named "constructor" must not read Object.prototype.
  const value = Object.hasOwn(record, feature) ? record[feature] : undefined
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value)
  return value
}

/**
 * The cell of a numeric feature; throws when the value is not a number as the training table spells one
 * (`12 %`, `1,5`, Infinity). Reading it as missing instead would give a confident score for data the model
 * silently ignored.
 */
export function numericCell(record: FeatureRecord, feature: string): string {
  const cell = recordCell(record, feature)
  if (cell !== '' && !isNumericCell(cell)) {
    throw new DomainError('PREDICTION_INPUT_INVALID', `"${feature}" is not a number: "${cell}".`, {
      feature,
      value: cell,
    })
  }
  return cell
}

/** A row of the training table as a record: what a stored model needs to score a row it was evaluated on. */
export function tableRecord(features: readonly FeatureColumn[], row: number): FeatureRecord {
  return Object.fromEntries(features.map((feature) => [feature.name, feature.cells[row]!]))
}
