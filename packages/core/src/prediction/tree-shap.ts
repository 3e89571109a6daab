// Exact SHAP values of tree ensembles in polynomial time: the path-dependent TreeSHAP of Lundberg, Erion &
// Lee, "Consistent Individualized Feature Attribution for Tree Ensembles" (2018), Algorithm 2, ported from
// the shap package's tree_shap.h. A feature left out of a coalition splits the way the training rows did
// (each branch weighted by its training count), so the values need only the tree and its node counts.
// Per tree it costs O(leaves · depth²) against the 2^features of the Shapley definition.

/** A tree as TreeSHAP reads it: nodes as parallel arrays, the root first, a leaf has left = −1. */
export type ShapTree = {
  left: ArrayLike<number>
  right: ArrayLike<number>
  feature: ArrayLike<number>
  value: ArrayLike<number>
  /** Training rows through each node (the "cover"); every child must have some. */
  count: ArrayLike<number>
}

/** The tree's mean output over its training rows, E[f(x)]: what its SHAP values start from. */
export function treeExpectedValue(tree: ShapTree): number {
  let sum = 0
  for (let node = 0; node < tree.left.length; node++) {
    if (tree.left[node]! < 0) sum += tree.value[node]! * tree.count[node]!
  }
  return sum / tree.count[0]!
}

/**
 * The SHAP values of one record summed over `trees`, by feature index: per tree, expected value + Σ values
 * = the tree's output for the record. `goesLeft(tree, node)` is the record's way at an inner node.
 */
export function treeShapValues<Tree extends ShapTree>(
  trees: readonly Tree[],
  goesLeft: (tree: Tree, node: number) => boolean,
  featureCount: number,
): Float64Array {
  const phi = new Float64Array(featureCount)
  // A hot branch works on its own copy of the path further along the buffer, so the buffer grows with
  // depth²; a tree of n nodes is at most (n − 1) / 2 deep.
  const deepest = trees.reduce((max, tree) => Math.max(max, (tree.left.length - 1) >> 1), 0)
  const path = new Float64Array(STRIDE * (((deepest + 3) * (deepest + 4)) >> 1))
  // 1 / k, so the loop of hotPathSum multiplies: a division there sits on its chain of dependent steps and
  // made TreeSHAP on the 25 X Education features about a tenth slower.
  const reciprocals = Float64Array.from({ length: deepest + 3 }, (_, k) => 1 / k)
  let tree = trees[0]!
  // The path up to the parent is at `start`, `depth` elements long (a feature split on twice counts once);
  // the node adds its own element for the split that led to it. `zero`: the share of the coalitions
  // without that feature that reach the node (the training rows' share); `one`: whether the record does.
  const recurse = (
    node: number,
    depth: number,
    start: number,
    zero: number,
    one: number,
    feature: number,
  ) => {
    extendPath(path, start, depth, zero, one, feature)
    if (tree.left[node]! < 0) {
      const value = tree.value[node]!
      for (let i = 1; i <= depth; i++) {
        const at = start + STRIDE * i
        const share = path[at + ZERO]!
        const weight =
          path[at + ONE] === 0
            ? coldPathSum(path, start, depth, share)
            : hotPathSum(path, start, depth, share, reciprocals)
        phi[path[at + FEATURE]!]! += weight * (path[at + ONE]! - share) * value
      }
      return
    }
    const split = tree.feature[node]!
    const isLeft = goesLeft(tree, node)
    const hot = isLeft ? tree.left[node]! : tree.right[node]!
    const cold = isLeft ? tree.right[node]! : tree.left[node]!
    const cover = tree.count[node]!
    // A feature met again on the path is taken out and put back with both splits' fractions combined.
    let incomingZero = 1
    let incomingOne = 1
    let uniqueDepth = depth
    let index = 0
    while (index <= uniqueDepth && path[start + STRIDE * index + FEATURE] !== split) index++
    if (index <= uniqueDepth) {
      incomingZero = path[start + STRIDE * index + ZERO]!
      incomingOne = path[start + STRIDE * index + ONE]!
      unwindPath(path, start, uniqueDepth, index)
      uniqueDepth--
    }
    // The hot branch works on a copy; the cold branch, last, may change this one in place. A plain loop: a
    // path is a few elements, where copyWithin's call costs more than the copy.
    const copy = start + STRIDE * (depth + 2)
    for (let i = 0; i < STRIDE * (uniqueDepth + 1); i++) path[copy + i] = path[start + i]!
    recurse(hot, uniqueDepth + 1, copy, (tree.count[hot]! / cover) * incomingZero, incomingOne, split)
    recurse(cold, uniqueDepth + 1, start, (tree.count[cold]! / cover) * incomingZero, 0, split)
  }
  for (const each of trees) {
    tree = each
    // The root's path holds one dummy element (feature −1) that no leaf credits.
    recurse(0, 0, 0, 1, 1, -1)
  }
  return phi
}

