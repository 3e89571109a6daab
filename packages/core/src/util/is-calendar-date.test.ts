import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { isCalendarDate, isLeapYear } from './is-calendar-date.ts'

describe('isCalendarDate', () => {
  const cases: Array<[string, string, boolean]> = [
    ['an ordinary day', '2026-03-14', true],
    ['the last day of a 31-day month', '2026-01-31', true],
    ['the last day of a 30-day month', '2026-04-30', true],
    ['31 April does not exist', '2026-04-31', false],
    ['30 February is rolled over by Date.parse, refused here', '2026-02-30', false],
    ['29 February in a leap year', '2024-02-29', true],
    ['29 February in a common year', '2026-02-29', false],
    ['29 February in a century year that is not a leap year', '1900-02-29', false],
    ['29 February in a century year divisible by 400', '2000-02-29', true],
    ['month 00', '2026-00-10', false],
    ['month 13', '2026-13-01', false],
    ['day 00', '2026-01-00', false],
    ['day 32', '2026-01-32', false],
    ['year 0000 is a full-date', '0000-01-01', true],
    ['one-digit month', '2026-1-01', false],
    ['five-digit year', '12026-01-01', false],
    ['a date-time is not a date', '2026-01-01T00:00:00Z', false],
    ['slashes', '2026/01/01', false],
    ['surrounding space', ' 2026-01-01', false],
    ['a trailing newline', '2026-01-01\n', false],
    ['non-ASCII digits', '２０２６-01-01', false],
    ['empty', '', false],
  ]
  for (const [name, text, expected] of cases) {
    test(`${name}: ${JSON.stringify(text)} → ${expected}`, () => assert.equal(isCalendarDate(text), expected))
  }
})

describe('isLeapYear', () => {
  const cases: Array<[number, boolean]> = [
    [2024, true],
    [2026, false],
    [2100, false],
    [2000, true],
    [0, true],
  ]
  for (const [year, expected] of cases) {
    test(`${year} → ${expected}`, () => assert.equal(isLeapYear(year), expected))
  }
})
