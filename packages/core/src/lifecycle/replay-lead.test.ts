import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ANNA, DAY, T0, compileSmall, touchpoint, versionsOf } from '../testing/core-fixtures.ts'
import { replayLead, type Decision } from './replay-lead.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import { explanationText } from '../explanation/explanation.ts'
import { creditTouchpoints } from '../scoring/credit-touchpoints.ts'
import { scoreLead } from '../scoring/score-lead.ts'

const agreement = compileSmall()
const versions = versionsOf(agreement)
const rep = { type: 'user', id: 'rep-1' } as const
const first = (at = T0, extra: Partial<Touchpoint> = {}) =>
  touchpoint('content_click', at, { leadFields: ANNA, ...extra })

function replay(touchpoints: Touchpoint[], decisions: Decision[] = [], until = T0 + 400 * DAY) {
  return replayLead({ email: ANNA.email, touchpoints, decisions, versions, until })
}

const path = (result: ReturnType<typeof replay>) =>
  result.transitions.map((transition) => `${transition.from}>${transition.to}`)

describe('automatic transitions', () => {
  test('an inbound lead enters as lead and becomes MQL when it raises its hand', () => {
    const demo = touchpoint('demo_request', T0 + 2 * DAY)
    const result = replay([first(), demo])
    assert.deepEqual(path(result), ['null>lead', 'lead>mql'])
    const mql = result.transitions[1]!
    assert.equal(mql.at, demo.occurredAt)
    assert.deepEqual(mql.trigger, { kind: 'touchpoint', id: demo.id })
    assert.deepEqual(mql.actor, { type: 'system', agreementVersion: 1 })
    assert.equal(mql.fit, 30)
    assert.ok(
      mql.explanations.map(explanationText).some((reason) => reason.includes('hand-raiser demo_request')),
      mql.explanations.map(explanationText).join('; '),
    )
  })

  test('the score path needs fit, engagement and two decision-stage touchpoints in 21 days', () => {
    const decision = (day: number) =>
      touchpoint('page_view', T0 + day * DAY, { contentId: 'pricing', journeyStage: 'decision' })
    assert.deepEqual(path(replay([first(), decision(1), decision(30)])), ['null>lead'])
    assert.deepEqual(path(replay([first(), decision(1), decision(10)])), ['null>lead', 'lead>mql'])
  })

  test('a cold-outreach lead enters as SAL owned by the SDR who imported it', () => {
    const result = replay([first(T0, { source: 'sdr_list', properties: { owner: 'Sdr@Demo.takt.dev' } })])
    assert.deepEqual(path(result), ['null>sal'])
    assert.equal(result.state?.ownerRef, 'sdr@demo.takt.dev')
    assert.equal(result.state?.lane, 'cold_outreach')
  })

  test('a bounced address disqualifies with reason invalid', () => {
    const result = replay([first(), touchpoint('email_bounced', T0 + DAY)])
    assert.deepEqual(path(result), ['null>lead', 'lead>disqualified'])
    assert.equal(result.transitions[1]!.reason, 'invalid')
  })

  test('a student title disqualifies at once, before any MQL', () => {
    const result = replay([
      first(T0, { leadFields: { ...ANNA, title: 'Werkstudentin Produktion' } }),
      touchpoint('demo_request', T0 + 1),
    ])
    assert.deepEqual(path(result), ['null>lead', 'lead>disqualified'])
  })

  test('an MQL stays MQL when its engagement decays below the threshold', () => {
    const result = replay([first(), touchpoint('demo_request', T0 + DAY)], [], T0 + 365 * DAY)
    assert.equal(result.state?.stage, 'mql')
  })
})

