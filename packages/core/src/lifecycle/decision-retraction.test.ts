import { test } from 'node:test'
import assert from 'node:assert/strict'
import { refuseRetraction, UNDO_WINDOW_MS, type RecordedDecision } from './decision-retraction.ts'
import type { Actor } from './lead-lifecycle.ts'

const T0 = Date.parse('2026-11-02T09:00:00Z')
const rep: Actor = { type: 'user', id: 'rep-1' }
const reject: RecordedDecision = { id: 'd-1', at: T0, actor: rep, retractedAt: null }

const cases: Array<[string, RecordedDecision, string | undefined, Actor, number, string | null]> = [
  ['its maker, at once', reject, 'd-1', rep, T0, null],
  ['its maker, at the window’s last millisecond', reject, 'd-1', rep, T0 + UNDO_WINDOW_MS, null],
  ['its maker, one millisecond late', reject, 'd-1', rep, T0 + UNDO_WINDOW_MS + 1, 'UNDO_WINDOW_PASSED'],
  ['another rep', reject, 'd-1', { type: 'user', id: 'rep-2' }, T0, 'DECISION_NOT_YOURS'],
  ['an API key with the rep’s id', reject, 'd-1', { type: 'api_key', id: 'rep-1' }, T0, 'DECISION_NOT_YOURS'],
  ['a decision made after it', reject, 'd-2', rep, T0, 'DECISION_NOT_LATEST'],
  ['already retracted', { ...reject, retractedAt: T0 + 1 }, 'd-2', rep, T0 + 2, 'DECISION_ALREADY_UNDONE'],
  [
    'a system decision',
    { ...reject, actor: { type: 'system', agreementVersion: 1 } },
    'd-1',
    { type: 'system', agreementVersion: 1 },
    T0,
    'DECISION_NOT_YOURS',
  ],
]

for (const [name, decision, latestId, actor, now, code] of cases) {
  test(`undo by ${name}: ${code ?? 'allowed'}`, () => {
    assert.equal(refuseRetraction(decision, latestId, actor, now)?.code ?? null, code)
  })
}
