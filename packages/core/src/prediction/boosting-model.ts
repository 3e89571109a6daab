// The gradient boosting as stored data: each feature's bins (numeric thresholds, category codes) and the
// trees over those bins. Trees keep bin numbers rather than raw thresholds, so a record is binned exactly
// as the training rows were and follows the same branches.
import { goesLeft, type BoostingTree } from './boosting-tree.ts'
import { binOfValue, MISSING_BIN, type BinEdges } from './feature-bins.ts'
import { numericCell, recordCell, type FeatureRecord } from './feature-record.ts'
import { fitBoostedTrees } from './gradient-boosting.ts'
import type { PredictionDataset } from './prediction-dataset.ts'

export type BoostingModel = {
  kind: 'hgb'
  /** The log-odds of the training rate, where the trees start from. */
  baseline: number
  /** One per feature, in the training table's order; a split's `feature` indexes this list. */
  features: BoostingFeature[]
  trees: StoredTree[]
}

export type BoostingFeature =
  /** Bin = number of thresholds below the value (a value equal to one falls in the lower bin). */
  | { name: string; kind: 'numeric'; thresholds: number[] }
  /** Bin = index in `categories`; any other category goes to `otherBin` if there is one, else to missing. */
  | { name: string; kind: 'categorical'; categories: string[]; otherBin: number | null }

/** Nodes as parallel arrays, the root first; a leaf has left = right = feature = −1. */
export type StoredTree = {
  left: number[]
  right: number[]
  feature: number[]
  /** Numeric split: bins ≤ threshold go left (−1 at categorical splits and leaves). */
  threshold: number[]
  /** Categorical split: the non-missing bins that go left (null at numeric splits and leaves). */
  leftBins: Array<number[] | null>
  /** Where a missing value (bin 255) goes. */
  missingGoesLeft: boolean[]
  /** A leaf's contribution to the log-odds (shrunk by the learning rate); inner nodes keep theirs unused. */
  value: number[]
  /** Training rows through each node: the cover TreeSHAP weighs the branches by. */
  count: number[]
}

/** Fits the boosting on `trainRows` as the evaluation does, and keeps it as plain data. */
export function trainBoostingModel(dataset: PredictionDataset, trainRows: Int32Array): BoostingModel {
  const { binning, baseline, trees } = fitBoostedTrees(dataset.features, dataset.labels, trainRows)
  const features = binning.edges.map((edges, index) => storedFeature(dataset.features[index]!.name, edges))
  const trainBins = binning.bin(trainRows)
  return {
    kind: 'hgb',
    baseline,
    features,
    trees: trees.map((tree) => storedTree(tree, trainBins, trainRows.length)),
  }
}

function storedFeature(name: string, edges: BinEdges): BoostingFeature {
  if (edges.kind === 'numeric') return { name, kind: 'numeric', thresholds: Array.from(edges.thresholds) }
  // The codes run 0, 1, … in the map's order; categories sharing the "other" code need not be listed.
  const categories = [...edges.codeOf]
    .filter(([, code]) => code !== edges.other)
    .map(([category]) => category)
  return { name, kind: 'categorical', categories, otherBin: edges.other ?? null }
}

function storedTree(tree: BoostingTree, trainBins: readonly Uint8Array[], rows: number): StoredTree {
  // Counted by sending every training row down the tree, with the same rule that partitioned them.
  const count = new Int32Array(tree.value.length)
  for (let i = 0; i < rows; i++) {
    let node = 0
    count[0]!++
    while (tree.left[node]! >= 0) {
      const split = tree.split[node]!
      node = goesLeft(split, trainBins[split.feature]![i]!) ? tree.left[node]! : tree.right[node]!
      count[node]!++
    }
  }
  return {
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    feature: tree.split.map((split) => split?.feature ?? -1),
    threshold: tree.split.map((split) => (split && !split.leftBins ? split.threshold : -1)),
    leftBins: tree.split.map((split) =>
      split?.leftBins
        ? [...split.leftBins.keys()].filter((bin) => split.leftBins![bin] === 1 && bin !== MISSING_BIN)
        : null,
    ),
    missingGoesLeft: tree.split.map((split) => split?.missingGoesLeft ?? false),
    value: Array.from(tree.value),
    count: Array.from(count),
  }
}

/** The record's bin for every feature, as the training table's cells were binned. */
export function recordBins(model: BoostingModel, record: FeatureRecord): Uint8Array {
  return Uint8Array.from(model.features, (feature) => {
    if (feature.kind === 'numeric') {
      const cell = numericCell(record, feature.name)
      return cell === '' ? MISSING_BIN : binOfValue(feature.thresholds, Number(cell))
    }
    const code = feature.categories.indexOf(recordCell(record, feature.name))
    return code !== -1 ? code : (feature.otherBin ?? MISSING_BIN)
  })
}

/** Whether a record with these bins takes the left branch at inner node `node`. */
export function goesLeftAt(tree: StoredTree, node: number, bins: Uint8Array): boolean {
  const bin = bins[tree.feature[node]!]!
  if (bin === MISSING_BIN) return tree.missingGoesLeft[node]!
  const leftBins = tree.leftBins[node]
  return leftBins ? leftBins.includes(bin) : bin <= tree.threshold[node]!
}

/** The log-odds: the baseline plus each tree's leaf value, summed in the evaluation's order. */
export function boostingLogOdds(model: BoostingModel, bins: Uint8Array): number {
  let logOdds = model.baseline
  for (const tree of model.trees) {
    let node = 0
    while (tree.left[node]! >= 0) node = goesLeftAt(tree, node, bins) ? tree.left[node]! : tree.right[node]!
    logOdds += tree.value[node]!
  }
  return logOdds
}
