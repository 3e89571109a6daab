// The gradient boosting's view of the features: every cell becomes a bin number below 256, fitted on the
// training rows. Splits then scan 256 histogram slots instead of sorting values, as scikit-learn's
// HistGradientBoostingClassifier does; its thresholds are reproduced so figures compare with the reference.
import type { FeatureColumn } from './prediction-dataset.ts'

/** The bin of a missing cell; a missing value is a bin of its own that a split may send either way. */
export const MISSING_BIN = 255
const MAX_BINS = 255
/** Categories get codes by train frequency; beyond this many, the rarest share one "other" code. */
const MAX_CATEGORY_CODES = 254

export type BinnedFeature = {
  isCategorical: boolean
  /** Bins 0..nonMissingBins−1 hold values; MISSING_BIN holds missing (and unseen categories). */
  nonMissingBins: number
  /** Whether the training rows had missing cells: if not, a split sends them to its larger child. */
  hasMissing: boolean
}

/** What a feature's bins were fitted to: numeric thresholds or category codes (a trained model stores them). */
export type BinEdges =
  | { kind: 'numeric'; thresholds: Float64Array }
  | { kind: 'categorical'; codeOf: ReadonlyMap<string, number>; other: number | undefined }

export type FeatureBinning = {
  features: BinnedFeature[]
  edges: BinEdges[]
  /** Bins column by column: result[feature][i] for rows[i]. */
  bin(rows: Int32Array): Uint8Array[]
}

export function fitFeatureBins(features: readonly FeatureColumn[], trainRows: Int32Array): FeatureBinning {
  const binners = features.map((feature) => {
    const trainCells = Array.from(trainRows, (row) => feature.cells[row]!)
    const hasMissing = trainCells.includes('')
    if (feature.kind === 'numeric') {
      const thresholds = numericThresholds(trainCells.filter((cell) => cell !== '').map(Number))
      const info = { isCategorical: false, nonMissingBins: thresholds.length + 1, hasMissing }
      return {
        info,
        edges: { kind: 'numeric', thresholds } satisfies BinEdges,
        binOf: (cell: string) => (cell === '' ? MISSING_BIN : binOfValue(thresholds, Number(cell))),
      }
    }
    const codes = categoryCodes(trainCells.filter((cell) => cell !== ''))
    const info = { isCategorical: true, nonMissingBins: codes.count, hasMissing }
    // A category unseen in training is treated as missing, as scikit-learn does.
    return {
      info,
      edges: { kind: 'categorical', codeOf: codes.codeOf, other: codes.other } satisfies BinEdges,
      binOf: (cell: string) => codes.codeOf.get(cell) ?? codes.other ?? MISSING_BIN,
    }
  })
  return {
    features: binners.map((binner) => binner.info),
    edges: binners.map((binner) => binner.edges),
    bin: (rows) =>
      binners.map(({ binOf }, feature) =>
        Uint8Array.from(rows, (row) => binOf(features[feature]!.cells[row]!)),
      ),
  }
}

/** Midpoints between distinct values when they fit in 255 bins, else the 254 inner quantiles (numpy's "midpoint"). */
export function numericThresholds(values: readonly number[]): Float64Array {
  const sorted = Float64Array.from(values).sort()
  const distinct = sorted.filter((x, i) => i === 0 || x !== sorted[i - 1])
  if (distinct.length <= MAX_BINS) return distinct.subarray(1).map((x, i) => (distinct[i]! + x) / 2)
  const thresholds = new Float64Array(MAX_BINS - 1)
  for (let k = 1; k < MAX_BINS; k++) {
    const position = (k / MAX_BINS) * (sorted.length - 1)
    thresholds[k - 1] = (sorted[Math.floor(position)]! + sorted[Math.ceil(position)]!) / 2
  }
  return thresholds
}

/** Number of thresholds strictly below x: a value equal to a threshold falls in the lower bin. */
export function binOfValue(thresholds: ArrayLike<number>, x: number): number {
  let low = 0
  let high = thresholds.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (x <= thresholds[middle]!) high = middle
    else low = middle + 1
  }
  return low
}

function categoryCodes(cells: readonly string[]): {
  codeOf: Map<string, number>
  count: number
  other?: number
} {
  const counts = new Map<string, number>()
  for (const cell of cells) counts.set(cell, (counts.get(cell) ?? 0) + 1)
  const ranked = [...counts]
    .sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0))
    .map(([v]) => v)
  if (ranked.length <= MAX_CATEGORY_CODES + 1) {
    return { codeOf: new Map(ranked.map((value, code) => [value, code])), count: ranked.length }
  }
  const kept = ranked.slice(0, MAX_CATEGORY_CODES)
  const other = MAX_CATEGORY_CODES
  const codeOf = new Map(ranked.map((value, i) => [value, i < MAX_CATEGORY_CODES ? i : other]))
  return { codeOf, count: kept.length + 1, other }
}
