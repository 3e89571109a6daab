import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { compileBusinessCalendar, type BusinessHours } from './business-calendar.ts'

// The workshop agreement's hours: Mon–Fri 08:00–18:00 Berlin, German public holidays.
const HOURS: BusinessHours = {
  timezone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '08:00',
  end: '18:00',
  holidays: { country: 'DE' },
}
const calendar = compileBusinessCalendar(HOURS)
const HOUR = 3_600_000
/** Berlin wall-clock time to epoch ms. */
const berlin = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Berlin' }).toMillis()
const iso = (at: number) => new Date(at).toISOString()

describe('addBusinessHours', () => {
  // Expected instants in UTC, so a wrong UTC offset (e.g. across a DST switch) cannot hide.
  const cases: Array<[string, string, number, string]> = [
    ['Friday 16:00 carries over the weekend', '2026-09-11T16:00', 8, '2026-09-14T12:00:00.000Z'],
    ['Saturday starts at Monday opening', '2026-09-12T10:00', 8, '2026-09-14T14:00:00.000Z'],
    ['a deadline at closing time stays that evening', '2026-09-11T16:00', 2, '2026-09-11T16:00:00.000Z'],
    ['before opening rolls to 08:00', '2026-09-14T07:00', 0.5, '2026-09-14T06:30:00.000Z'],
    ['at closing time rolls to the next morning', '2026-09-14T18:00', 1, '2026-09-15T07:00:00.000Z'],
    ['exact to the millisecond', '2026-09-14T08:00', 0.0001, '2026-09-14T06:00:00.360Z'],
    // Wed 15–18 (3 h) + Thu 24 Dec 08–13 (5 h): Christmas Eve is no public holiday.
    ['23 December, 8 hours', '2026-12-23T15:00', 8, '2026-12-24T12:00:00.000Z'],
    // 3 h + 10 h on the 24th; 25th (Fri) and 26th are holidays, then the weekend: Mon 28th 08–11.
    ['23 December, 16 hours', '2026-12-23T15:00', 16, '2026-12-28T10:00:00.000Z'],
    // Thu 17–18 (1 h); 1 January is a holiday, then the weekend: Mon 4 January 08–15 (CET).
    ['across New Year', '2026-12-31T17:00', 8, '2027-01-04T14:00:00.000Z'],
    // Fri 15–18 CET (3 h); clocks go forward on Sunday 29 March; Mon 08–13 CEST is 06:00–11:00 UTC.
    ['spring DST weekend', '2026-03-27T15:00', 8, '2026-03-30T11:00:00.000Z'],
    // Fri 15–18 CEST (3 h); clocks go back on Sunday 25 October; Mon 08–13 CET is 07:00–12:00 UTC.
    ['autumn DST weekend', '2026-10-23T15:00', 8, '2026-10-26T12:00:00.000Z'],
  ]
  for (const [name, start, hours, expected] of cases) {
    test(name, () => assert.equal(iso(calendar.addBusinessHours(berlin(start), hours)), expected))
  }

  test('refuses negative hours', () => {
    assert.throws(() => calendar.addBusinessHours(berlin('2026-09-14T09:00'), -1), /negative/)
  })
})

describe('isBusinessTime and nextOpening', () => {
  const cases: Array<[string, string, boolean, string]> = [
    ['opening instant', '2026-09-14T08:00:00.000', true, '2026-09-14T08:00'],
    ['just before opening', '2026-09-14T07:59:59.999', false, '2026-09-14T08:00'],
    ['just before closing', '2026-09-14T17:59:59.999', true, '2026-09-14T17:59:59.999'],
    ['closing instant', '2026-09-14T18:00:00.000', false, '2026-09-15T08:00'],
    ['Friday evening', '2026-09-11T18:30', false, '2026-09-14T08:00'],
    ['Saturday', '2026-09-12T12:00', false, '2026-09-14T08:00'],
    ['Christmas Eve is a working day', '2026-12-24T10:00', true, '2026-12-24T10:00'],
    ['Christmas Day', '2026-12-25T10:00', false, '2026-12-28T08:00'],
  ]
  for (const [name, at, open, next] of cases) {
    test(name, () => {
      assert.equal(calendar.isBusinessTime(berlin(at)), open)
      assert.equal(iso(calendar.nextOpening(berlin(at))), iso(berlin(next)))
    })
  }
})

