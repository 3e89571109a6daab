import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import {
  isoWeekOf,
  isoWeekStartOf,
  periodBounds,
  weeksOfPeriod,
  type BacktestPeriod,
} from './backtest-weeks.ts'

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

  test('two instants share a week start exactly when they share an ISO week, across DST and zones', () => {
    const instant = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2031, 0, 1) })
    const zone = fc.constantFrom(ZONE, 'UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe')
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -8 * 86_400_000, max: 8 * 86_400_000 }),
        zone,
        (at, shift, zoneName) => {
          const other = at + shift
          assert.equal(
            isoWeekStartOf(at, zoneName) === isoWeekStartOf(other, zoneName),
            isoWeekOf(at, zoneName) === isoWeekOf(other, zoneName),
          )
        },
      ),
      { numRuns: 2000 },
    )
    // Sunday 23:59:59.999 and Monday 00:00 in Berlin, in the week clocks go back.
    const sunday = berlin('2026-10-25T23:59:59.999')
    assert.notEqual(isoWeekStartOf(sunday, ZONE), isoWeekStartOf(sunday + 1, ZONE))
    assert.equal(isoWeekStartOf(berlin('2026-10-19T00:00'), ZONE), isoWeekStartOf(sunday, ZONE))
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