describe('decisions and recycling', () => {
  const mqlAt = T0 + DAY
  const base = () => [first(), touchpoint('demo_request', mqlAt)]
  const decide = (id: string, at: number, command: Decision['command']): Decision => ({
    id,
    at,
    actor: rep,
    command,
  })

  test('a rejected lead re-qualifies at the end of its cool-down when new engagement is enough', () => {
    const rejectedAt = mqlAt + DAY
    const again = touchpoint('demo_request', rejectedAt + 25 * DAY) // within the 30-day cool-down of bad_timing
    const result = replay(
      [...base(), again],
      [decide('d1', rejectedAt, { kind: 'reject', reason: 'bad_timing' })],
    )
    assert.deepEqual(path(result), ['null>lead', 'lead>mql', 'mql>recycled', 'recycled>mql'])
    const requalified = result.transitions[3]!
    assert.equal(requalified.at, rejectedAt + 30 * DAY)
    assert.deepEqual(requalified.trigger, { kind: 'cool_down_ended' })
  })

  test('old engagement from before the rejection does not re-qualify a lead', () => {
    const rejectedAt = mqlAt + DAY
    const result = replay([...base()], [decide('d1', rejectedAt, { kind: 'reject', reason: 'bad_timing' })])
    assert.equal(result.state?.stage, 'recycled')
    assert.equal(result.state?.recycleCount, 1)
  })

  test('a recycled lead waits for the cool-down and reports when to look again', () => {
    const rejectedAt = mqlAt + DAY
    const result = replay(
      [...base()],
      [decide('d1', rejectedAt, { kind: 'reject', reason: 'no_budget' })],
      rejectedAt + 5 * DAY,
    )
    assert.equal(result.nextCheckAt, rejectedAt + 60 * DAY)
  })

  test('a decision that is illegal at its time is refused, not applied', () => {
    const result = replay(base(), [decide('early', T0 + 1000, { kind: 'accept' })])
    assert.deepEqual(path(result), ['null>lead', 'lead>mql'])
    assert.equal(result.refusedDecisions[0]?.id, 'early')
    assert.equal(result.refusedDecisions[0]?.error.code, 'ILLEGAL_TRANSITION')
  })

  test('the full path to customer records actors and reasons', () => {
    const decisions = [
      decide('a', mqlAt + 1000, { kind: 'accept' }),
      decide('q', mqlAt + 2000, {
        kind: 'qualify',
        checklist: { confirmed: { bant: ['need', 'budget', 'timeline'] } },
      }),
      decide('o', mqlAt + 3000, { kind: 'open_deal', amount: 80_000, expectedCloseDate: '2027-02-01' }),
      decide('w', mqlAt + 4000, { kind: 'win' }),
    ]
    const result = replay(base(), decisions)
    assert.deepEqual(path(result), [
      'null>lead',
      'lead>mql',
      'mql>sal',
      'sal>sql',
      'sql>opportunity',
      'opportunity>customer',
    ])
    assert.deepEqual(result.transitions[2]!.actor, rep)
    assert.equal(result.state?.deal?.amount, 80_000)
  })

  test('decisions made at the same instant replay in the order they were made', () => {
    const at = mqlAt + 1000
    const decisions: Decision[] = [
      { id: 'zzz', at, seq: 1, actor: rep, command: { kind: 'accept' } },
      {
        id: 'aaa',
        at,
        seq: 2,
        actor: rep,
        command: { kind: 'qualify', checklist: { confirmed: { bant: ['need', 'budget', 'timeline'] } } },
      },
    ]
    assert.equal(replay(base(), decisions).state?.stage, 'sql')
  })

  test('as of an earlier instant the lead is exactly as it stood then', () => {
    const result = replay(base(), [decide('a', mqlAt + 1000, { kind: 'accept' })], mqlAt)
    assert.equal(result.state?.stage, 'mql')
    assert.equal(result.touchpoints.length, 2)
  })
})

