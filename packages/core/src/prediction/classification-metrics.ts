// The four test-row metrics of the evaluation protocol, defined as scikit-learn defines them so the figures
// compare with the reference table in shared/data/EVALUATION.md.

/** Scores sorted descending with their labels, grouped into runs of equal score. */
function descendingGroups(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): Array<{ pos: number; neg: number }> {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!)
  const groups: Array<{ pos: number; neg: number }> = []
  let previous = Number.NaN
  for (const i of order) {
    if (groups.length === 0 || scores[i] !== previous) groups.push({ pos: 0, neg: 0 })
    const group = groups[groups.length - 1]!
    if (labels[i] === 1) group.pos++
    else group.neg++
    previous = scores[i]!
  }
  return groups
}

/** Probability that a random positive outranks a random negative, ties counting ½; NaN with one class. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  // Walking down the ranking, each positive loses to the negatives above it and half-loses to its ties.
  let negativesAbove = 0
  let losses = 0
  let positives = 0
  for (const { pos, neg } of descendingGroups(scores, labels)) {
    losses += pos * negativesAbove + 0.5 * pos * neg
    negativesAbove += neg
    positives += pos
  }
  const pairs = positives * negativesAbove
  return (pairs - losses) / pairs
}

/** Average precision: Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds, step-wise (sklearn's definition). */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const groups = descendingGroups(scores, labels)
  const positives = groups.reduce((sum, group) => sum + group.pos, 0)
  let truePositives = 0
  let predicted = 0
  let sum = 0
  for (const { pos, neg } of groups) {
    truePositives += pos
    predicted += pos + neg
    sum += (pos / positives) * (truePositives / predicted)
  }
  return sum
}

const EPSILON = 1e-15

/** Mean log loss with p clipped to [1e-15, 1 − 1e-15], so one confident miss cannot make it infinite. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(Math.max(probabilities[i]!, EPSILON), 1 - EPSILON)
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p)
  }
  return sum / probabilities.length
}

/** Mean squared difference between probability and outcome. */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < probabilities.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2
  return sum / probabilities.length
}
