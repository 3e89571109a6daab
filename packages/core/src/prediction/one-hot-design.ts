// The logistic regression's design matrix: one-hot categoricals and standardised numerics, fitted on the
// training rows only (categories, medians, means and deviations), as the protocol's sklearn pipeline does.
import type { FeatureColumn } from './prediction-dataset.ts'
import { createSparseRows, type SparseRows } from './sparse-rows.ts'

/** A missing categorical cell is a category of its own: "did not answer" often predicts by itself. */
export const MISSING_CATEGORY = '__MISSING__'

/** Column 0 is the intercept; the others follow the features in order. */
export type OneHotDesign = {
  columnCount: number
  /** What each feature was fitted to, in feature order (a trained model stores it). */
  fields: OneHotField[]
  encode(rows: Int32Array): SparseRows
}

/** A numeric feature's column and scaling, or a categorical feature's sorted categories from `firstColumn` on. */
export type OneHotField =
  | ({ kind: 'numeric'; column: number } & StandardScale)
  | { kind: 'categorical'; firstColumn: number; categories: string[] }

/** Missing → `fill` (the train median), then (x − mean) / std. */
export type StandardScale = { fill: number; mean: number; std: number }

type FieldEncoder = (cell: string) => { column: number; value: number }

export function fitOneHotDesign(features: readonly FeatureColumn[], trainRows: Int32Array): OneHotDesign {
  let nextColumn = 1
  const fields = features.map((feature): OneHotField => {
    const trainCells = Array.from(trainRows, (row) => feature.cells[row]!)
    if (feature.kind === 'numeric') {
      return { kind: 'numeric', column: nextColumn++, ...fitStandardScale(trainCells) }
    }
    const categories = [...new Set(trainCells.map(categoryOf))].sort()
    const firstColumn = nextColumn
    nextColumn += categories.length
    return { kind: 'categorical', firstColumn, categories }
  })
  const encoders = fields.map((field): FieldEncoder => {
    if (field.kind === 'numeric') return (cell) => ({ column: field.column, value: scaleCell(field, cell) })
    const columnOf = new Map(field.categories.map((category, i) => [category, field.firstColumn + i]))
    // An unseen category leaves every column of its field at zero.
    return (cell) => ({ column: columnOf.get(categoryOf(cell)) ?? -1, value: 1 })
  })
  const columnCount = nextColumn
  return {
    columnCount,
    fields,
    encode(rows) {
      const encoded = createSparseRows(rows.length, features.length + 1)
      rows.forEach((row, i) => {
        const base = i * encoded.width
        encoded.columns[base] = 0
        encoded.values[base] = 1
        encoders.forEach((encode, field) => {
          const { column, value } = encode(features[field]!.cells[row]!)
          encoded.columns[base + 1 + field] = column
          encoded.values[base + 1 + field] = value
        })
      })
      return encoded
    },
  }
}

export function categoryOf(cell: string): string {
  return cell === '' ? MISSING_CATEGORY : cell
}

/** Median imputation, then (x − mean) / population std over the imputed training values (std 0 → 1). */
function fitStandardScale(trainCells: readonly string[]): StandardScale {
  const present = trainCells.filter((cell) => cell !== '').map(Number)
  const fill = median(present)
  const imputed = trainCells.map((cell) => (cell === '' ? fill : Number(cell)))
  const mean = imputed.reduce((sum, x) => sum + x, 0) / imputed.length
  const variance = imputed.reduce((sum, x) => sum + (x - mean) ** 2, 0) / imputed.length
  const std = variance > 0 ? Math.sqrt(variance) : 1
  return { fill, mean, std }
}

/** A numeric cell ('' missing) as its design value. */
export function scaleCell({ fill, mean, std }: StandardScale, cell: string): number {
  return ((cell === '' ? fill : Number(cell)) - mean) / std
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = Float64Array.from(values).sort()
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
