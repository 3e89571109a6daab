import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DateTime } from 'luxon'
import { buildBacktestReport } from '../../../../../core/src/backtest/backtest-report.ts'
import type { BacktestLead } from '../../../../../core/src/backtest/backtest-lead.ts'
import {
  chartMaximum,
  chartRowsOf,
  isCapacityFarAbove,
  formatCalendarDay,
  formatWeekTick,
  weekNumberOf,
} from './backtest-chart.ts'

const ZONE = 'Europe/Berlin'
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis()

function lead(id: string, candidate: string | null, baseline: string | null, handOff?: string): BacktestLead {
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
        mql: handOff ? at(handOff) : null,
        sal: null,
        sql: null,
        opportunity: null,
        customer: null,
      },
      rejection: null,
    },
  }
}

// Wednesday 4 to Tuesday 17 November 2026: a partial W45 (5 days), all of W46, a partial W47 (2 days).
const PERIOD = { from: '2026-11-04', to: '2026-11-17', timezone: ZONE }
const LEADS = [
  lead('a', '2026-11-04T10:00', '2026-11-05T10:00', '2026-11-05T10:00'),
  lead('b', '2026-11-09T00:30', null),
  lead('c', '2026-11-10T10:00', '2026-11-16T10:00', '2026-11-08T23:30'),
  lead('d', null, '2026-11-17T09:00'),
]

describe('chartRowsOf', () => {
  test('one row per week of the period with both versions, the hand-offs and the capacity', () => {
    const report = buildBacktestReport({
      period: PERIOD,
      versions: { candidate: 3, baseline: 2 },
      capacityPerWeek: 12,
      leads: LEADS,
    })
    assert.deepEqual(chartRowsOf(report), [
      {
        week: '2026-W45',
        starts: '2026-11-02',
        days: 5,
        candidate: 1,
        baseline: 1,
        handOffs: 2,
        capacity: 12,
      },
      {
        week: '2026-W46',
        starts: '2026-11-09',
        days: 7,
        candidate: 2,
        baseline: 0,
        handOffs: 0,
        capacity: 12,
      },
      {
        week: '2026-W47',
        starts: '2026-11-16',
        days: 2,
        candidate: 0,
        baseline: 2,
        handOffs: 0,
        capacity: 12,
      },
    ])
  })
  test('without a capacity the rows carry none', () => {
    const report = buildBacktestReport({
      period: PERIOD,
      versions: { candidate: 3, baseline: 2 },
      capacityPerWeek: null,
      leads: LEADS,
    })
    assert.ok(chartRowsOf(report).every((row) => row.capacity === null))
  })
  test('a period without leads still has its weeks, all at 0', () => {
    const report = buildBacktestReport({
      period: PERIOD,
      versions: { candidate: 3, baseline: 2 },
      capacityPerWeek: null,
      leads: [],
    })
    const rows = chartRowsOf(report)
    assert.equal(rows.length, 3)
    assert.equal(chartMaximum(rows), 0)
  })
})

describe('chartMaximum', () => {
  test('the capacity counts, so its line stays inside the chart', () => {
    const row = { week: 'W', starts: '2026-11-02', days: 7, candidate: 3, baseline: 5, handOffs: 4 }
    assert.equal(chartMaximum([{ ...row, capacity: 9 }]), 9)
    assert.equal(chartMaximum([{ ...row, capacity: null }]), 5)
  })
  test('zoomed in, the capacity does not count', () => {
    const row = { week: 'W', starts: '2026-11-02', days: 7, candidate: 3, baseline: 5, handOffs: 4 }
    assert.equal(chartMaximum([{ ...row, capacity: 150 }], { capacity: false }), 5)
  })
})

describe('isCapacityFarAbove', () => {
  const row = { week: 'W', starts: '2026-11-02', days: 7, candidate: 3, baseline: 5, handOffs: 4 }
  const cases = [
    [150, true],
    [16, true],
    [15, false],
    [4, false],
    [null, false],
  ] as const
  for (const [capacity, far] of cases) {
    test(`capacity ${capacity} over at most 5 a week → ${far}`, () =>
      assert.equal(isCapacityFarAbove([{ ...row, capacity }]), far))
  }
  test('a period without MQLs or hand-offs: any capacity is far above', () =>
    assert.equal(isCapacityFarAbove([{ ...row, candidate: 0, baseline: 0, handOffs: 0, capacity: 1 }]), true))
})

describe('week labels in the locale', () => {
  const cases = [
    ['de-DE', '02.11.', '02.11.2026'],
    ['en-GB', '2 Nov', '2 Nov 2026'],
  ] as const
  for (const [locale, tick, start] of cases) {
    test(locale, () => {
      assert.equal(formatWeekTick('2026-11-02', locale), tick)
      assert.equal(formatCalendarDay('2026-11-02', locale), start)
    })
  }
  test('the week number of an ISO week key', () => {
    assert.equal(weekNumberOf('2026-W05'), 5)
    assert.equal(weekNumberOf('2026-W53'), 53)
  })
})
