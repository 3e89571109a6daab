import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { compareTouchpoints } from '../touchpoint/touchpoint.ts'
import { ANNA, DAY, T0, compileSmall, touchpoint } from '../testing/core-fixtures.ts'
import { scoreLead } from './score-lead.ts'
import type { LeadFields } from '../lead/lead-profile.ts'
import { creditTouchpoints, engagementAt } from './credit-touchpoints.ts'

const agreement = compileSmall()

describe('fit score', () => {
  const cases: Array<[string, LeadFields, number]> = [
    ['senior DACH title', ANNA, 30],
    ['compound German title via wildcard', { ...ANNA, title: 'Werkleiter' }, 30],
    ['no word match inside other words', { ...ANNA, title: 'Leiterplattenbestücker' }, 10],
    ['free-mail outside DACH', { email: 'x@gmail.com', title: 'Engineer', company: { country: 'US' } }, -10],
    ['unknown fields score nothing', { email: 'y@example.com' }, 0],
  ]
  for (const [name, profile, expected] of cases) {
    test(name, () => {
      assert.equal(scoreLead(agreement, profile, [], T0).fit, expected)
    })
  }
})

describe('engagement score', () => {
  test('halves every half-life and explains original vs current points', () => {
    const demo = touchpoint('demo_request', T0)
    const score = scoreLead(agreement, ANNA, [demo], T0 + 30 * DAY)
    assert.equal(score.engagement, 20)
    const contribution = score.contributions.find((entry) => entry.kind === 'engagement')
    assert.deepEqual(
      contribution && {
        points: contribution.points,
        original: contribution.originalPoints,
        rule: contribution.ruleId,
      },
      { points: 20, original: 40, rule: 'demo' },
    )
  })

  test('uses a rule-specific half-life', () => {
    const pricing = touchpoint('page_view', T0, { contentId: 'pricing' })
    assert.equal(scoreLead(agreement, ANNA, [pricing], T0 + 14 * DAY).engagement, 5)
  })

  test('caps points per Berlin calendar week', () => {
    // Six clicks on Monday to Wednesday: 2+2+1 credited (cap 5), the rest 0; next Monday starts fresh.
    const clicks = [0, 1, 2, 3, 4, 5].map((hour) => touchpoint('content_click', T0 + hour * 3_600_000))
    const nextWeek = touchpoint('content_click', T0 + 7 * DAY)
    const credits = creditTouchpoints(agreement, [...clicks, nextWeek])
    assert.deepEqual(
      credits.map((credit) => credit.credited),
      [2, 2, 1, 0, 0, 0, 2],
    )
  })

  test('a week boundary is local midnight in Berlin, not UTC', () => {
    // Sunday 23:30 UTC is already Monday 00:30 in Berlin (CET, UTC+1 in November).
    const sunday = Date.parse('2026-11-08T22:30:00Z')
    const mondayBerlin = Date.parse('2026-11-08T23:30:00Z')
    const views = [sunday, sunday + 60_000, mondayBerlin].map((at) =>
      touchpoint('page_view', at, { contentId: 'pricing' }),
    )
    assert.deepEqual(
      creditTouchpoints(agreement, views).map((credit) => credit.credited),
      [10, 10, 10],
    )
  })

  test('negative points reduce engagement', () => {
    const sorted = [touchpoint('demo_request', T0), touchpoint('unsubscribe', T0 + 1000)]
    assert.equal(Math.round(scoreLead(agreement, ANNA, sorted, T0 + 1000).engagement), 20)
  })
})

const arbitraryTouchpoints = fc.array(
  fc.record({
    type: fc.constantFrom('content_click', 'page_view', 'demo_request', 'unsubscribe', 'webinar_attended'),
    offsetHours: fc.integer({ min: 0, max: 24 * 90 }),
    pricing: fc.boolean(),
  }),
  { maxLength: 40 },
)

describe('scoring properties', () => {
  test('engagement never grows while nothing happens (positive rules only)', () => {
    fc.assert(
      fc.property(arbitraryTouchpoints, fc.integer({ min: 1, max: 1000 }), (specs, laterHours) => {
        const sorted = specs
          .filter((spec) => spec.type !== 'unsubscribe')
          .map((spec, index) =>
            touchpoint(spec.type, T0 + spec.offsetHours * 3_600_000, {
              id: `p${index}`,
              ...(spec.pricing ? { contentId: 'pricing' } : {}),
            }),
          )
          .sort(compareTouchpoints)
        const end = T0 + 90 * DAY
        const credits = creditTouchpoints(agreement, sorted)
        return engagementAt(credits, end + laterHours * 3_600_000) <= engagementAt(credits, end) + 1e-9
      }),
    )
  })

  test('the score does not depend on arrival order', () => {
    fc.assert(
      fc.property(arbitraryTouchpoints, fc.integer(), (specs, seed) => {
        const touchpoints = specs.map((spec, index) =>
          touchpoint(spec.type, T0 + spec.offsetHours * 3_600_000, {
            id: `o${index}`,
            ...(spec.pricing ? { contentId: 'pricing' } : {}),
          }),
        )
        const shuffled = [...touchpoints].sort((a, b) => (hash(a.id, seed) - hash(b.id, seed)) | 0)
        const at = T0 + 100 * DAY
        const first = scoreLead(agreement, ANNA, [...touchpoints].sort(compareTouchpoints), at)
        const second = scoreLead(agreement, ANNA, shuffled.sort(compareTouchpoints), at)
        assert.deepEqual(second, first)
      }),
    )
  })
})

function hash(text: string, seed: number): number {
  let value = seed
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 2654435761)
  return value
}
