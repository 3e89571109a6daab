import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fitLogisticRegression, logisticGradient, predictLogistic } from './logistic-regression.ts'
import { fitOneHotDesign, MISSING_CATEGORY } from './one-hot-design.ts'
import type { FeatureColumn } from './prediction-dataset.ts'

describe('one-hot design', () => {
  const features: FeatureColumn[] = [
    { name: 'source', kind: 'categorical', cells: ['web', 'event', '', 'fax'] },
    { name: 'visits', kind: 'numeric', cells: ['1', '', '3', '100'] },
  ]
  const design = fitOneHotDesign(features, Int32Array.from([0, 1, 2]))

  test('has an intercept, one column per train category (missing included) and one per numeric', () => {
    // 1 intercept + {__MISSING__, event, web} + visits
    assert.equal(design.columnCount, 5)
  })
  test('a category unseen in training activates no column', () => {
    const encoded = design.encode(Int32Array.from([3]))
    assert.equal(encoded.columns[1], -1)
  })
  test(`a missing category is its own column (${MISSING_CATEGORY}), a missing number the train median`, () => {
    const encoded = design.encode(Int32Array.from([2, 1]))
    assert.equal(encoded.columns[1], 1)
    // visits on train: 1, median(1, 3) = 2, 3 → mean 2, population std √(2/3); the missing 2 scales to 0.
    assert.equal(encoded.values[encoded.width + 2], 0)
    assert.ok(Math.abs(encoded.values[2]! - 1 / Math.sqrt(2 / 3)) < 1e-12)
  })
})

describe('L2 logistic regression', () => {
  // One feature that mostly predicts the label (two flipped rows keep the data non-separable) and one that
  // predicts its opposite.
  const xs = [-2, -1.5, -1, -0.5, -0.2, 0.2, 0.5, 1, 1.5, 2, -0.8, 0.8]
  const labels = [0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0]
  const rows = {
    count: xs.length,
    width: 3,
    columns: Int32Array.from(xs.flatMap(() => [0, 1, 2])),
    values: Float64Array.from(xs.flatMap((x) => [1, x, -x / 2])),
  }
  const fit = fitLogisticRegression(rows, labels, 3)

  test('recovers the sign of each weight', () => {
    assert.ok(fit.weights[1]! > 0)
    assert.ok(fit.weights[2]! < 0)
  })
  test('stops where the penalised loss gradient is ~0', () => {
    const gradient = logisticGradient(rows, labels, fit.weights)
    for (const g of gradient) assert.ok(Math.abs(g) < 1e-8, `gradient ${g}`)
  })
  test('the penalty shrinks the weights (unlike an unpenalised fit on separable data)', () => {
    const separable = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1]
    const { weights } = fitLogisticRegression(rows, separable, 3)
    assert.ok(Number.isFinite(weights[1]!) && weights[1]! < 10)
    const p = predictLogistic(rows, weights)
    assert.ok(p[9]! > 0.5 && p[0]! < 0.5)
  })
})
