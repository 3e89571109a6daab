import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { averagePrecision, brierScore, logLoss, rocAuc } from './classification-metrics.ts'

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`)

describe('ROC AUC', () => {
  const cases: Array<{ name: string; scores: number[]; labels: number[]; expected: number }> = [
    { name: 'perfect ranking', scores: [0.9, 0.8, 0.2, 0.1], labels: [1, 1, 0, 0], expected: 1 },
    { name: 'reversed ranking', scores: [0.1, 0.2, 0.8, 0.9], labels: [1, 1, 0, 0], expected: 0 },
    // 0.9 beats both negatives (2); 0.8 ties one negative (½) and beats the other (1): 3.5 of 4 pairs.
    { name: 'a tie counts one half', scores: [0.9, 0.8, 0.8, 0.3], labels: [1, 1, 0, 0], expected: 0.875 },
    { name: 'all tied', scores: [0.5, 0.5, 0.5], labels: [1, 0, 0], expected: 0.5 },
  ]
  for (const { name, scores, labels, expected } of cases) {
    test(name, () => close(rocAuc(scores, labels), expected))
  }
})

describe('average precision', () => {
  const cases: Array<{ name: string; scores: number[]; labels: number[]; expected: number }> = [
    // Recall steps ½ at precision 1 and ½ at precision ⅔.
    {
      name: 'steps at each positive',
      scores: [0.9, 0.8, 0.7, 0.6],
      labels: [1, 0, 1, 0],
      expected: 0.5 + 1 / 3,
    },
    // One threshold holds the positive and a negative together: recall 1 at precision ⅓, no interpolation.
    { name: 'a tied threshold is one step', scores: [0.9, 0.5, 0.5], labels: [0, 1, 0], expected: 1 / 3 },
    { name: 'perfect ranking', scores: [3, 2, 1], labels: [1, 1, 0], expected: 1 },
  ]
  for (const { name, scores, labels, expected } of cases) {
    test(name, () => close(averagePrecision(scores, labels), expected))
  }
})

describe('log loss and Brier score', () => {
  test('log loss of hand-computed probabilities', () => {
    close(logLoss([0.8, 0.4], [1, 0]), -(Math.log(0.8) + Math.log(0.6)) / 2)
  })
  test('log loss clips certainty to 1e-15 so a confident miss stays finite', () => {
    close(logLoss([0, 1], [1, 1]), -(Math.log(1e-15) + Math.log(1 - 1e-15)) / 2)
    close(logLoss([0], [1]), 34.538776394910684, 1e-9)
  })
  test('Brier score is the mean squared error', () => {
    close(brierScore([0.2, 0.7], [0, 1]), (0.04 + 0.09) / 2)
  })
})
