import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { isInstant, parseInstant } from './is-instant.ts'

describe('parseInstant', () => {
  // Expected instants in UTC ISO form, so a wrong sign or offset cannot hide.
  const accepted: Array<[string, string, string]> = [
    ['UTC', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['a positive offset', '2026-03-01T10:00:00+01:00', '2026-03-01T09:00:00.000Z'],
    ['a negative offset with minutes', '2026-03-01T10:00:00-03:30', '2026-03-01T13:30:00.000Z'],
    ['the largest offset, +23:59', '2026-01-01T10:00:00+23:59', '2025-12-31T10:01:00.000Z'],
    ['the smallest offset, -23:59', '2026-01-01T10:00:00-23:59', '2026-01-02T09:59:00.000Z'],
    ['-00:00 (offset unknown) is UTC', '2026-01-01T10:00:00-00:00', '2026-01-01T10:00:00.000Z'],
    ['lower-case t and z', '2026-01-01t10:00:00z', '2026-01-01T10:00:00.000Z'],
    ['one fraction digit', '2026-01-01T10:00:00.5Z', '2026-01-01T10:00:00.500Z'],
    ['fractions beyond milliseconds are cut off', '2026-01-01T10:00:00.123999Z', '2026-01-01T10:00:00.123Z'],
    [
      'a fraction float arithmetic would round wrongly',
      '2026-01-01T10:00:00.29Z',
      '2026-01-01T10:00:00.290Z',
    ],
    ['29 February in a leap year', '2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['midnight', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    [
      'an offset that moves the day back over a year end',
      '2026-01-01T00:30:00+01:00',
      '2025-12-31T23:30:00.000Z',
    ],
    ['a year below 100 (Date.UTC would read it as 19xx)', '0099-06-01T00:00:00Z', '0099-06-01T00:00:00.000Z'],
  ]
  for (const [name, text, expected] of accepted) {
    test(`accepts ${name}: ${text}`, () => {
      const at = parseInstant(text)
      assert.equal(at === undefined ? undefined : new Date(at).toISOString(), expected)
      // The rest of the server reads accepted texts with new Date(text): it must agree to the millisecond.
      assert.equal(Date.parse(text), at)
    })
  }

  const refused: Array<[string, string]> = [
    ['30 February (Date.parse rolls it over to 2 March)', '2026-02-30T10:00:00Z'],
    ['29 February in a common year', '2026-02-29T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['hour 24 (Date.parse reads it as the next midnight)', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T10:60:00Z'],
    ['the leap second 23:59:60', '2016-12-31T23:59:60Z'],
    ['second 61', '2026-01-01T10:00:61Z'],
    ['offset +24:00', '2026-01-01T10:00:00+24:00'],
    ['offset minutes 60', '2026-01-01T10:00:00+05:60'],
    ['no time zone', '2026-01-01T10:00:00'],
    ['an offset without colon', '2026-01-01T10:00:00+0100'],
    ['a space instead of T', '2026-01-01 10:00:00Z'],
    ['no seconds', '2026-01-01T10:00Z'],
    ['an empty fraction', '2026-01-01T10:00:00.Z'],
    ['a date only', '2026-01-01'],
    ['a five-digit year', '12026-01-01T10:00:00Z'],
    ['what Date.parse also reads', 'Thu, 01 Jan 2026 10:00:00 GMT'],
    ['a number', '1767261600000'],
    ['trailing text', '2026-01-01T10:00:00Z '],
    ['empty', ''],
  ]
  for (const [name, text] of refused) {
    test(`refuses ${name}: ${JSON.stringify(text)}`, () => {
      assert.equal(parseInstant(text), undefined)
      assert.equal(isInstant(text), false)
    })
  }
})
