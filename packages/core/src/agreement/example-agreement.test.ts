// The workshop agreement (shared/examples/agreement-example.md) in the agreement language, applied to
// hand-built leads whose scores and stages are worked out by hand below.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseAgreement } from './parse-agreement.ts'
import { compileAgreement } from './compile-agreement.ts'
import { replayLead, type Decision } from '../lifecycle/replay-lead.ts'
import { scoreLead } from '../scoring/score-lead.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import type { LeadFields } from '../lead/lead-profile.ts'

const text = readFileSync(new URL('./fixtures/dach-production-planning.yaml', import.meta.url), 'utf8')
const parsed = parseAgreement(text)
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
const agreement = compileAgreement(parsed.document)
const versions = [{ version: 1, activatedAt: 0, agreement }]

const DAY = 86_400_000
const START = Date.parse('2026-09-07T09:00:00Z') // a Monday
const day = (n: number) => START + n * DAY
let next = 0
const tp = (type: string, at: number, extra: Partial<Touchpoint> = {}): Touchpoint => ({
  id: `h${String(next++).padStart(4, '0')}`,
  type,
  occurredAt: at,
  source: 'website',
  properties: {},
  ...extra,
})
const half = (points: number, days: number, halfLife = 30) => points * 0.5 ** (days / halfLife)
const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`)
const replay = (email: string, touchpoints: Touchpoint[], until: number, decisions: Decision[] = []) =>
  replayLead({ email, touchpoints, decisions, versions, until })

const anna: LeadFields = {
  email: 'anna.schmidt@example.de',
  title: 'Head of Sales',
  company: {
    name: 'Example GmbH',
    domain: 'example.de',
    industry: 'maschinenbau',
    employees: 250,
    country: 'DE',
  },
}

describe('fit, as the workshop wrote it', () => {
  const cases: Array<[string, LeadFields, number]> = [
    // manufacturing +20, 200–5,000 +20, DACH +10, "Head of" +15
    ['Head of Sales at a 250-person Maschinenbauer in Germany', anna, 65],
    // 50–199 +10, DACH +10, "Produktionsleiterin" via *leiter* +15; plastics earns nothing
    [
      'Produktionsleiterin at a 120-person plastics firm in Austria',
      {
        email: 'b@kunststoff.at',
        title: 'Produktionsleiterin',
        company: { industry: 'kunststofftechnik', employees: 120, country: 'AT' },
      },
      35,
    ],
    // software −30, under 50 −10, DACH +10
    [
      'a small software house in Switzerland',
      {
        email: 'c@code.ch',
        title: 'Entwickler',
        company: { industry: 'software', employees: 12, country: 'CH' },
      },
      -30,
    ],
    // free mail −10, nothing else known
    ['a gmail address with no company', { email: 'someone@gmail.com', title: 'Einkäufer' }, -10],
    // US: no country points; 200–5,000 +20; manufacturing +20; CTO +15
    [
      'a CTO of a US manufacturer',
      {
        email: 'd@mfg.us',
        title: 'CTO',
        company: { industry: 'maschinenbau', employees: 3000, country: 'US' },
      },
      55,
    ],
  ]
  for (const [name, fields, expected] of cases) {
    test(name, () => assert.equal(scoreLead(agreement, fields, [], START).fit, expected))
  }
})

describe('engagement, decay and caps', () => {
  test('newsletter clicks count at most 10 points a week', () => {
    const clicks = Array.from({ length: 8 }, (_, index) =>
      tp('content_click', day(0) + index * 3_600_000, { journeyStage: 'orientation' }),
    )
    const at = day(6)
    // 5 clicks × 2 points reach the cap; the other three earn nothing. All were earned on day 0 (hours apart).
    const expected = clicks
      .slice(0, 5)
      .reduce((sum, click) => sum + half(2, (at - click.occurredAt) / DAY), 0)
    close(scoreLead(agreement, anna, clicks, at).engagement, expected)
  })

  test('the pricing page counts twice a week and fades with a 14-day half-life', () => {
    const views = [0, 1, 2].map((n) =>
      tp('page_view', day(n), { contentId: 'pricing', journeyStage: 'decision' }),
    )
    close(scoreLead(agreement, anna, views, day(14)).engagement, half(10, 14, 14) + half(10, 13, 14))
  })

  test('an unsubscribe takes 20 points and a careers visit 5', () => {
    const touchpoints = [
      tp('webinar_attended', day(0)),
      tp('unsubscribe', day(1)),
      tp('page_view', day(1), { contentId: 'careers' }),
    ]
    close(scoreLead(agreement, anna, touchpoints, day(1)).engagement, half(15, 1) - 20 - 5)
  })
})

describe('when marketing hands over', () => {
  test('the score path: fit ≥ 40, engagement ≥ 50 and two decision-stage touchpoints in 21 days', () => {
    const touchpoints = [
      tp('content_click', day(0), { journeyStage: 'orientation', leadFields: anna }),
      tp('content_download', day(3), { journeyStage: 'consideration' }),
      tp('page_view', day(10), { contentId: 'pricing', journeyStage: 'decision' }),
      tp('case_study_view', day(12), { journeyStage: 'decision' }),
      tp('webinar_attended', day(13)),
      tp('roi_calculator_used', day(14), { journeyStage: 'decision' }),
    ]
    // On day 13: 2·½^(13/30) + 10·½^(10/30) + 10·½^(3/14) + 15·½^(1/30) + 15 ≈ 47.7 < 50, so still a lead.
    const day13 = half(2, 13) + half(10, 10) + half(10, 3, 14) + half(15, 1) + 15
    assert.ok(day13 < 50)
    close(scoreLead(agreement, anna, touchpoints.slice(0, 5), day(13)).engagement, day13)
    // On day 14 the ROI calculator adds 15: ≈ 61.4 ≥ 50 with three decision touchpoints in 21 days.
    const day14 = half(2, 14) + half(10, 11) + half(10, 4, 14) + half(15, 2) + half(15, 1) + 15
    const result = replay(anna.email, touchpoints, day(20))
    assert.deepEqual(
      result.transitions.map((t) => `${t.from}>${t.to}`),
      ['null>lead', 'lead>mql'],
    )
    assert.equal(result.transitions[1]!.at, day(14))
    close(result.transitions[1]!.engagement, day14)
    assert.equal(result.transitions[1]!.fit, 65)
  })

  test('a demo request with fit ≥ 20 is handed over at once', () => {
    const bernd = {
      email: 'bernd@kunststoff.at',
      title: 'Einkäufer',
      company: { industry: 'kunststofftechnik', employees: 120, country: 'AT' },
    }
    const result = replay(bernd.email, [tp('demo_request', day(0), { leadFields: bernd })], day(1))
    assert.equal(result.state?.stage, 'mql')
    assert.equal(result.transitions[1]!.fit, 20)
  })

  test('a demo request from a thin profile (fit below 20) waits', () => {
    const thin = { email: 'someone@gmail.com', title: 'Einkäufer' }
    const result = replay(thin.email, [tp('demo_request', day(0), { leadFields: thin })], day(1))
    assert.equal(result.state?.stage, 'lead')
  })
})

describe('never hand over', () => {
  const cases: Array<[string, Touchpoint[], string]> = [
    [
      'a Werkstudentin',
      [
        tp('demo_request', day(0), {
          leadFields: { ...anna, email: 'w@example.de', title: 'Werkstudentin Produktionsplanung' },
        }),
      ],
      'student',
    ],
    [
      'a competitor',
      [tp('demo_request', day(0), { leadFields: { email: 'spy@fabrikcockpit.de' } })],
      'competitor',
    ],
    [
      'a bounced address',
      [tp('content_click', day(0), { leadFields: anna }), tp('email_bounced', day(1))],
      'invalid',
    ],
  ]
  for (const [name, touchpoints, reason] of cases) {
    test(`${name} is disqualified (${reason})`, () => {
      const email = touchpoints[0]!.leadFields?.email ?? 'x@example.de'
      const result = replay(email, touchpoints, day(2))
      assert.equal(result.state?.stage, 'disqualified')
      assert.equal(result.transitions.at(-1)!.reason, reason)
    })
  }
})

describe('sources and recycling', () => {
  test('cold outreach enters as SAL owned by the SDR who imported it', () => {
    const result = replay(
      anna.email,
      [
        tp('email_open', day(0), {
          source: 'sdr_list',
          properties: { owner: 'felix.krueger@demo.takt.dev' },
          leadFields: anna,
        }),
      ],
      day(1),
    )
    assert.equal(result.state?.stage, 'sal')
    assert.equal(result.state?.ownerRef, 'felix.krueger@demo.takt.dev')
  })

  test('a lead rejected for no budget returns after 60 days only with 25 new points', () => {
    const rep = { type: 'user' as const, id: 'rep' }
    const touchpoints = [
      tp('demo_request', day(0), { leadFields: anna }),
      tp('webinar_attended', day(30)), // new engagement after the rejection on day 1
      tp('contact_sales', day(40)),
    ]
    const reject: Decision = {
      id: 'r',
      at: day(1),
      actor: rep,
      command: { kind: 'reject', reason: 'no_budget' },
    }
    // Day 40: the hand-raise happens inside the 60-day cool-down, so the lead stays recycled …
    assert.equal(replay(anna.email, touchpoints, day(59), [reject]).state?.stage, 'recycled')
    // … and on day 61, when the cool-down ends, the new points are 15·½^(31/30) + 40·½^(21/30) ≈ 32 ≥ 25.
    const result = replay(anna.email, touchpoints, day(70), [reject])
    const requalified = result.transitions.at(-1)!
    assert.equal(`${requalified.from}>${requalified.to}`, 'recycled>mql')
    assert.equal(requalified.at, day(61))
    assert.deepEqual(requalified.trigger, { kind: 'cool_down_ended' })
    assert.ok(half(15, 31) + half(40, 21) >= 25)
  })
})
