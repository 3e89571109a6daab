import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DAY, berlinDay, berlinToUtc, fairDaysBetween, weekday } from './calendar.ts'

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY

test('Berlin wall-clock time converts to UTC across daylight-saving changes', () => {
  assert.equal(new Date(berlinToUtc(dayOf('2025-01-15'), 600)).toISOString(), '2025-01-15T09:00:00.000Z')
  assert.equal(new Date(berlinToUtc(dayOf('2025-03-30'), 600)).toISOString(), '2025-03-30T08:00:00.000Z')
  assert.equal(
    new Date(berlinToUtc(dayOf('2025-07-01'), 23 * 60 + 30)).toISOString(),
    '2025-07-01T21:30:00.000Z',
  )
  assert.equal(new Date(berlinToUtc(dayOf('2025-10-26'), 600)).toISOString(), '2025-10-26T09:00:00.000Z')
})

test('Berlin day numbers and weekdays follow the local calendar', () => {
  // 23:30 UTC on 1 July is already 2 July in Berlin.
  assert.equal(berlinDay(Date.parse('2025-07-01T23:30:00Z')), dayOf('2025-07-02'))
  assert.equal(weekday(dayOf('2025-06-15')), 0) // a Sunday
  assert.equal(weekday(dayOf('2025-06-17')), 2) // a Tuesday
})

test('fair days are listed only inside the window', () => {
  const days = fairDaysBetween(Date.parse('2025-04-01T00:00:00Z'), Date.parse('2025-05-01T00:00:00Z'))
  assert.ok(days.length > 0 && days.every((fair) => fair.name === 'Hannover Messe'))
  assert.deepEqual(
    fairDaysBetween(Date.parse('2025-07-01T00:00:00Z'), Date.parse('2025-07-31T00:00:00Z')),
    [],
  )
})
