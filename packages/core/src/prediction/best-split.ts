// The best split of one node from its histogram, with scikit-learn's rules: gain G_L²/H_L + G_R²/H_R − G²/H,
// at least `minSamplesLeaf` rows and 1e-3 hessian on each side, missing values tried on both sides.
import { MISSING_BIN, type BinnedFeature } from './feature-bins.ts'
import { BINS, type NodeHistogram } from './node-histogram.ts'

export type Split = {
  feature: number
  gain: number
  /** Numeric: bins ≤ threshold go left. Categorical: the bins in `leftBins` go left. */
  threshold: number
  leftBins: Uint8Array | null
  missingGoesLeft: boolean
  leftCount: number
}

export type NodeSums = { gradient: number; hessian: number; count: number }

const MIN_HESSIAN = 1e-3
// scikit-learn's categorical smoothing: rare categories stay out of the sorted scan (they go right) and
// the sort key G/(H + 10) keeps small categories from looking extreme.
const MIN_CATEGORY_SUPPORT = 10
const MAX_CATEGORY_THRESHOLD = 32

export function findBestSplit(
  histogram: NodeHistogram,
  features: readonly BinnedFeature[],
  node: NodeSums,
  minSamplesLeaf: number,
): Split | null {
  let best: Split | null = null
  const parentScore = node.gradient ** 2 / node.hessian
  // Scalars rather than objects: this runs for every bin of every feature of every node.
  const gainOf: GainOf = (gradient, hessian, count) => {
    const rightHessian = node.hessian - hessian
    if (count < minSamplesLeaf || node.count - count < minSamplesLeaf) return -Infinity
    if (hessian < MIN_HESSIAN || rightHessian < MIN_HESSIAN) return -Infinity
    return gradient ** 2 / hessian + (node.gradient - gradient) ** 2 / rightHessian - parentScore
  }
  features.forEach((feature, index) => {
    const candidate = feature.isCategorical
      ? bestCategoricalSplit(histogram, feature, index, gainOf)
      : bestNumericSplit(histogram, feature, index, gainOf)
    if (!candidate || candidate.gain <= 0 || (best && candidate.gain <= best.gain)) return
    // Without missing training cells, a missing cell at prediction follows the majority of the rows.
    if (!feature.hasMissing)
      candidate.missingGoesLeft = candidate.leftCount > node.count - candidate.leftCount
    best = candidate
  })
  return best
}

/** The gain of a split whose left side has these sums; −∞ when a side is too small. */
type GainOf = (gradient: number, hessian: number, count: number) => number

function bestNumericSplit(histogram: NodeHistogram, feature: BinnedFeature, index: number, gainOf: GainOf) {
  const { gradients, hessians, counts } = histogram
  const offset = index * BINS
  let bestGain = -Infinity
  let bestThreshold = -1
  let bestMissingLeft = false
  let bestCount = 0
  // Missing to the right, then (if training had missing cells) missing to the left.
  for (const missingGoesLeft of feature.hasMissing ? [false, true] : [false]) {
    const missingSlot = offset + MISSING_BIN
    let gradient = missingGoesLeft ? gradients[missingSlot]! : 0
    let hessian = missingGoesLeft ? hessians[missingSlot]! : 0
    let count = missingGoesLeft ? counts[missingSlot]! : 0
    for (let bin = 0; bin < feature.nonMissingBins - 1; bin++) {
      gradient += gradients[offset + bin]!
      hessian += hessians[offset + bin]!
      count += counts[offset + bin]!
      const gain = gainOf(gradient, hessian, count)
      if (gain > bestGain) {
        bestGain = gain
        bestThreshold = bin
        bestMissingLeft = missingGoesLeft
        bestCount = count
      }
    }
  }
  if (bestGain === -Infinity) return null
  return {
    feature: index,
    gain: bestGain,
    threshold: bestThreshold,
    leftBins: null,
    missingGoesLeft: bestMissingLeft,
    leftCount: bestCount,
  }
}

function bestCategoricalSplit(
  histogram: NodeHistogram,
  feature: BinnedFeature,
  index: number,
  gainOf: GainOf,
) {
  const { gradients, hessians, counts } = histogram
  const offset = index * BINS
  const candidates: Array<{ bin: number; key: number }> = []
  const bins = feature.hasMissing
    ? [...range(feature.nonMissingBins), MISSING_BIN]
    : range(feature.nonMissingBins)
  for (const bin of bins) {
    const slot = offset + bin
    if (counts[slot]! >= MIN_CATEGORY_SUPPORT) {
      candidates.push({ bin, key: gradients[slot]! / (hessians[slot]! + MIN_CATEGORY_SUPPORT) })
    }
  }
  candidates.sort((a, b) => a.key - b.key || a.bin - b.bin)
  const scanLength = Math.min(MAX_CATEGORY_THRESHOLD, Math.floor((candidates.length + 1) / 2))
  let best: Split | null = null
  for (const ordered of [candidates, [...candidates].reverse()]) {
    let gradient = 0
    let hessian = 0
    let count = 0
    for (let i = 0; i < scanLength; i++) {
      const slot = offset + ordered[i]!.bin
      gradient += gradients[slot]!
      hessian += hessians[slot]!
      count += counts[slot]!
      const gain = gainOf(gradient, hessian, count)
      if (gain === -Infinity || (best && gain <= best.gain)) continue
      const leftBins = new Uint8Array(BINS)
      for (const { bin } of ordered.slice(0, i + 1)) leftBins[bin] = 1
      const missingGoesLeft = leftBins[MISSING_BIN] === 1
      best = { feature: index, gain, threshold: -1, leftBins, missingGoesLeft, leftCount: count }
    }
  }
  return best
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i)
}
