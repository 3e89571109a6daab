import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { dateOrder, formatDateEntry, parseDateEntry } from './date-entry.ts'

describe('date entry', () => {
  test('writes dates as the UI language does', () => {
    assert.equal(formatDateEntry('2026-03-04', 'de-DE'), '04.03.2026')
    assert.equal(formatDateEntry('2026-03-04', 'en-GB'), '04/03/2026')
    assert.equal(formatDateEntry('2026-03-04', 'en-US'), '03/04/2026')
  })

  test('knows the order of day, month and year', () => {
    assert.deepEqual(dateOrder('de-DE'), ['day', 'month', 'year'])
    assert.deepEqual(dateOrder('en-GB'), ['day', 'month', 'year'])
    assert.deepEqual(dateOrder('en-US'), ['month', 'day', 'year'])
  })

  const cases: Array<[string, string, string | undefined]> = [
    ['de-DE', '04.03.2026', '2026-03-04'],
    ['de-DE', '4.3.2026', '2026-03-04'],
    ['de-DE', '4.3.26', '2026-03-04'],
    ['de-DE', ' 04. 03. 2026 ', '2026-03-04'],
    ['de-DE', '04032026', '2026-03-04'],
    ['de-DE', '2026-03-04', '2026-03-04'],
    ['de-DE', '31.12.2026', '2026-12-31'],
    ['de-DE', '29.02.2028', '2028-02-29'],
    ['en-GB', '04/03/2026', '2026-03-04'],
    ['en-GB', '4-3-2026', '2026-03-04'],
    ['en-US', '03/04/2026', '2026-03-04'],
    ['en-US', '03042026', '2026-03-04'],
    // not a date
    ['de-DE', '', undefined],
    ['de-DE', '04.03.', undefined],
    ['de-DE', '31.02.2026', undefined],
    ['de-DE', '29.02.2026', undefined],
    ['de-DE', '13.13.2026', undefined],
    ['de-DE', '00.03.2026', undefined],
    ['de-DE', '04.03.202', undefined],
    ['de-DE', '004.03.2026', undefined],
    ['de-DE', 'morgen', undefined],
    ['en-GB', '03/13/2026', undefined],
  ]
  for (const [locale, text, expected] of cases) {
    test(`${locale} reads ${JSON.stringify(text)} as ${expected ?? 'no date'}`, () => {
      assert.equal(parseDateEntry(text, locale), expected)
    })
  }
})
