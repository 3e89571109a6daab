// Histogram gradient boosting for binary log loss with scikit-learn's defaults (learning rate 0.1, 100
// trees of at most 31 leaves, 20 rows a leaf, 255 bins, no L2). Early stopping is left out: scikit-learn
// turns it on only above 10,000 rows, and it would need a random validation split.
import { growTree, treeValue, type BoostingTree, type TreeSettings } from './boosting-tree.ts'
import { fitFeatureBins, type FeatureBinning } from './feature-bins.ts'
import { sigmoid } from './logistic-regression.ts'
import type { FeatureColumn } from './prediction-dataset.ts'

export type BoostingSettings = TreeSettings & { iterations: number }

export const SKLEARN_DEFAULTS: BoostingSettings = {
  learningRate: 0.1,
  iterations: 100,
  maxLeaves: 31,
  minSamplesLeaf: 20,
}

/** Fits on the training rows; returns the positive-class probability for any rows of the same columns. */
export function fitGradientBoosting(
  features: readonly FeatureColumn[],
  labels: ArrayLike<number>,
  trainRows: Int32Array,
  settings: BoostingSettings = SKLEARN_DEFAULTS,
): (rows: Int32Array) => Float64Array {
  const { binning, baseline, trees } = fitBoostedTrees(features, labels, trainRows, settings)
  return (rows) => {
    const columns = binning.bin(rows)
    return Float64Array.from(rows, (_, i) =>
      sigmoid(trees.reduce((sum, tree) => sum + treeValue(tree, columns, i), baseline)),
    )
  }
}

/** What the boosting fitted: the binning, the first raw prediction and the trees (a trained model stores them). */
export type BoostedTrees = { binning: FeatureBinning; baseline: number; trees: BoostingTree[] }

export function fitBoostedTrees(
  features: readonly FeatureColumn[],
  labels: ArrayLike<number>,
  trainRows: Int32Array,
  settings: BoostingSettings = SKLEARN_DEFAULTS,
): BoostedTrees {
  const binning = fitFeatureBins(features, trainRows)
  const binned = binning.bin(trainRows)
  const y = Float64Array.from(trainRows, (row) => labels[row]!)
  const n = y.length
  const rate = y.reduce((sum, label) => sum + label, 0) / n
  // The first raw prediction is the log-odds of the training rate, so tree 1 fits the deviations from it.
  const baseline = Math.log(rate / (1 - rate))
  const raw = new Float64Array(n).fill(baseline)
  const gradients = new Float64Array(n)
  const hessians = new Float64Array(n)
  const trees: BoostingTree[] = []
  for (let iteration = 0; iteration < settings.iterations; iteration++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i]!)
      gradients[i] = p - y[i]!
      hessians[i] = p * (1 - p)
    }
    const tree = growTree(binned, binning.features, gradients, hessians, settings)
    trees.push(tree)
    for (let i = 0; i < n; i++) raw[i]! += treeValue(tree, binned, i)
  }
  return { binning, baseline, trees }
}
