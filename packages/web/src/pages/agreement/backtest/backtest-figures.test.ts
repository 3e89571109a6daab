import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DateTime } from 'luxon'
import { buildBacktestReport } from '../../../../../core/src/backtest/backtest-report.ts'
import {
  OUTCOME_STAGES as CORE_STAGES,
  type BacktestLead,
} from '../../../../../core/src/backtest/backtest-lead.ts'
import {
  baseRateUnavailable,
  formatLift,
  formatShare,
  medianUnavailable,
  shiftOf,
  stageFigureUnavailable,
  stillSentShare,
} from './backtest-figures.ts'
import { OUTCOME_STAGES } from './backtest-types.ts'

const ZONE = 'Europe/Berlin'
const PERIOD = { from: '2026-11-02', to: '2026-11-15', timezone: ZONE }
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis()

function lead(id: string, candidate: string | null, baseline: string | null, sal?: string): BacktestLead {
  const outcome = (mql: string | null) => ({
    mqlAt: mql === null ? null : at(mql),
    explanations: [],
    lane: null,
    source: null,
  })
  return {
    leadId: id,
    candidate: outcome(candidate),
    baseline: outcome(baseline),
    actual: {
      reachedAt: {
        mql: sal ? at(sal) : null,
        sal: sal ? at(sal) : null,
        sql: null,
        opportunity: null,
        customer: null,
      },
      rejection: null,
    },
  }
}

// a and b reached SAL; nobody reached SQL or later; the baseline makes nobody MQL.
const report = buildBacktestReport({
  period: PERIOD,
  versions: { candidate: 8, baseline: 7 },
  capacityPerWeek: null,
  leads: [
    lead('a', '2026-11-03T10:00', null, '2026-11-04T10:00'),
    lead('b', null, null, '2026-11-05T10:00'),
    lead('c', '2026-11-10T10:00', null),
  ],
})
const empty = buildBacktestReport({
  period: PERIOD,
  versions: { candidate: 8, baseline: 7 },
  capacityPerWeek: 10,
  leads: [],
})

describe('the screen knows the outcome stages the core reports', () => {
  test('same stages in the same order', () => assert.deepEqual([...OUTCOME_STAGES], [...CORE_STAGES]))
})

describe('formatShare', () => {
  const cases = [
    [0.256, 'de-DE', '25,6\u00a0%'],
    [0.256, 'en-GB', '25.6%'],
    [0, 'de-DE', '0\u00a0%'],
    [1, 'en-GB', '100%'],
    [null, 'de-DE', null],
  ] as const
  for (const [value, locale, expected] of cases) {
    test(`${value} in ${locale} → ${expected}`, () => assert.equal(formatShare(value, locale), expected))
  }
})

describe('formatLift', () => {
  test('a factor with one decimal in the locale', () => {
    assert.equal(formatLift(1.84, 'de-DE'), '1,8×')
    assert.equal(formatLift(2, 'en-GB'), '2.0×')
  })
  test('null stays null, never 0×', () => assert.equal(formatLift(null, 'de-DE'), null))
})

describe('shiftOf', () => {
  const cases = [
    [-3.5, { direction: 'earlier', days: 3.5 }],
    [2, { direction: 'later', days: 2 }],
    [0, { direction: 'same', days: 0 }],
    [null, null],
  ] as const
  for (const [days, expected] of cases) {
    test(`${days} days`, () => assert.deepEqual(shiftOf(days), expected))
  }
})

describe('why a figure is not computable', () => {
  test('a figure the report has needs no reason', () => {
    assert.equal(report.versions[0].precision.sal, 0.5)
    assert.equal(stageFigureUnavailable(report, 'candidate', 'precision', 'sal'), null)
    assert.equal(stageFigureUnavailable(report, 'candidate', 'recall', 'sal'), null)
    assert.equal(baseRateUnavailable(report, 'sal'), null)
  })
  test('no lead reached the stage: precision, recall and lift say so; the base rate is a true 0 %', () => {
    for (const figure of ['precision', 'recall', 'lift'] as const) {
      assert.equal(report.versions[0][figure].sql, null)
      assert.equal(stageFigureUnavailable(report, 'candidate', figure, 'sql'), 'stage_not_reached')
    }
    assert.equal(report.actual.baseRate.customer, 0)
    assert.equal(baseRateUnavailable(report, 'customer'), null)
  })
  test('a version without MQLs has no precision, but its recall is 0 and stays a figure', () => {
    assert.equal(stageFigureUnavailable(report, 'baseline', 'precision', 'sal'), 'no_mqls')
    assert.equal(stageFigureUnavailable(report, 'baseline', 'lift', 'sal'), 'no_mqls')
    assert.equal(report.versions[1].recall.sal, 0)
    assert.equal(stageFigureUnavailable(report, 'baseline', 'recall', 'sal'), null)
  })
  test('a period without leads says that first', () => {
    assert.equal(stageFigureUnavailable(empty, 'candidate', 'precision', 'sal'), 'no_leads')
    assert.equal(baseRateUnavailable(empty, 'sal'), 'no_leads')
  })
  test('the median shift: no MQLs, or none really handed off', () => {
    assert.equal(medianUnavailable(report.versions[1]), 'no_mqls')
    const notHandedOff = buildBacktestReport({
      period: PERIOD,
      versions: { candidate: 8, baseline: 7 },
      capacityPerWeek: null,
      leads: [lead('c', '2026-11-10T10:00', null)],
    })
    assert.equal(medianUnavailable(notHandedOff.versions[0]), 'no_hand_offs')
    assert.equal(report.versions[0].medianDaysVsHandOff, -1)
    assert.equal(medianUnavailable(report.versions[0]), null)
  })
})

describe('stillSentShare', () => {
  test('a share of the rejected leads, null when sales rejected none', () => {
    assert.equal(stillSentShare(3, 4), 0.75)
    assert.equal(stillSentShare(0, 4), 0)
    assert.equal(stillSentShare(0, 0), null)
  })
})
