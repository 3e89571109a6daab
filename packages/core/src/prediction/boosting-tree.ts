// One regression tree of the gradient boosting, grown best-first as scikit-learn does: the leaf whose
// best split gains most is split next, until 31 leaves. Samples of a node are a contiguous slice of one
// index array, partitioned in place at each split.
import { findBestSplit, type NodeSums, type Split } from './best-split.ts'
import { MISSING_BIN, type BinnedFeature } from './feature-bins.ts'
import { buildHistogram, subtractHistogram, type NodeHistogram } from './node-histogram.ts'

export type TreeSettings = { maxLeaves: number; minSamplesLeaf: number; learningRate: number }

/** Nodes as parallel arrays; a leaf has left = −1 and its (shrunk) value. */
export type BoostingTree = {
  left: Int32Array
  right: Int32Array
  split: Array<Split | null>
  value: Float64Array
}

type GrowingNode = {
  id: number
  start: number
  end: number
  sums: NodeSums
  histogram: NodeHistogram
  split: Split | null
}

export function growTree(
  binned: readonly Uint8Array[],
  features: readonly BinnedFeature[],
  gradients: Float64Array,
  hessians: Float64Array,
  settings: TreeSettings,
): BoostingTree {
  const samples = Int32Array.from({ length: gradients.length }, (_, i) => i)
  const left: number[] = []
  const right: number[] = []
  const splits: Array<Split | null> = []
  const values: number[] = []
  const open: GrowingNode[] = []

  const addNode = (start: number, end: number, histogram: NodeHistogram): GrowingNode => {
    const sums = sumsOf(samples.subarray(start, end), gradients, hessians)
    const id = values.length
    left.push(-1)
    right.push(-1)
    splits.push(null)
    values.push((-settings.learningRate * sums.gradient) / (sums.hessian + 1e-15))
    const canSplit = sums.count >= 2 * settings.minSamplesLeaf
    const split = canSplit ? findBestSplit(histogram, features, sums, settings.minSamplesLeaf) : null
    const node = { id, start, end, sums, histogram, split }
    if (split) open.push(node)
    return node
  }

  addNode(0, samples.length, buildHistogram(binned, samples, gradients, hessians))
  let leaves = 1
  while (leaves < settings.maxLeaves && open.length > 0) {
    const node = takeBestNode(open)
    const split = node.split!
    const middle = partition(samples, node.start, node.end, binned[split.feature]!, split)
    // Scan the smaller child's rows; the larger child's histogram is the difference.
    const leftIsSmaller = middle - node.start <= node.end - middle
    const [smallStart, smallEnd] = leftIsSmaller ? [node.start, middle] : [middle, node.end]
    const small = buildHistogram(binned, samples.subarray(smallStart, smallEnd), gradients, hessians)
    const large = subtractHistogram(node.histogram, small)
    const leftChild = addNode(node.start, middle, leftIsSmaller ? small : large)
    const rightChild = addNode(middle, node.end, leftIsSmaller ? large : small)
    left[node.id] = leftChild.id
    right[node.id] = rightChild.id
    splits[node.id] = split
    leaves++
  }
  return {
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    split: splits,
    value: Float64Array.from(values),
  }
}

/** Whether a bin goes to the left child of a split. */
export function goesLeft(split: Split, bin: number): boolean {
  if (bin === MISSING_BIN) return split.missingGoesLeft
  return split.leftBins ? split.leftBins[bin] === 1 : bin <= split.threshold
}

/** The tree's value for sample i of binned columns. */
export function treeValue(tree: BoostingTree, binned: readonly Uint8Array[], i: number): number {
  let node = 0
  while (tree.left[node]! >= 0) {
    const split = tree.split[node]!
    node = goesLeft(split, binned[split.feature]![i]!) ? tree.left[node]! : tree.right[node]!
  }
  return tree.value[node]!
}

function takeBestNode(open: GrowingNode[]): GrowingNode {
  let bestIndex = 0
  open.forEach((node, i) => {
    if (node.split!.gain > open[bestIndex]!.split!.gain) bestIndex = i
  })
  return open.splice(bestIndex, 1)[0]!
}

function sumsOf(samples: Int32Array, gradients: Float64Array, hessians: Float64Array): NodeSums {
  let gradient = 0
  let hessian = 0
  for (const sample of samples) {
    gradient += gradients[sample]!
    hessian += hessians[sample]!
  }
  return { gradient, hessian, count: samples.length }
}

/** Reorders samples[start, end) so the left child's come first (stable); returns where the right begins. */
function partition(samples: Int32Array, start: number, end: number, bins: Uint8Array, split: Split): number {
  const lefts: number[] = []
  const rights: number[] = []
  for (let i = start; i < end; i++) {
    const sample = samples[i]!
    if (goesLeft(split, bins[sample]!)) lefts.push(sample)
    else rights.push(sample)
  }
  samples.set(lefts, start)
  samples.set(rights, start + lefts.length)
  return start + lefts.length
}
