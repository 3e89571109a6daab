import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DateTime } from 'luxon'
import { buildBacktestReport } from '../../../../../core/src/backtest/backtest-report.ts'
import type { BacktestLead } from '../../../../../core/src/backtest/backtest-lead.ts'
import {
  averageMqlsPerWeek,
  comparableRuns,
  compareReports,
  differenceOf,
  formatSigned,
  isSamePeriod,
  type ComparisonRow,
} from './backtest-comparison.ts'
import type { BacktestRun } from './backtest-types.ts'

const ZONE = 'Europe/Berlin'
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis()

/** A lead the candidate makes MQL at `mql` (or not), that really reached SAL at `sal` (or not). */
function lead(id: string, mql: string | null, sal: string | null, rejected = false): BacktestLead {
  return {
    leadId: id,
    candidate: { mqlAt: mql === null ? null : at(mql), explanations: [], lane: null, source: null },
    baseline: { mqlAt: null, explanations: [], lane: null, source: null },
    actual: {
      reachedAt: {
        mql: sal || rejected ? at(sal ?? '2026-11-04T09:00') : null,
        sal: sal ? at(sal) : null,
        sql: null,
        opportunity: null,
        customer: null,
      },
      rejection: rejected ? { reason: 'no_budget', at: at('2026-11-04T12:00') } : null,
    },
  }
}

// Two weeks, capacity 1: the candidate makes a, c and d MQL; a and b reached SAL; d was rejected.
const shown = buildBacktestReport({
  period: { from: '2026-11-02', to: '2026-11-15', timezone: ZONE },
  versions: { candidate: 8, baseline: 7 },
  capacityPerWeek: 1,
  leads: [
    lead('a', '2026-11-03T10:00', '2026-11-04T10:00'),
    lead('b', null, '2026-11-05T10:00'),
    lead('c', '2026-11-10T10:00', null),
    lead('d', '2026-11-11T10:00', null, true),
  ],
})
// One week without a capacity: both leads MQL, both reached SAL.
const other = buildBacktestReport({
  period: { from: '2026-11-02', to: '2026-11-08', timezone: ZONE },
  versions: { candidate: 9, baseline: 7 },
  capacityPerWeek: null,
  leads: [
    lead('a', '2026-11-03T10:00', '2026-11-04T10:00'),
    lead('b', '2026-11-04T10:00', '2026-11-05T10:00'),
  ],
})
const empty = buildBacktestReport({
  period: { from: '2026-11-02', to: '2026-11-08', timezone: ZONE },
  versions: { candidate: null, baseline: 7 },
  capacityPerWeek: 5,
  leads: [],
})

const rowOf = (rows: ComparisonRow[], key: ComparisonRow['key']) => rows.find((row) => row.key === key)!

describe('compareReports', () => {
  const rows = compareReports(shown, other)

  test('the rows in reading order, precision, recall and lift at every outcome stage', () => {
    assert.deepEqual(
      rows.map((row) => row.key),
      [
        'leads',
        'mqls',
        'mqlsPerWeek',
        'weeksOverCapacity',
        'precision.sal',
        'precision.sql',
        'precision.opportunity',
        'precision.customer',
        'recall.sal',
        'recall.sql',
        'recall.opportunity',
        'recall.customer',
        'lift.sal',
        'lift.sql',
        'lift.opportunity',
        'lift.customer',
        'medianDaysVsHandOff',
        'changedLeads',
        'stillSent',
      ],
    )
  })

  test('counts differ by counts: other minus shown', () => {
    assert.deepEqual(rowOf(rows, 'leads'), {
      key: 'leads',
      unit: 'count',
      shown: { value: 4, reason: null },
      other: { value: 2, reason: null },
      difference: -2,
    })
    const mqls = rowOf(rows, 'mqls')
    assert.deepEqual([mqls.shown.value, mqls.other.value, mqls.difference], [3, 2, -1])
  })

  test('the weekly average counts the days of the period', () => {
    const average = rowOf(rows, 'mqlsPerWeek')
    assert.equal(average.unit, 'average')
    assert.deepEqual([average.shown.value, average.other.value, average.difference], [1.5, 2, 0.5])
  })

  test('shares differ in percentage points', () => {
    const precision = rowOf(rows, 'precision.sal')
    assert.equal(precision.unit, 'share')
    assert.deepEqual(precision.stageFigure, { figure: 'precision', stage: 'sal' })
    // 1 of 3 MQLs reached SAL against 2 of 2: +66.7 points.
    assert.equal(precision.shown.value, 1 / 3)
    assert.equal(precision.other.value, 1)
    assert.equal(precision.difference!.toFixed(4), '66.6667')
    const recall = rowOf(rows, 'recall.sal')
    assert.deepEqual([recall.shown.value, recall.other.value, recall.difference], [0.5, 1, 50])
  })

  test('lift differs as a factor', () => {
    const lift = rowOf(rows, 'lift.sal')
    assert.equal(lift.unit, 'lift')
    // base rate 2 of 4 → lift (1/3) ÷ 0.5 = 0.667×; the other: 1 ÷ 1 = 1.0×.
    assert.equal(lift.other.value, 1)
    assert.equal(lift.difference!.toFixed(3), '0.333')
  })

  test('a figure either report leaves null is not computable, with its reason, and has no difference', () => {
    const sql = rowOf(rows, 'precision.sql')
    assert.deepEqual(sql.shown, { value: null, reason: 'stage_not_reached' })
    assert.equal(sql.difference, null)
    const over = rowOf(rows, 'weeksOverCapacity')
    assert.deepEqual(over.shown, { value: 1, reason: null }, 'week 2 has 2 MQLs over a capacity of 1')
    assert.deepEqual(over.other, { value: null, reason: 'no_capacity' })
    assert.equal(over.difference, null)
  })

  test('the median shift against the real hand-off differs in days', () => {
    const median = rowOf(rows, 'medianDaysVsHandOff')
    assert.equal(median.unit, 'days')
    // shown: a is 1 day early, d 0.96 days later than its hand-off; other: both 1 day early.
    assert.equal(median.other.value, -1)
    assert.equal(median.difference, -1 - median.shown.value!)
  })

  test('rejected leads the candidate still sends, with how many were rejected in each run', () => {
    const still = rowOf(rows, 'stillSent')
    assert.deepEqual([still.shown.value, still.other.value, still.difference], [1, 0, -1])
    assert.deepEqual(still.outOf, [1, 0])
  })

  test('a run without leads: nothing computable, counts are a true 0', () => {
    const withEmpty = compareReports(shown, empty)
    assert.deepEqual(rowOf(withEmpty, 'leads').other, { value: 0, reason: null })
    assert.deepEqual(rowOf(withEmpty, 'precision.sal').other, { value: null, reason: 'no_leads' })
    assert.deepEqual(rowOf(withEmpty, 'medianDaysVsHandOff').other, { value: null, reason: 'no_mqls' })
    assert.equal(rowOf(withEmpty, 'precision.sal').difference, null)
    assert.equal(rowOf(withEmpty, 'mqls').difference, -3)
  })

  test('a run against itself differs by nothing', () => {
    for (const row of compareReports(shown, shown)) {
      assert.ok(row.difference === null || Object.is(row.difference, 0), row.key)
    }
  })
})

