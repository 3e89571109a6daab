import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DateTime } from 'luxon'
import { isoWeekOf, periodBounds, weeksOfPeriod, type BacktestPeriod } from './backtest-weeks.ts'

const ZONE = 'Europe/Berlin'
const berlin = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis()
// Monday 2 to Sunday 15 November 2026: ISO weeks 2026-W45 and 2026-W46.
const PERIOD: BacktestPeriod = { from: '2026-11-02', to: '2026-11-15', timezone: ZONE }

describe('backtest periods and weeks in the workspace time zone', () => {
  test('Sunday 23:30 in Berlin is in that ISO week; Monday 00:30 in Berlin is in the next, though UTC says Sunday', () => {
    const monday = berlin('2026-11-09T00:30') // Sunday 23:30 UTC
    assert.equal(isoWeekOf(berlin('2026-11-08T23:30'), ZONE), '2026-W45')
    assert.equal(isoWeekOf(monday, ZONE), '2026-W46')
    assert.equal(isoWeekOf(monday, 'UTC'), '2026-W45')
  })

  test('the period runs from local midnight of `from` to local midnight after `to`', () => {
    assert.deepEqual(periodBounds(PERIOD), {
      start: Date.parse('2026-11-01T23:00:00Z'),
      end: Date.parse('2026-11-15T23:00:00Z'),
    })
  })

  test('partial weeks say how many of their days are in the period; a DST week still has 7', () => {
    // Wednesday 21 Oct to Tuesday 3 Nov 2026; clocks go back on Sunday 25 Oct.
    assert.deepEqual(weeksOfPeriod({ from: '2026-10-21', to: '2026-11-03', timezone: ZONE }), [
      { week: '2026-W43', starts: '2026-10-19', days: 5 },
      { week: '2026-W44', starts: '2026-10-26', days: 7 },
      { week: '2026-W45', starts: '2026-11-02', days: 2 },
    ])
  })

  test('weeks use the ISO week-numbering year: 1–3 January 2027 are in 2026-W53', () => {
    assert.deepEqual(weeksOfPeriod({ from: '2026-12-30', to: '2027-01-04', timezone: ZONE }), [
      { week: '2026-W53', starts: '2026-12-28', days: 5 },
      { week: '2027-W01', starts: '2027-01-04', days: 1 },
    ])
    assert.equal(isoWeekOf(berlin('2027-01-03T12:00'), ZONE), '2026-W53')
  })

  test('an invalid period throws', () => {
    for (const period of [
      { ...PERIOD, from: '2026-11-16' },
      { ...PERIOD, to: '2026-02-30' },
      { ...PERIOD, timezone: 'Mars/Olympus' },
    ]) {
      assert.throws(() => periodBounds(period), /invalid backtest period/)
    }
  })
})
