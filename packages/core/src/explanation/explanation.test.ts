import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { compileCondition, type ConditionContext } from '../agreement/compile-condition.ts'
import type { Condition } from '../agreement/agreement-document.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import { asExplanation, explanationText, localizedText, type Explanation } from './explanation.ts'

const DAY = 86_400_000
const AT = Date.parse('2026-11-20T10:00:00Z')

function touchpoint(type: string, daysAgo: number): Touchpoint {
  return { id: `${type}-${daysAgo}`, type, occurredAt: AT - daysAgo * DAY, properties: {} } as Touchpoint
}

function context(touchpoints: Touchpoint[] = []): ConditionContext {
  return {
    at: AT,
    profile: { email: 'petra@kunde.de', title: 'Head of Production', company: { employees: 240 } },
    scores: { fit: 64.96, engagement: 12, total: 76.96, engagementSinceRecycled: 0 },
    touchpoints,
    count: touchpoints.length,
    isHandRaiser: (candidate) => candidate.type === 'demo_request',
  }
}

const explain = (condition: Condition, touchpoints?: Touchpoint[]) =>
  compileCondition(condition, {
    decision_shift: {
      label: { de: 'Entscheidungsphase', en: 'Decision shift' },
      touchpoints: { journeyStage: 'decision' },
      atLeast: 2,
      withinDays: 21,
    },
  }).explain(context(touchpoints))

describe('condition explanations', () => {
  test('carry the condition and the lead’s value, not words', () => {
    assert.deepEqual(explain({ score: 'fit', gte: 40 }), [
      { code: 'score', condition: { score: 'fit', gte: 40 }, value: 65 },
    ])
    assert.deepEqual(explain({ field: 'company.employees', between: [200, 999] }), [
      { code: 'field', condition: { field: 'company.employees', between: [200, 999] }, value: 240 },
    ])
    assert.deepEqual(explain({ field: 'company.industry', exists: true }), [
      { code: 'field', condition: { field: 'company.industry', exists: true }, value: null },
    ])
  })

  test('count touchpoints of a signal with its label in both languages', () => {
    const [explanation] = explain({ signal: 'decision_shift' }, [touchpoint('pricing_view', 3)])
    assert.deepEqual(explanation, {
      code: 'touchpoints',
      signal: { id: 'decision_shift', label: { de: 'Entscheidungsphase', en: 'Decision shift' } },
      match: { journeyStage: 'decision' },
      found: 0,
      atLeast: 2,
      withinDays: 21,
    })
  })

  test('name the hand-raiser found, or that there is none', () => {
    assert.deepEqual(explain({ handRaiser: true }, [touchpoint('demo_request', 1)]), [
      { code: 'hand_raiser', touchpointType: 'demo_request' },
    ])
    assert.deepEqual(explain({ handRaiser: true, withinDays: 1 }, [touchpoint('demo_request', 2)]), [
      { code: 'no_hand_raiser' },
    ])
  })

  test('`not` marks the inner explanation negated; twice cancels out', () => {
    const inner = { score: 'fit', lt: 10 } as const
    assert.deepEqual(explain({ not: inner }), [{ code: 'score', condition: inner, value: 65, negated: true }])
    assert.deepEqual(explain({ not: { not: inner } }), [
      { code: 'score', condition: inner, value: 65, negated: false },
    ])
  })

  test('an `any` that fails says how many alternatives it had', () => {
    assert.deepEqual(
      explain({
        any: [
          { score: 'fit', gte: 90 },
          { score: 'engagement', gte: 90 },
        ],
      }),
      [{ code: 'none_of', alternatives: 2 }],
    )
  })
})

describe('explanationText: the English sentence the API returns', () => {
  const cases: Array<[Explanation, string]> = [
    [{ code: 'score', condition: { score: 'fit', gte: 40, lt: 80 }, value: 65 }, 'fit 65 ≥ 40, < 80'],
    [
      { code: 'field', condition: { field: 'company.country', in: ['DE', 'AT'] }, value: 'DE' },
      'company.country "DE" in ["DE","AT"]',
    ],
    [
      {
        code: 'touchpoints',
        signal: null,
        match: { type: 'webinar_attended' },
        found: 1,
        atLeast: 3,
        withinDays: null,
      },
      'touchpoints: 1 of 3 touchpoints',
    ],
    [{ code: 'score', condition: { score: 'fit', lt: 10 }, value: 65, negated: true }, 'not (fit 65 < 10)'],
    [
      {
        code: 'first_touchpoint',
        source: null,
        lane: 'inbound',
        laneLabel: localizedText(undefined, 'inbound'),
      },
      'first touchpoint from source unknown (lane inbound)',
    ],
    [{ code: 'disqualifier', rule: 'student', label: { de: 'Studierende', en: 'Students' } }, 'Students'],
    [
      {
        code: 'territory',
        team: 'south',
        teamLabel: { de: 'Süd', en: 'South' },
        matched: [
          { code: 'field', condition: { field: 'company.postcode', matches: '^[89]' }, value: '80331' },
        ],
      },
      'territory South (company.postcode "80331" matches "^[89]")',
    ],
    [
      { code: 'territory', team: 'all', teamLabel: { de: 'Alle', en: 'All' }, matched: [] },
      'territory All (no territory limits)',
    ],
    [
      {
        code: 'round_robin',
        team: 'south',
        teamLabel: { de: 'Süd', en: 'South' },
        after: null,
        rep: 'a@x.de',
      },
      'round-robin in South: a@x.de starts the rotation',
    ],
    [
      { code: 'account_owner_skipped', rep: 'a@x.de', cause: 'at_capacity', openLeads: 26, capacity: 25 },
      'account owner a@x.de skipped: at capacity 26/25',
    ],
    [{ code: 'sla_lapsed', rep: 'a@x.de' }, 'reassigned: the SLA lapsed with a@x.de'],
  ]
  for (const [explanation, text] of cases) {
    test(`${explanation.code}: ${text}`, () => assert.equal(explanationText(explanation), text))
  }

  test('texts stored before explanations were data read as notes', () => {
    assert.deepEqual(asExplanation('owner of lane partner'), { code: 'note', text: 'owner of lane partner' })
    assert.equal(explanationText(asExplanation('owner of lane partner')), 'owner of lane partner')
  })
})
