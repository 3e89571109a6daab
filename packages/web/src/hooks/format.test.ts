import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createFormat, FALLBACK_TIME_ZONE } from './format.ts'

const t = (_key: string, options: { hours: string }) => `${options.hours} h`
// Late evening in New York is already the next morning in Berlin: the day itself differs.
const EVENING_IN_NEW_YORK = '2026-11-20T03:30:00Z'

describe('formatting in the workspace time zone', () => {
  test('a workspace in New York sees its own date and time', () => {
    const format = createFormat('de', 'America/New_York', t)
    assert.equal(format.dateTime(EVENING_IN_NEW_YORK), '19.11.2026, 22:30')
    assert.equal(format.date(EVENING_IN_NEW_YORK), '19.11.2026')
    assert.equal(createFormat('en', 'America/New_York', t).date(EVENING_IN_NEW_YORK), '19 Nov 2026')
  })

  test('Europe/Berlin is only the fallback, and follows daylight saving time', () => {
    const format = createFormat('de', FALLBACK_TIME_ZONE, t)
    assert.equal(format.dateTime(EVENING_IN_NEW_YORK), '20.11.2026, 04:30')
    assert.equal(format.dateTime('2026-07-01T03:30:00Z'), '01.07.2026, 05:30')
    assert.equal(format.date(null), '–')
  })

  test('numbers and business hours in the UI language', () => {
    assert.equal(createFormat('de', 'UTC', t).number(1234.56), '1.234,6')
    assert.equal(createFormat('en', 'UTC', t).businessHours(-2.5), '2.5 h')
  })
})
