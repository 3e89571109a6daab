// The diff as people read it: grouped by area in the server's order, plain values as before → after.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { groupChanges, showValue, valueChange, type DiffChange, type ValueWords } from './diff-groups.ts'

const WORDS: ValueWords = {
  number: (value) => String(value).replace('.', ','),
  none: 'nicht gesetzt',
  yes: 'ja',
  no: 'nein',
}
const change = (section: string, extra: Partial<DiffChange> = {}): DiffChange => ({
  kind: 'setting_changed',
  section,
  subject: null,
  field: null,
  text: { de: `${section} geändert`, en: `${section} changed` },
  ...extra,
})

test('groups keep the order in which areas first appear, and each keeps its changes in order', () => {
  const changes = [
    change('fit', { subject: 'a' }),
    change('mql'),
    change('fit', { subject: 'b' }),
    change('sla'),
  ]
  const groups = groupChanges(changes)
  assert.deepEqual(
    groups.map((group) => [group.section, group.changes.map((item) => item.subject)]),
    [
      ['fit', ['a', 'b']],
      ['mql', [null]],
      ['sla', [null]],
    ],
  )
  assert.deepEqual(groupChanges([]), [])
})

test('a moved threshold reads 50 → 40; decimals as the language writes them', () => {
  const moved = change('mql', { kind: 'threshold_moved', field: 'engagement.gte', before: 50, after: 40 })
  assert.deepEqual(valueChange(moved, WORDS), ['50', '40'])
  assert.deepEqual(valueChange(change('engagement', { before: 1.5, after: 2 }), WORDS), ['1,5', '2'])
})

test('a value set for the first time reads "not set" before; lists and yes/no in words', () => {
  assert.deepEqual(valueChange(change('sla', { after: 8 }), WORDS), ['nicht gesetzt', '8'])
  assert.equal(showValue(['a', 'b'], WORDS), 'a, b')
  assert.equal(showValue([], WORDS), 'nicht gesetzt')
  assert.equal(showValue(true, WORDS), 'ja')
})

test('rules and conditions are left to the sentence: no before → after', () => {
  const added = change('fit', { kind: 'rule_added', after: { id: 'x', points: 5 } })
  assert.equal(valueChange(added, WORDS), undefined)
  assert.equal(valueChange(change('routing'), WORDS), undefined)
})