// The path from the root to a node: per distinct feature on it (its element), the feature, its zero and one
// fractions and the permutation weight of the subsets of that size, interleaved in one array.
const STRIDE = 4
const FEATURE = 0
const ZERO = 1
const ONE = 2
const WEIGHT = 3

function extendPath(
  path: Float64Array,
  start: number,
  depth: number,
  zero: number,
  one: number,
  feature: number,
) {
  const at = start + STRIDE * depth
  path[at + FEATURE] = feature
  path[at + ZERO] = zero
  path[at + ONE] = one
  path[at + WEIGHT] = depth === 0 ? 1 : 0
  for (let i = depth - 1; i >= 0; i--) {
    const w = start + STRIDE * i + WEIGHT
    path[w + STRIDE]! += (one * path[w]! * (i + 1)) / (depth + 1)
    path[w] = (zero * path[w]! * (depth - i)) / (depth + 1)
  }
}

/** Undoes extendPath for the element at `index`. */
function unwindPath(path: Float64Array, start: number, depth: number, index: number) {
  const one = path[start + STRIDE * index + ONE]!
  const zero = path[start + STRIDE * index + ZERO]!
  let next = path[start + STRIDE * depth + WEIGHT]!
  for (let i = depth - 1; i >= 0; i--) {
    const w = start + STRIDE * i + WEIGHT
    if (one !== 0) {
      const previous = path[w]!
      path[w] = (next * (depth + 1)) / ((i + 1) * one)
      next = previous - (path[w]! * zero * (depth - i)) / (depth + 1)
    } else {
      path[w] = (path[w]! * (depth + 1)) / (zero * (depth - i))
    }
  }
  for (let i = index; i < depth; i++) {
    const at = start + STRIDE * i
    path[at + FEATURE] = path[at + STRIDE + FEATURE]!
    path[at + ZERO] = path[at + STRIDE + ZERO]!
    path[at + ONE] = path[at + STRIDE + ONE]!
  }
}

// The total weight the path would have without one of its elements, leaving the path as it is (the
// reference's unwound_path_sum). In path-dependent TreeSHAP an element's one fraction is 1 (the record
// follows all of that feature's splits on the way) or 0, so the two cases are written out.

function hotPathSum(
  path: Float64Array,
  start: number,
  depth: number,
  zero: number,
  reciprocals: Float64Array,
) {
  let total = 0
  let next = path[start + STRIDE * depth + WEIGHT]!
  for (let i = depth - 1; i >= 0; i--) {
    const part = next * reciprocals[i + 1]!
    total += part
    next = path[start + STRIDE * i + WEIGHT]! - part * zero * (depth - i)
  }
  return total * (depth + 1)
}

function coldPathSum(path: Float64Array, start: number, depth: number, zero: number): number {
  let total = 0
  for (let i = depth - 1; i >= 0; i--) total += path[start + STRIDE * i + WEIGHT]! / (zero * (depth - i))
  return total * (depth + 1)
}
