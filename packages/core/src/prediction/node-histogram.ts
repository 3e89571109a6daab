// Per-node sums of gradients, hessians and counts by (feature, bin). A child's histogram is its parent's
// minus its sibling's, so only the smaller child of each split is scanned row by row.

export const BINS = 256

export type NodeHistogram = { gradients: Float64Array; hessians: Float64Array; counts: Uint32Array }

export function buildHistogram(
  binned: readonly Uint8Array[],
  samples: Int32Array,
  gradients: Float64Array,
  hessians: Float64Array,
): NodeHistogram {
  const histogram = emptyHistogram(binned.length)
  const { gradients: sumG, hessians: sumH, counts } = histogram
  for (let feature = 0; feature < binned.length; feature++) {
    const bins = binned[feature]!
    const offset = feature * BINS
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!
      const slot = offset + bins[sample]!
      sumG[slot]! += gradients[sample]!
      sumH[slot]! += hessians[sample]!
      counts[slot]!++
    }
  }
  return histogram
}

export function subtractHistogram(parent: NodeHistogram, child: NodeHistogram): NodeHistogram {
  const difference = emptyHistogram(parent.counts.length / BINS)
  for (let slot = 0; slot < parent.counts.length; slot++) {
    difference.gradients[slot] = parent.gradients[slot]! - child.gradients[slot]!
    difference.hessians[slot] = parent.hessians[slot]! - child.hessians[slot]!
    difference.counts[slot] = parent.counts[slot]! - child.counts[slot]!
  }
  return difference
}

function emptyHistogram(featureCount: number): NodeHistogram {
  const size = featureCount * BINS
  return {
    gradients: new Float64Array(size),
    hessians: new Float64Array(size),
    counts: new Uint32Array(size),
  }
}
