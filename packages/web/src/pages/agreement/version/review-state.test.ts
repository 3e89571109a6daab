// A draft sent back shows the request's comment until it is proposed again; approvals get names.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { compactSteps, namesOf, pendingChangeRequest, type ReviewStep } from './review-state.ts'

const step = (action: string, extra: Partial<ReviewStep> = {}): ReviewStep => ({
  action,
  actorId: 'lena',
  actorName: 'Lena Hoffmann',
  side: null,
  comment: null,
  at: '2026-12-07T10:00:00.000Z',
  ...extra,
})
const REQUEST = step('changes_requested', {
  actorId: 'martina',
  actorName: 'Martina Wolf',
  comment: 'Zu niedrig',
})

test('a draft sent back carries the request, also after edits', () => {
  const steps = [step('drafted'), step('proposed'), REQUEST, step('edited')]
  assert.equal(pendingChangeRequest('draft', steps), REQUEST)
})

test('proposing again settles the request', () => {
  const steps = [step('drafted'), step('proposed'), REQUEST, step('edited'), step('proposed')]
  assert.equal(pendingChangeRequest('proposed', steps), undefined)
  // and a draft never sent back has nothing pending
  assert.equal(pendingChangeRequest('draft', [step('drafted'), step('edited')]), undefined)
})

test('names come from the history, API keys (no id) left out', () => {
  const names = namesOf([step('drafted'), REQUEST, step('approved', { actorId: null, actorName: null })])
  assert.deepEqual(
    [...names],
    [
      ['lena', 'Lena Hoffmann'],
      ['martina', 'Martina Wolf'],
    ],
  )
})

test('a run of saves by one person is one line, counted, at the last save', () => {
  const shown = compactSteps([
    step('drafted'),
    step('edited', { at: '2026-12-07T10:01:00.000Z' }),
    step('edited', { at: '2026-12-07T10:02:00.000Z' }),
    step('edited', { actorId: 'paula', actorName: 'Paula', at: '2026-12-07T10:03:00.000Z' }),
    step('edited', { at: '2026-12-07T10:04:00.000Z' }),
    step('proposed'),
  ])
  assert.deepEqual(
    shown.map((item) => [item.action, item.actorId, item.times, item.at.slice(11, 16)]),
    [
      ['drafted', 'lena', 1, '10:00'],
      ['edited', 'lena', 2, '10:02'],
      ['edited', 'paula', 1, '10:03'],
      ['edited', 'lena', 1, '10:04'],
      ['proposed', 'lena', 1, '10:00'],
    ],
  )
})
