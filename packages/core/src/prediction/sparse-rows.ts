// Rows as a fixed number of (column, value) slots: a one-hot row has one active column per field, so the
// logistic regression's 224-column design costs ~26 products a row instead of 224.

/** `width` slots a row; a slot whose column is −1 is empty (an unseen category). */
export type SparseRows = { count: number; width: number; columns: Int32Array; values: Float64Array }

export function createSparseRows(count: number, width: number): SparseRows {
  return {
    count,
    width,
    columns: new Int32Array(count * width).fill(-1),
    values: new Float64Array(count * width),
  }
}

/** xᵀw for row `row`. */
export function dotRow(rows: SparseRows, row: number, weights: Float64Array): number {
  let sum = 0
  for (let slot = row * rows.width, end = slot + rows.width; slot < end; slot++) {
    const column = rows.columns[slot]!
    if (column >= 0) sum += rows.values[slot]! * weights[column]!
  }
  return sum
}
