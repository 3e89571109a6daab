import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ANNA,
  DAY,
  SMALL_AGREEMENT,
  T0,
  compileSmall,
  touchpoint,
  versionsOf,
} from '../testing/core-fixtures.ts'
import { foldLead, replayLead, EMPTY_SNAPSHOT, type Decision } from './replay-lead.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'

const rep = { type: 'user', id: 'rep-1' } as const
const manager = { type: 'user', id: 'manager-1' } as const
const mqlAt = T0 + DAY
const rejectedAt = mqlAt + DAY
const base = () => [touchpoint('content_click', T0, { leadFields: ANNA }), touchpoint('demo_request', mqlAt)]
const reject: Decision = {
  id: 'reject',
  at: rejectedAt,
  actor: rep,
  command: { kind: 'reject', reason: 'bad_timing' },
}

function replayWith(endsCoolDown: boolean | undefined, touchpoints: Touchpoint[], decisions = [reject]) {
  const recycling = { ...SMALL_AGREEMENT.recycling!, handRaiserEndsCoolDown: endsCoolDown }
  const agreement = compileSmall({ recycling })
  return replayLead({
    email: ANNA.email,
    touchpoints,
    decisions,
    versions: versionsOf(agreement),
    until: rejectedAt + 60 * DAY,
  })
}

const stages = (result: ReturnType<typeof replayWith>) =>
  result.transitions.map((transition) => `${transition.from}>${transition.to}`)

describe('a hand-raiser during a cool-down', () => {
  // bad_timing cools down for the default 30 days; the demo request comes on day 20, late enough that
  // its points still re-qualify the lead when the cool-down ends without the flag.
  const handRaiser = () => touchpoint('demo_request', rejectedAt + 20 * DAY)

  for (const { flag, requalifiedAt, trigger } of [
    { flag: true, requalifiedAt: rejectedAt + 20 * DAY, trigger: 'touchpoint' },
    { flag: false, requalifiedAt: rejectedAt + 30 * DAY, trigger: 'cool_down_ended' },
    { flag: undefined, requalifiedAt: rejectedAt + 30 * DAY, trigger: 'cool_down_ended' },
  ] as const) {
    test(`re-qualifies ${flag ? 'at once' : 'only when the cool-down ends'} with handRaiserEndsCoolDown ${flag}`, () => {
      const result = replayWith(flag, [...base(), handRaiser()])
      assert.deepEqual(stages(result), ['null>lead', 'lead>mql', 'mql>recycled', 'recycled>mql'])
      const requalified = result.transitions[3]!
      assert.equal(requalified.at, requalifiedAt)
      assert.equal(requalified.trigger.kind, trigger)
    })
  }

  test('a touchpoint that is no hand-raiser leaves the cool-down running', () => {
    const clicks = [1, 2, 3].map((day) => touchpoint('content_click', rejectedAt + day * DAY))
    const result = replayWith(true, [...base(), ...clicks])
    assert.deepEqual(stages(result), ['null>lead', 'lead>mql', 'mql>recycled'])
    assert.equal(result.state?.coolDownUntil, rejectedAt + 30 * DAY)
  })

  test('folding on from a snapshot gives the same history as a full replay', () => {
    const recycling = { ...SMALL_AGREEMENT.recycling!, handRaiserEndsCoolDown: true }
    const versions = versionsOf(compileSmall({ recycling }))
    const input = { email: ANNA.email, decisions: [reject], versions }
    const before = foldLead(EMPTY_SNAPSHOT, { ...input, touchpoints: base(), until: rejectedAt + DAY })
    const all = [...base(), handRaiser()]
    const until = rejectedAt + 60 * DAY
    const continued = foldLead(before.snapshot, { ...input, touchpoints: all, until })
    const full = replayLead({ ...input, touchpoints: all, until })
    assert.equal(continued.resumed, true)
    assert.deepEqual(continued.state, full.state)
    assert.deepEqual(continued.transitions.at(-1), full.transitions.at(-1))
  })
})

describe('a manager hands a lead to sales', () => {
  for (const [stage, decision] of [
    ['recycled', reject],
    [
      'disqualified',
      { id: 'dq', at: rejectedAt, actor: rep, command: { kind: 'disqualify', reason: 'competitor' } },
    ],
  ] as const) {
    test(`a ${stage} lead becomes an MQL without an owner, with the reason and agreement version`, () => {
      const handed: Decision = {
        id: 'hand',
        at: rejectedAt + 2 * DAY,
        actor: manager,
        command: { kind: 'hand_to_sales', reason: 'Asked for a demo' },
      }
      const result = replayWith(false, base(), [decision as Decision, handed])
      assert.deepEqual(stages(result).slice(-2), [`mql>${stage}`, `${stage}>mql`])
      const last = result.transitions.at(-1)!
      assert.equal(last.reason, 'Asked for a demo')
      assert.deepEqual(last.actor, manager)
      assert.equal(last.agreementVersion, 1)
      assert.equal(result.state?.ownerRef, undefined)
      assert.equal(result.state?.coolDownUntil, undefined)
    })
  }
})
