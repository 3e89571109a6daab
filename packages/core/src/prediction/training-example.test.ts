import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { StageChange } from '../backtest/backtest-lead.ts'
import { trainingExampleOf } from './training-example.ts'

const system: StageChange['actor'] = { type: 'system' }
const rep: StageChange['actor'] = { type: 'user' }
const change = (
  from: StageChange['from'],
  to: StageChange['to'],
  at: number,
  actor = system,
): StageChange => ({
  from,
  to,
  at,
  reason: to === 'recycled' || to === 'disqualified' ? 'no_budget' : null,
  actor,
})

test('a lead that reached the target is positive, described as handed off', () => {
  const changes = [
    change(null, 'lead', 1),
    change('lead', 'mql', 10),
    change('mql', 'sal', 12, rep),
    change('sal', 'sql', 20, rep),
  ]
  assert.deepEqual(trainingExampleOf(changes, 1, 'sql'), { positive: true, cutOff: 10 })
  // Not a customer yet, and not closed: open for that target.
  assert.equal(trainingExampleOf(changes, 1, 'customer'), undefined)
})

test('a lead sent back after its hand-off is negative; one still in sales is open', () => {
  const sent = [change(null, 'lead', 1), change('lead', 'mql', 10), change('mql', 'recycled', 15, rep)]
  assert.deepEqual(trainingExampleOf(sent, 1, 'sql'), { positive: false, cutOff: 10 })
  const waiting = [change(null, 'lead', 1), change('lead', 'mql', 10), change('mql', 'sal', 12, rep)]
  assert.equal(trainingExampleOf(waiting, 1, 'sql'), undefined)
  // Lost after SQL: a negative for the customer target, a positive for SQL.
  const lost = [...waiting, change('sal', 'sql', 20, rep), change('sql', 'recycled', 30, rep)]
  assert.deepEqual(trainingExampleOf(lost, 1, 'customer'), { positive: false, cutOff: 10 })
  assert.deepEqual(trainingExampleOf(lost, 1, 'sql'), { positive: true, cutOff: 10 })
})

test('a lead disqualified before any hand-off is negative as of then', () => {
  const changes = [change(null, 'lead', 1), change('lead', 'disqualified', 7)]
  assert.deepEqual(trainingExampleOf(changes, 1, 'sql'), { positive: false, cutOff: 7 })
})

test('a lead that entered sales at once counts from its first touchpoint; one without any is left out', () => {
  const outbound = [change(null, 'sal', 5), change('sal', 'sql', 9, rep)]
  assert.deepEqual(trainingExampleOf(outbound, 5, 'sql'), { positive: true, cutOff: 5 })
  assert.equal(trainingExampleOf(outbound, undefined, 'sql'), undefined)
  // Touched only after it was handed off (an import): nothing known at the hand-off.
  assert.equal(trainingExampleOf(outbound, 6, 'sql'), undefined)
})

test('a lead still in marketing has no outcome', () => {
  assert.equal(trainingExampleOf([change(null, 'lead', 1)], 1, 'sql'), undefined)
})