describe('agreement versions', () => {
  test('a new version applies from its activation on and re-evaluates waiting leads then', () => {
    const lenient = compileSmall({ mql: { score: 'fit', gte: 30 } })
    const activatedAt = T0 + 10 * DAY
    const result = replayLead({
      email: ANNA.email,
      touchpoints: [first()],
      decisions: [],
      versions: [...versions, { version: 2, activatedAt, agreement: lenient }],
      until: T0 + 20 * DAY,
    })
    assert.deepEqual(path(result), ['null>lead', 'lead>mql'])
    assert.deepEqual(result.transitions[1]!.trigger, { kind: 'agreement_activated', version: 2 })
    assert.equal(result.transitions[1]!.agreementVersion, 2)
  })
})

describe('replay properties', () => {
  const types = [
    'content_click',
    'page_view',
    'demo_request',
    'unsubscribe',
    'email_bounced',
    'webinar_attended',
  ]
  const specs = fc.array(
    fc.record({
      type: fc.constantFrom(...types),
      hours: fc.integer({ min: 0, max: 24 * 120 }),
      decision: fc.boolean(),
    }),
    { minLength: 1, maxLength: 30 },
  )

  test('any arrival order of touchpoints and decisions gives the same history', () => {
    fc.assert(
      fc.property(
        specs,
        fc.array(fc.integer({ min: 0, max: 24 * 120 }), { maxLength: 4 }),
        fc.integer(),
        (items, decisionHours, seed) => {
          const touchpoints = items.map((item, index) =>
            touchpoint(item.type, T0 + item.hours * 3_600_000, {
              id: `t${index}`,
              leadFields: index === 0 ? ANNA : {},
              ...(item.decision ? { contentId: 'pricing', journeyStage: 'decision' as const } : {}),
            }),
          )
          const decisions: Decision[] = decisionHours.map((hours, index) => ({
            id: `d${index}`,
            at: T0 + hours * 3_600_000 + 1,
            actor: rep,
            command: index % 2 === 0 ? { kind: 'accept' } : { kind: 'reject', reason: 'bad_timing' },
          }))
          const shuffle = <T>(list: T[]) =>
            list
              .map((value, i) => ({ value, key: Math.imul(i + 1, seed | 1) >>> 7 }))
              .sort((a, b) => a.key - b.key)
              .map((entry) => entry.value)
          const inOrder = replay(touchpoints, decisions)
          const outOfOrder = replay(shuffle(touchpoints), shuffle(decisions))
          assert.deepEqual(outOfOrder, inOrder)
        },
      ),
      { numRuns: 200 },
    )
  })

  test('hands over the credits scoring would compute under the version in force at the end', () => {
    const capped = compileSmall({ mql: { score: 'fit', gte: 30 } })
    fc.assert(
      fc.property(specs, fc.integer({ min: 0, max: 24 * 120 }), (items, activationHours) => {
        const touchpoints = items.map((item, index) =>
          touchpoint(item.type, T0 + item.hours * 3_600_000, { id: `c${index}`, leadFields: ANNA }),
        )
        const until = T0 + 100 * DAY
        const activatedAt = T0 + activationHours * 3_600_000
        const result = replayLead({
          email: ANNA.email,
          touchpoints,
          decisions: [],
          versions: [...versions, { version: 2, activatedAt, agreement: capped }],
          until,
        })
        const agreement = activatedAt <= until ? capped : versions[0]!.agreement
        assert.deepEqual(result.credits, creditTouchpoints(agreement, result.touchpoints))
        assert.deepEqual(
          scoreLead(agreement, result.profile, result.touchpoints, until, result.credits),
          scoreLead(agreement, result.profile, result.touchpoints, until),
        )
      }),
    )
  })

  test('replaying the same log twice gives the same result', () => {
    fc.assert(
      fc.property(specs, (items) => {
        const touchpoints = items.map((item, index) =>
          touchpoint(item.type, T0 + item.hours * 3_600_000, { id: `r${index}`, leadFields: ANNA }),
        )
        assert.deepEqual(replay(touchpoints), replay(touchpoints))
      }),
    )
  })
})
