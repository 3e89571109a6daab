// The logistic regression's design matrix: one-hot categoricals and standardised numerics, fitted on the
// training rows only (categories, medians, means and deviations), as the protocol's sklearn pipeline does.
import type { FeatureColumn } from './prediction-dataset.ts'
import { createSparseRows, type SparseRows } from './sparse-rows.ts'

/** A missing categorical cell is a category of its own: "did not answer" often predicts by itself. */
export const MISSING_CATEGORY = '__MISSING__'

/** Column 0 is the intercept; the others follow the features in order. */
export type OneHotDesign = { columnCount: number; encode(rows: Int32Array): SparseRows }

type FieldEncoder = (cell: string) => { column: number; value: number }

export function fitOneHotDesign(features: readonly FeatureColumn[], trainRows: Int32Array): OneHotDesign {
  let nextColumn = 1
  const encoders: FieldEncoder[] = features.map((feature) => {
    const trainCells = Array.from(trainRows, (row) => feature.cells[row]!)
    if (feature.kind === 'numeric') {
      const column = nextColumn++
      const scale = fitStandardScale(trainCells)
      return (cell) => ({ column, value: scale(cell) })
    }
    const categories = [...new Set(trainCells.map(categoryOf))].sort()
    const columnOf = new Map(categories.map((category, i) => [category, nextColumn + i]))
    nextColumn += categories.length
    // An unseen category leaves every column of its field at zero.
    return (cell) => ({ column: columnOf.get(categoryOf(cell)) ?? -1, value: 1 })
  })
  const columnCount = nextColumn
  return {
    columnCount,
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

function categoryOf(cell: string): string {
  return cell === '' ? MISSING_CATEGORY : cell
}

/** Median imputation, then (x − mean) / population std over the imputed training values (std 0 → 1). */
function fitStandardScale(trainCells: readonly string[]): (cell: string) => number {
  const present = trainCells.filter((cell) => cell !== '').map(Number)
  const fill = median(present)
  const imputed = trainCells.map((cell) => (cell === '' ? fill : Number(cell)))
  const mean = imputed.reduce((sum, x) => sum + x, 0) / imputed.length
  const variance = imputed.reduce((sum, x) => sum + (x - mean) ** 2, 0) / imputed.length
  const std = variance > 0 ? Math.sqrt(variance) : 1
  return (cell) => ((cell === '' ? fill : Number(cell)) - mean) / std
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = Float64Array.from(values).sort()
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
