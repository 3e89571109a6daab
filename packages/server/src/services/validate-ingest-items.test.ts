import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { validateIngestItems } from './validate-ingest-items.ts'

const NOW = new Date('2026-11-02T09:00:00Z')
const item = (change: Record<string, unknown>) => ({
  id: 'form-1',
  type: 'page_view',
  occurredAt: '2026-11-01T10:00:00Z',
  lead: { email: 'anna@example.de' },
  ...change,
})

describe('validateIngestItems', () => {
  // Each bad item sits second, after a good one, so the index and the kept item are both checked.
  const refused: Array<[string, Record<string, unknown>, string]> = [
    ['30 February', { occurredAt: '2026-02-30T10:00:00Z' }, '/events/1/occurredAt'],
    ['hour 24', { occurredAt: '2026-10-31T24:00:00Z' }, '/events/1/occurredAt'],
    ['a leap second', { occurredAt: '2016-12-31T23:59:60Z' }, '/events/1/occurredAt'],
    ['an offset beyond ±23:59', { occurredAt: '2026-10-31T10:00:00-24:00' }, '/events/1/occurredAt'],
    ['a property of 1e400', { properties: { score: JSON.parse('1e400') } }, '/events/1/properties/score'],
    [
      'a custom field of -1e400',
      { lead: { email: 'a@b.de', custom: { x: -Infinity } } },
      '/events/1/lead/custom/x',
    ],
  ]
  for (const [name, change, path] of refused) {
    test(`rejects ${name} for its item only, naming ${path}`, () => {
      const { valid, errors } = validateIngestItems(
        [item({ id: 'good' }), item({ id: 'bad', ...change })],
        NOW,
      )
      assert.deepEqual(
        valid.map((entry) => entry.event.id),
        ['good'],
      )
      assert.equal(errors.length, 1)
      assert.equal(errors[0]!.index, 1)
      assert.equal(errors[0]!.id, 'bad')
      assert.equal(errors[0]!.code, 'invalid')
      assert.ok(
        errors[0]!.errors.some((error) => error.path === path),
        JSON.stringify(errors[0]!.errors),
      )
    })
  }

  test('reads an accepted time with its offset, to the millisecond', () => {
    const { valid } = validateIngestItems([item({ occurredAt: '2024-02-29T23:30:00.250-23:59' })], NOW)
    assert.equal(valid[0]!.occurredAt.toISOString(), '2024-03-01T23:29:00.250Z')
  })
})