describe('differenceOf', () => {
  const cases = [
    ['count', 3, 5, 2],
    ['count', 5, 3, -2],
    ['share', 0.1, 0.3, 20],
    ['share', 0.25, 0.25, 0],
    ['lift', 1.5, 2, 0.5],
    ['days', -2, 1.5, 3.5],
    ['count', null, 5, null],
    ['share', 0.5, null, null],
  ] as const
  for (const [unit, shownValue, otherValue, expected] of cases) {
    test(`${unit}: ${shownValue} → ${otherValue} is ${expected}`, () => {
      const difference = differenceOf(unit, shownValue, otherValue)
      assert.ok(Object.is(difference, expected), `${difference}`)
    })
  }
  test('never −0', () => assert.ok(Object.is(differenceOf('days', -1, -1), 0)))
})

describe('averageMqlsPerWeek', () => {
  test('per 7 days, partial weeks by their days', () => {
    const weeks = [
      { week: '2026-W45', starts: '2026-11-02', days: 3, mqls: 2 },
      { week: '2026-W46', starts: '2026-11-09', days: 7, mqls: 3 },
    ]
    assert.equal(averageMqlsPerWeek({ mqls: 5, mqlsPerWeek: weeks }), 3.5)
  })
  test('no days, no average', () => assert.equal(averageMqlsPerWeek({ mqls: 0, mqlsPerWeek: [] }), null))
})

function run(id: string, status: BacktestRun['status'], createdAt: string, from = '2026-01-01'): BacktestRun {
  return {
    id,
    status,
    progress: 1,
    candidateVersion: 4,
    against: 'active',
    baselineVersion: 3,
    period: { from, to: '2026-12-31' },
    error: null,
    jobId: null,
    createdBy: null,
    createdAt,
    finishedAt: null,
  }
}

describe('comparableRuns', () => {
  test('completed runs other than the shown one, each once, newest first', () => {
    const runs = [
      run('shown', 'completed', '2026-12-05T10:00:00.000Z'),
      run('old', 'completed', '2026-12-01T10:00:00.000Z'),
      run('working', 'running', '2026-12-06T10:00:00.000Z'),
      run('new', 'completed', '2026-12-04T10:00:00.000Z'),
      run('failed', 'failed', '2026-12-03T10:00:00.000Z'),
      // a run listed again on the next page, after newer ones moved the pages
      run('old', 'completed', '2026-12-01T10:00:00.000Z'),
    ]
    assert.deepEqual(
      comparableRuns(runs, 'shown').map((one) => one.id),
      ['new', 'old'],
    )
  })
})

describe('isSamePeriod', () => {
  test('the same calendar days, or not', () => {
    const a = run('a', 'completed', '2026-12-01T10:00:00.000Z')
    assert.equal(isSamePeriod(a, run('b', 'completed', '2026-12-02T10:00:00.000Z')), true)
    assert.equal(isSamePeriod(a, run('c', 'completed', '2026-12-02T10:00:00.000Z', '2026-06-01')), false)
  })
})

describe('formatSigned', () => {
  const cases = [
    [3, 'de-DE', 0, '+3'],
    [-2, 'en-GB', 0, '-2'],
    [15.25, 'de-DE', 1, '+15,3'],
    [-0.5, 'en-GB', 1, '-0.5'],
    [0, 'de-DE', 1, '0'],
    [0.01, 'de-DE', 1, '0'],
  ] as const
  for (const [value, locale, decimals, expected] of cases) {
    test(`${value} in ${locale} → ${expected}`, () =>
      assert.equal(formatSigned(value, locale, decimals).replace('\u2212', '-'), expected))
  }
})
