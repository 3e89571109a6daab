// The model page's figures: which runs are polled, how far outcomes fall short, why a model was chosen,
// the reliability chart's shared scale, and what a feature column means.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  featureMeaning,
  isRunWorking,
  modelChoice,
  outcomeShortfall,
  progressPercent,
  reliabilityScale,
  strongestOf,
} from './model-figures.ts'

test('queued and running runs are working; the others ended', () => {
  assert.deepEqual(['queued', 'running', 'completed', 'insufficient', 'failed'].map(isRunWorking), [
    true,
    true,
    false,
    false,
    false,
  ])
})

test('progress is a whole percentage that reaches 100 only once the run ended', () => {
  assert.equal(progressPercent({ status: 'running', progress: 0.426 }), 42)
  assert.equal(progressPercent({ status: 'running', progress: 1 }), 99)
  assert.equal(progressPercent({ status: 'queued', progress: 0 }), 0)
  assert.equal(progressPercent({ status: 'insufficient', progress: 0.7 }), 100)
})

test('each kind of outcome is counted against the minimum, the run’s own first', () => {
  assert.deepEqual(outcomeShortfall({ positives: 57, negatives: 230, minimumPerKind: 200 }, 100), {
    positives: { count: 57, minimum: 200, enough: false, missing: 143 },
    negatives: { count: 230, minimum: 200, enough: true, missing: 0 },
  })
  assert.equal(outcomeShortfall({ positives: 150, negatives: 0 }, 150).positives.enough, true)
})

test('the choice names both models’ cross-validated log loss, or nothing when one is missing', () => {
  assert.deepEqual(
    modelChoice({
      chosen: 'logreg',
      crossValidation: [
        { name: 'hgb', logLoss: 0.57 },
        { name: 'logreg', logLoss: 0.46 },
      ],
    }),
    { chosen: 'logreg', other: 'hgb', chosenLogLoss: 0.46, otherLogLoss: 0.57 },
  )
  assert.equal(modelChoice({ chosen: 'hgb', crossValidation: [{ name: 'hgb', logLoss: 0.5 }] }), null)
})

test('the reliability scale is the next tenth above every point, between 0.1 and 1', () => {
  const band = (meanPredicted: number, observedRate: number) => ({
    band: 1,
    count: 10,
    lowestPredicted: 0,
    highestPredicted: 1,
    meanPredicted,
    observedRate,
  })
  assert.equal(reliabilityScale([band(0.57, 0.65)]), 0.7)
  assert.equal(reliabilityScale([band(0.3, 0.4)]), 0.4)
  assert.equal(reliabilityScale([band(0.01, 0)]), 0.1)
  assert.equal(reliabilityScale([band(0.97, 1)]), 1)
  assert.equal(reliabilityScale([]), 0.1)
})

test('the strongest factors come first, as many as asked for', () => {
  const ranked = strongestOf(
    [
      { feature: 'title', meanAbsContribution: 0.4 },
      { feature: 'daysActive', meanAbsContribution: 1.1 },
      { feature: 'source', meanAbsContribution: 0.7 },
    ],
    2,
  )
  assert.deepEqual(
    ranked.map((entry) => entry.feature),
    ['daysActive', 'source'],
  )
})

test('a feature column is read by what it means', () => {
  const cases: Array<[string, ReturnType<typeof featureMeaning>]> = [
    ['title', { kind: 'field', path: 'title' }],
    ['email.freeMail', { kind: 'field', path: 'email.freeMail' }],
    ['company.industry', { kind: 'company', field: 'industry' }],
    ['custom.budget', { kind: 'custom', field: 'budget' }],
    ['count.touchpoints', { kind: 'count', what: 'touchpoints' }],
    ['count.last30Days', { kind: 'count', what: 'last30Days' }],
    ['count.type.webinar_attended', { kind: 'type', type: 'webinar_attended' }],
    ['count.stage.decision', { kind: 'stage', stage: 'decision' }],
    ['daysSinceLastTouch', { kind: 'days', what: 'daysSinceLastTouch' }],
    ['Lead Source', { kind: 'other', name: 'Lead Source' }],
    ['count.unknown', { kind: 'other', name: 'count.unknown' }],
  ]
  for (const [feature, meaning] of cases) assert.deepEqual(featureMeaning(feature), meaning, feature)
})
