import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { capPeriodKey, localPeriodStart } from './cap-period.ts'
import type { CapPeriod } from '../agreement/agreement-document.ts'

const ms = (iso: string) => Date.parse(iso)

describe('cap periods around DST changes and half-hour offsets', () => {
  // [zone, per, instant (UTC), expected period start (UTC), why]
  const cases: Array<[string, CapPeriod, string, string, string]> = [
    // Europe/Berlin springs forward on 29 March 2026 at 01:00 UTC (02:00 CET → 03:00 CEST): a 23-hour day.
    ['Europe/Berlin', 'day', '2026-03-29T00:59:59.999Z', '2026-03-28T23:00:00Z', 'last CET instant'],
    ['Europe/Berlin', 'day', '2026-03-29T01:00:00.000Z', '2026-03-28T23:00:00Z', 'first CEST instant'],
    ['Europe/Berlin', 'day', '2026-03-29T21:59:59.999Z', '2026-03-28T23:00:00Z', 'end of the short day'],
    ['Europe/Berlin', 'day', '2026-03-29T22:00:00.000Z', '2026-03-29T22:00:00Z', 'Monday in CEST'],
    ['Europe/Berlin', 'week', '2026-03-29T21:59:59.999Z', '2026-03-22T23:00:00Z', 'the 167-hour week'],
    ['Europe/Berlin', 'week', '2026-03-29T22:00:00.000Z', '2026-03-29T22:00:00Z', 'the next week'],
    ['Europe/Berlin', 'month', '2026-03-31T21:59:59.999Z', '2026-02-28T23:00:00Z', 'March began in CET'],
    ['Europe/Berlin', 'month', '2026-03-31T22:00:00.000Z', '2026-03-31T22:00:00Z', 'April begins in CEST'],
    // Falls back on 25 October 2026 at 01:00 UTC (03:00 CEST → 02:00 CET): a 25-hour day, 02:xx twice.
    ['Europe/Berlin', 'day', '2026-10-25T00:30:00.000Z', '2026-10-24T22:00:00Z', 'first 02:30'],
    ['Europe/Berlin', 'day', '2026-10-25T01:30:00.000Z', '2026-10-24T22:00:00Z', 'second 02:30'],
    ['Europe/Berlin', 'day', '2026-10-25T22:59:59.999Z', '2026-10-24T22:00:00Z', 'end of the long day'],
    ['Europe/Berlin', 'day', '2026-10-25T23:00:00.000Z', '2026-10-25T23:00:00Z', 'Monday in CET'],
    ['Europe/Berlin', 'week', '2026-10-25T22:59:59.999Z', '2026-10-18T22:00:00Z', 'the 169-hour week'],
    ['Europe/Berlin', 'week', '2026-10-25T23:00:00.000Z', '2026-10-25T23:00:00Z', 'the next week'],
    // Asia/Kolkata: UTC+05:30 all year.
    ['Asia/Kolkata', 'day', '2026-03-01T18:29:59.999Z', '2026-02-28T18:30:00Z', 'before IST midnight'],
    ['Asia/Kolkata', 'day', '2026-03-01T18:30:00.000Z', '2026-03-01T18:30:00Z', 'IST midnight'],
    ['Asia/Kolkata', 'month', '2026-02-28T18:30:00.000Z', '2026-02-28T18:30:00Z', '1 March IST'],
    // Australia/Adelaide: +10:30 in summer, +09:30 in winter; DST ends 5 April, starts 4 October 2026.
    ['Australia/Adelaide', 'day', '2026-04-05T14:29:59.999Z', '2026-04-04T13:30:00Z', 'the 25-hour day'],
    ['Australia/Adelaide', 'day', '2026-04-05T14:30:00.000Z', '2026-04-05T14:30:00Z', 'Monday in ACST'],
    [
      'Australia/Adelaide',
      'month',
      '2026-04-30T14:29:59.999Z',
      '2026-03-31T13:30:00Z',
      'April began in ACDT',
    ],
    ['Australia/Adelaide', 'month', '2026-04-30T14:30:00.000Z', '2026-04-30T14:30:00Z', 'May begins in ACST'],
    ['Australia/Adelaide', 'day', '2026-10-04T13:29:59.999Z', '2026-10-03T14:30:00Z', 'the 23-hour day'],
    ['Australia/Adelaide', 'day', '2026-10-04T13:30:00.000Z', '2026-10-04T13:30:00Z', 'Monday in ACDT'],
    ['Australia/Adelaide', 'week', '2026-10-04T13:29:59.999Z', '2026-09-27T14:30:00Z', 'week began in ACST'],
    ['Europe/Berlin', 'ever', '2026-10-25T01:30:00.000Z', '1970-01-01T00:00:00Z', 'one period for ever'],
  ]
  for (const [zone, per, at, expected, why] of cases) {
    test(`${zone} ${per} at ${at}: ${why}`, () => {
      // Asked twice: once filling the cache, once reading it.
      assert.equal(
        new Date(capPeriodKey(ms(at), per, zone)).toISOString(),
        new Date(ms(expected)).toISOString(),
      )
      assert.equal(
        new Date(capPeriodKey(ms(at), per, zone)).toISOString(),
        new Date(ms(expected)).toISOString(),
      )
    })
  }
})

describe('cached periods equal luxon exactly', () => {
  // Berlin, half-hour (with and without DST), a 30-minute DST step, 45 minutes, and midnight that DST skips.
  const zones = [
    'Europe/Berlin',
    'Asia/Kolkata',
    'Australia/Adelaide',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/Santiago',
    'UTC',
  ]
  const periods = ['day', 'week', 'month'] as const
  // [zone, instant of an offset change (or any instant for a zone without one)]
  const changes: Array<[string, string]> = [
    ['Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-10-25T01:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // +11 → +10:30
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ['Australia/Adelaide', '2026-04-04T16:30:00Z'],
    ['Australia/Adelaide', '2026-10-03T16:30:00Z'],
    ['America/Santiago', '2026-04-05T03:00:00Z'], // Saturday 24:00 → 23:00
    ['America/Santiago', '2026-09-06T04:00:00Z'], // Sunday 00:00 → 01:00: no local midnight
    ['Asia/Kolkata', '2026-02-28T18:30:00Z'],
    ['Asia/Kathmandu', '2026-02-28T18:15:00Z'],
    ['UTC', '2026-02-28T00:00:00Z'],
  ]

  test('every 15 minutes and either side of each, two days around each change', () => {
    for (const [zone, iso] of changes) {
      const change = ms(iso)
      for (const per of periods) {
        for (let at = change - 2 * 86_400_000; at <= change + 2 * 86_400_000; at += 900_000) {
          for (const instant of [at - 1, at, at + 1]) {
            assert.equal(
              capPeriodKey(instant, per, zone),
              localPeriodStart(instant, per, zone),
              `${zone} ${per} ${new Date(instant).toISOString()}`,
            )
          }
        }
      }
    }
  })

  test('for instants asked in any order', () => {
    const instant = fc.integer({ min: ms('2020-01-01T00:00:00Z'), max: ms('2030-12-31T00:00:00Z') })
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...periods),
        fc.array(instant, { maxLength: 50 }),
        (zone, per, instants) => {
          for (const at of instants)
            assert.equal(capPeriodKey(at, per, zone), localPeriodStart(at, per, zone))
        },
      ),
      { numRuns: 300 },
    )
  })
})