describe('businessMsBetween', () => {
  const cases: Array<[string, string, string, number]> = [
    ['over a weekend', '2026-09-11T16:00', '2026-09-14T14:00', 8 * HOUR],
    ['over the spring DST switch', '2026-03-27T15:00', '2026-03-30T13:00', 8 * HOUR],
    ['over Christmas', '2026-12-23T15:00', '2026-12-28T11:00', 16 * HOUR],
    ['backwards is negative', '2026-09-14T14:00', '2026-09-11T16:00', -8 * HOUR],
    ['within a closed weekend', '2026-09-12T09:00', '2026-09-13T17:00', 0],
    ['backwards over a weekend is +0, not -0', '2026-09-13T17:00', '2026-09-12T09:00', 0],
  ]
  for (const [name, from, to, expected] of cases) {
    test(name, () => assert.equal(calendar.businessMsBetween(berlin(from), berlin(to)), expected))
  }
})

describe('regional holidays', () => {
  // Mon 14–18 (4 h); 6 January (Heilige Drei Könige) is a holiday in Bavaria, not in North Rhine-Westphalia.
  const cases: Array<[string, string | undefined, string]> = [
    ['Bavaria skips 6 January', 'BY', '2026-01-07T12:00'],
    ['ISO 3166-2 form', 'de-by', '2026-01-07T12:00'],
    ['North Rhine-Westphalia works on 6 January', 'NW', '2026-01-06T12:00'],
    ['nationwide by default', undefined, '2026-01-06T12:00'],
  ]
  for (const [name, region, expected] of cases) {
    test(name, () => {
      const regional = calendar.holidaysFor(region)
      assert.equal(iso(regional.addBusinessHours(berlin('2026-01-05T14:00'), 8)), iso(berlin(expected)))
    })
  }

  test('caches one calendar per region', () => {
    assert.equal(calendar.holidaysFor('BY'), calendar.holidaysFor('DE-BY'))
    assert.equal(calendar.holidaysFor('BY').region, 'BY')
  })

  test('the agreement can name a default region', () => {
    const bavarian = compileBusinessCalendar({ ...HOURS, holidays: { country: 'DE', region: 'BY' } })
    assert.equal(bavarian.isBusinessTime(berlin('2026-01-06T10:00')), false)
    assert.equal(bavarian.holidaysFor('NW').isBusinessTime(berlin('2026-01-06T10:00')), true)
  })

  test('an unknown region or country fails instead of silently dropping holidays', () => {
    assert.throws(() => calendar.holidaysFor('XX'), /unknown holiday region XX/)
    assert.throws(() => compileBusinessCalendar({ ...HOURS, holidays: { country: 'ZZ' } }), /ZZ/)
  })

  test('fixed holiday dates apply to every region', () => {
    const fixed = compileBusinessCalendar({ ...HOURS, holidays: ['2026-09-14'] })
    assert.equal(iso(fixed.addBusinessHours(berlin('2026-09-11T16:00'), 8)), iso(berlin('2026-09-15T14:00')))
    assert.equal(fixed.holidaysFor('BY'), fixed)
  })
})

describe('properties', () => {
  const start = fc.integer({
    min: Date.parse('2025-01-01T00:00:00Z'),
    max: Date.parse('2028-12-31T00:00:00Z'),
  })
  const businessMs = fc.integer({ min: 0, max: 300 * HOUR })
  const region = fc.constantFrom(undefined, 'BY', 'NW', 'SN')

  test('addBusinessHours then businessMsBetween round-trips to the millisecond', () => {
    fc.assert(
      fc.property(start, businessMs, region, (at, ms, state) => {
        const regional = calendar.holidaysFor(state)
        const end = regional.addBusinessHours(at, ms / HOUR)
        assert.equal(regional.businessMsBetween(at, end), ms)
      }),
    )
  })

  test('business time adds up over any split point', () => {
    fc.assert(
      fc.property(start, start, start, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number]
        const total = calendar.businessMsBetween(a, c)
        assert.equal(calendar.businessMsBetween(a, b) + calendar.businessMsBetween(b, c), total)
      }),
    )
  })

  test('round-trips for any opening hours, including ones inside the DST gap', () => {
    // At least an hour a week and at most 40 business hours, so a run spans months, not centuries.
    const minutes = fc.integer({ min: 0, max: 23 * 60 - 1 })
    const hours = fc
      .tuple(
        fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, { minLength: 1 }),
        minutes,
      )
      .chain(([days, from]) =>
        fc.integer({ min: from + 60, max: 24 * 60 - 1 }).map((to) => ({ days, from, to })),
      )
    const clock = (minute: number) =>
      `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
    fc.assert(
      fc.property(hours, start, fc.integer({ min: 0, max: 40 * HOUR }), ({ days, from, to }, at, ms) => {
        // Fixed (no) holidays: building public holidays per run would dominate the test time.
        const custom = compileBusinessCalendar({
          ...HOURS,
          days,
          start: clock(from),
          end: clock(to),
          holidays: [],
        })
        const end = custom.addBusinessHours(at, ms / HOUR)
        assert.equal(custom.businessMsBetween(at, end), ms)
        assert.ok(end >= at)
      }),
    )
  })
})
