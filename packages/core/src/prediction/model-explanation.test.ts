import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { goesLeftAt, recordBins, type BoostingModel, type StoredTree } from './boosting-model.ts'
import { tableRecord, type FeatureRecord } from './feature-record.ts'
import type { LogisticModel } from './logistic-model.ts'
import { rocAuc } from './classification-metrics.ts'
import {
  describeFactor,
  explainRecord,
  globalImportance,
  strongestFactors,
  type FeatureContribution,
  type RecordExplanation,
} from './model-explanation.ts'
import { prepareDataset, type PredictionDataset } from './prediction-dataset.ts'
import { seededRandom, SOURCE_RATES, syntheticLeads } from './synthetic-leads.fixture.ts'
import { modelLogOdds, predictRows, trainModel, type TrainedModel } from './trained-model.ts'

const within = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  )

const sumOf = (explanation: RecordExplanation) =>
  explanation.contributions.reduce((sum, { contribution }) => sum + contribution, explanation.baseValue)

const recordsOf = (dataset: PredictionDataset, rows: Int32Array) =>
  Array.from(rows, (row) => tableRecord(dataset.features, row))

/** Records mixing seen values, unseen categories, out-of-range and missing numbers, numbers as numbers. */
function randomRecords(count: number, seed: number): FeatureRecord[] {
  const random = seededRandom(seed)
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!
  const sources = ['Reference', 'Google', 'Olark Chat', 'Welingak Website', 'Fax', '', null]
  return Array.from({ length: count }, () => ({
    'Lead Source': pick(sources),
    TotalVisits: pick([null, '', 0, 3, 7, 7.5, 8, 14, 40, -1, '2']),
    'Time On Website': random() < 0.1 ? null : Math.round(random() * 2600) - 100,
    City: pick(['Mumbai', 'Pune', 'Thane', 'Select', '', 'Berlin']),
    'Do Not Email': pick(['Yes', 'No', undefined]),
  }))
}

const mixed = prepareDataset(syntheticLeads(2000, 3, 'mixed'), { target: 'Converted' })
const models = {
  logreg: trainModel(mixed, mixed.trainRows, 'logreg') as LogisticModel,
  hgb: trainModel(mixed, mixed.trainRows, 'hgb') as BoostingModel,
}

describe('contributions add up to the model’s log-odds', () => {
  const records = [...randomRecords(300, 17), ...recordsOf(mixed, mixed.testRows)]
  for (const [name, tolerance] of [
    ['logreg', 1e-12],
    ['hgb', 1e-9],
  ] as const) {
    const model: TrainedModel = models[name]
    test(`${name}: base value + Σ contributions = log-odds, missing and unseen values included`, () => {
      for (const record of records) {
        const explanation = explainRecord(model, record)
        assert.equal(explanation.logOdds, modelLogOdds(model, record))
        within(sumOf(explanation), explanation.logOdds, tolerance)
      }
    })
    test(`${name}: the base value is the average training lead’s log-odds`, () => {
      const training = recordsOf(mixed, mixed.trainRows)
      const mean = training.reduce((sum, record) => sum + modelLogOdds(model, record), 0) / training.length
      within(explainRecord(model, training[0]!).baseValue, mean, 1e-9)
    })
  }
  test('logreg: over the training rows each feature’s contributions average to zero', () => {
    // The linear reference is the training mean of every design column. (Path-dependent TreeSHAP has this
    // only for the sum of the contributions, not feature by feature.)
    const training = recordsOf(mixed, mixed.trainRows)
    const sums = new Float64Array(5)
    for (const record of training) {
      explainRecord(models.logreg, record).contributions.forEach(
        ({ contribution }, i) => (sums[i]! += contribution),
      )
    }
    for (const sum of sums) within(sum / training.length, 0, 1e-12, 'mean contribution')
  })

  test('the boosting model tested has categorical splits and splits that route missing values', () => {
    const trees = models.hgb.trees
    assert.ok(trees.some((tree) => tree.leftBins.some((bins) => bins !== null)))
    const visits = models.hgb.features.findIndex((feature) => feature.name === 'TotalVisits')
    assert.ok(trees.some((tree) => tree.feature.includes(visits)))
  })

  test('logreg: a numeric contribution is weight × standardised value; a category its weight minus the mean', () => {
    const model = models.logreg
    const field = model.fields.find((each) => each.name === 'Time On Website')!
    assert.ok(field.kind === 'numeric')
    const [, , time] = explainRecord(model, { 'Time On Website': 1700 }).contributions
    within(time!.contribution, ((1700 - field.mean) / field.std) * field.weight, 1e-12)
  })
})

