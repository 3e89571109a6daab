// Which target value means "converted". CRM exports spell it 1, yes, true, won or converted.

const POSITIVE_WORDS = new Set(['yes', 'true', 'won', 'converted'])

/**
 * Whether a target cell is the positive class: `1` when the values are {0, 1}, else one of the words
 * above (case-insensitive), unless the caller names the positive value.
 */
export function positiveTest(targetCells: readonly string[], positive?: string): (cell: string) => boolean {
  if (positive !== undefined) return (cell) => cell === positive
  const isBinary = targetCells.every((cell) => cell === '' || cell === '0' || cell === '1')
  if (isBinary) return (cell) => cell === '1'
  return (cell) => POSITIVE_WORDS.has(cell.toLowerCase())
}
