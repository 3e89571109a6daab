// The activation dialog says "Keine Änderungen" only when nothing moves, and flags reps the new MQLs
// would put over their capacity.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isNoChange, isOverCapacity, type PreviewCounts } from './activation-summary.ts'

const QUIET: PreviewCounts = {
  becomeMql: 0,
  leaveMql: 0,
  unrouted: 0,
  perRep: [{ openNow: 7, added: 0, capacity: 10 }],
}

test('all zero is no change; any lead or rep that moves is a change', () => {
  assert.equal(isNoChange(QUIET), true)
  assert.equal(isNoChange({ ...QUIET, becomeMql: 1 }), false)
  assert.equal(isNoChange({ ...QUIET, leaveMql: 2 }), false)
  assert.equal(isNoChange({ ...QUIET, unrouted: 1 }), false)
  assert.equal(isNoChange({ ...QUIET, perRep: [{ openNow: 7, added: 1, capacity: 10 }] }), false)
})

test('over capacity only past the limit, never without one', () => {
  assert.equal(isOverCapacity({ openNow: 8, added: 2, capacity: 10 }), false)
  assert.equal(isOverCapacity({ openNow: 8, added: 3, capacity: 10 }), true)
  assert.equal(isOverCapacity({ openNow: 80, added: 30, capacity: null }), false)
})
