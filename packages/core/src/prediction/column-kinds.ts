// Which columns a model may use and how it reads them, decided on the training rows only: a schema guessed
// from the test rows would leak their values into the model.

/** A cell that counts as a number (the protocol's pattern; `1,5` or `12 %` stay text). */
const NUMERIC_CELL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

export type ColumnKind = 'numeric' | 'categorical'

export function isNumericCell(cell: string): boolean {
  return NUMERIC_CELL.test(cell)
}

/** An ID column identifies its row and predicts nothing: no missing cell and all values distinct. */
export function isIdColumn(cells: readonly string[]): boolean {
  const seen = new Set<string>()
  for (const cell of cells) {
    if (cell === '' || seen.has(cell)) return false
    seen.add(cell)
  }
  return true
}

/** Numeric iff every non-missing cell is a number; a column with no value at all is categorical. */
export function columnKindOf(cells: readonly string[]): ColumnKind {
  let values = 0
  for (const cell of cells) {
    if (cell === '') continue
    if (!isNumericCell(cell)) return 'categorical'
    values++
  }
  return values > 0 ? 'numeric' : 'categorical'
}