describe('TreeSHAP', () => {
  // The Shapley definition itself: E[f | x_S] with features outside S split by training counts (the
  // path-dependent value function TreeSHAP computes), averaged over every subset S.
  function conditionalValue(tree: StoredTree, node: number, bins: Uint8Array, known: number): number {
    if (tree.left[node]! < 0) return tree.value[node]!
    const feature = tree.feature[node]!
    if (known & (1 << feature)) {
      return conditionalValue(
        tree,
        goesLeftAt(tree, node, bins) ? tree.left[node]! : tree.right[node]!,
        bins,
        known,
      )
    }
    const [left, right] = [tree.left[node]!, tree.right[node]!]
    return (
      (tree.count[left]! * conditionalValue(tree, left, bins, known) +
        tree.count[right]! * conditionalValue(tree, right, bins, known)) /
      tree.count[node]!
    )
  }
  function bruteForceShapley(model: BoostingModel, record: FeatureRecord): number[] {
    const bins = recordBins(model, record)
    const m = model.features.length
    const value = (known: number) =>
      model.trees.reduce((sum, tree) => sum + conditionalValue(tree, 0, bins, known), 0)
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1))
    return model.features.map((_, i) => {
      let phi = 0
      for (let subset = 0; subset < 1 << m; subset++) {
        if (subset & (1 << i)) continue
        const size = [...subset.toString(2)].filter((bit) => bit === '1').length
        const weight = (factorial(size) * factorial(m - size - 1)) / factorial(m)
        phi += weight * (value(subset | (1 << i)) - value(subset))
      }
      return phi
    })
  }

  test('equals the Shapley values of the definition (all 2^5 subsets)', () => {
    for (const record of randomRecords(12, 99)) {
      const expected = bruteForceShapley(models.hgb, record)
      explainRecord(models.hgb, record).contributions.forEach(({ contribution }, i) =>
        within(contribution, expected[i]!, 1e-9, models.hgb.features[i]!.name),
      )
    }
  })
})

describe('a history where conversion depends on Lead Source alone', () => {
  const dataset = prepareDataset(syntheticLeads(3000, 21, 'source'), { target: 'Converted' })
  const testRecords = recordsOf(dataset, dataset.testRows)
  const testLabels = Array.from(dataset.testRows, (row) => dataset.labels[row]!)
  const positive = dataset.testRows.find(
    (row) => dataset.labels[row] === 1 && dataset.features[0]!.cells[row] === 'Reference',
  )!
  for (const name of ['logreg', 'hgb'] as const) {
    const model = trainModel(dataset, dataset.trainRows, name)
    test(`${name} finds it: it ranks the test leads and comes first in global importance`, () => {
      // Ranks the test leads almost as well as the true conversion rates do (the boosting overfits a little).
      const truth = rocAuc(
        Array.from(dataset.testRows, (row) => SOURCE_RATES.get(dataset.features[0]!.cells[row]!)!),
        testLabels,
      )
      const auc = rocAuc(predictRows(model, testRecords), testLabels)
      assert.ok(auc > truth - 0.07, `ROC AUC ${auc}, true rates ${truth}`)
      const importance = globalImportance(model, testRecords)
      assert.equal(importance[0]!.feature, 'Lead Source')
      assert.ok(
        importance[0]!.meanAbsContribution > 2 * importance[1]!.meanAbsContribution,
        JSON.stringify(importance),
      )
    })
    test(`${name} names it as the strongest factor of a converted Reference lead`, () => {
      const { positive: up, negative: down } = strongestFactors(
        explainRecord(model, tableRecord(dataset.features, positive)),
      )
      assert.equal(up[0]!.feature, 'Lead Source')
      assert.equal(up[0]!.value, 'Reference')
      assert.ok(down.every((factor) => Math.abs(factor.contribution) < up[0]!.contribution))
    })
  }
})

describe('factors in words', () => {
  const explanation: RecordExplanation = {
    baseValue: -0.5,
    logOdds: 0.4,
    contributions: [
      { feature: 'City', value: 'Pune', contribution: 0.1 },
      { feature: 'Lead Source', value: 'Reference', contribution: 1.2 },
      { feature: 'TotalVisits', value: null, contribution: -0.35 },
      { feature: 'Time On Website', value: 12.5, contribution: -0.6 },
      { feature: 'Do Not Email', value: 'No', contribution: 0 },
    ],
  }
  test('the strongest factors each way, strongest first, none of zero', () => {
    const { positive, negative } = strongestFactors(explanation, 2)
    assert.deepEqual(
      positive.map((factor) => factor.feature),
      ['Lead Source', 'City'],
    )
    assert.deepEqual(
      negative.map((factor) => factor.feature),
      ['Time On Website', 'TotalVisits'],
    )
  })
  const cases: Array<{ factor: FeatureContribution; en: string; de: string }> = [
    {
      factor: { feature: 'Lead Source', value: 'Reference', contribution: 1.2 },
      en: 'Lead Source = Reference: +1.20 log-odds',
      de: 'Lead Source = Reference: +1,20 Log-Odds',
    },
    {
      factor: { feature: 'Time On Website', value: 12.5, contribution: -0.6049 },
      en: 'Time On Website = 12.5: -0.60 log-odds',
      de: 'Time On Website = 12,5: -0,60 Log-Odds',
    },
    {
      factor: { feature: 'TotalVisits', value: null, contribution: -0.004 },
      en: 'TotalVisits = not set: 0.00 log-odds',
      de: 'TotalVisits = nicht gesetzt: 0,00 Log-Odds',
    },
  ]
  for (const { factor, en, de } of cases) {
    test(`"${en}" / "${de}"`, () => {
      assert.equal(describeFactor(factor, 'en'), en)
      assert.equal(describeFactor(factor, 'de'), de)
    })
  }
})
