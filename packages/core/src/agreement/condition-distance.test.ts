import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Condition, Signal } from './agreement-document.ts'
import { compileCondition, type ConditionContext } from './compile-condition.ts'
import { distanceTo, type Requirement, type Route } from './condition-distance.ts'
import { routeText } from './distance-text.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'

const DAY = 86_400_000
const NOW = Date.parse('2026-11-30T10:00:00Z')

// The demo agreement's MQL criteria, as marketing and sales wrote them.
const SIGNALS: Record<string, Signal> = {
  decision_shift: { touchpoints: { journeyStage: 'decision' }, atLeast: 2, withinDays: 21 },
}
const MQL: Condition = {
  any: [
    { all: [{ score: 'fit', gte: 40 }, { score: 'engagement', gte: 50 }, { signal: 'decision_shift' }] },
    { all: [{ handRaiser: true }, { score: 'fit', gte: 20 }] },
  ],
}

const isHandRaiser = (touchpoint: Touchpoint) => touchpoint.type === 'demo_request'

function context(
  scores: { fit: number; engagement: number; engagementSinceRecycled?: number },
  touchpoints: Touchpoint[],
  profile: LeadProfile = { email: 'a@b.de' },
): ConditionContext {
  return {
    at: NOW,
    profile,
    scores: { engagementSinceRecycled: 0, ...scores, total: scores.fit + scores.engagement },
    touchpoints,
    count: touchpoints.length,
    isHandRaiser,
  }
}

const touchpoint = (daysAgo: number, fields: Partial<Touchpoint> = {}): Touchpoint => ({
  id: `t${daysAgo}`,
  type: 'page_view',
  occurredAt: NOW - daysAgo * DAY,
  properties: {},
  ...fields,
})

/** The lead after a route's changes: more points, the touchpoints it asks for, a hand-raiser. */
function afterRoute(before: ConditionContext, route: Route): ConditionContext {
  const scores = { ...before.scores }
  const added: Touchpoint[] = []
  for (const requirement of route.requirements) {
    if (requirement.kind === 'score_below')
      scores[requirement.score] += requirement.points + (requirement.strict ? 0.01 : 0)
    if (requirement.kind === 'touchpoints') {
      for (let n = 0; n < requirement.more; n++) {
        const match = requirement.match
        const first = <T>(value: T | readonly T[] | undefined) =>
          (Array.isArray(value) ? value[0] : value) as T | undefined
        added.push({
          id: `new${n}`,
          type: first(match.type) ?? 'content_download',
          occurredAt: NOW,
          properties: {},
          ...(match.journeyStage ? { journeyStage: first(match.journeyStage)! } : {}),
          ...(match.topic ? { topics: [first(match.topic)!] } : {}),
        })
      }
    }
    if (requirement.kind === 'hand_raiser') added.push(touchpoint(0, { id: 'raised', type: 'demo_request' }))
  }
  scores.total = scores.fit + scores.engagement
  const touchpoints = [...before.touchpoints, ...added]
  return { ...before, scores, touchpoints, count: touchpoints.length }
}

test('a lead close on engagement: what is missing on each route, the smallest first, and each route works', () => {
  const before = context({ fit: 45, engagement: 38 }, [
    touchpoint(30),
    touchpoint(5, { journeyStage: 'decision' }),
  ])
  const { met, routes } = distanceTo(MQL, SIGNALS, before)
  assert.equal(met, false)
  assert.deepEqual(
    routes.map((route) => route.requirements.map((requirement) => requirement.kind)),
    [['hand_raiser'], ['score_below', 'touchpoints']],
  )
  const [, engaged] = routes
  assert.deepEqual(engaged!.requirements[0], {
    kind: 'score_below',
    score: 'engagement',
    needed: 50,
    current: 38,
    points: 12,
    strict: false,
  })
  const signal = engaged!.requirements[1] as Extract<Requirement, { kind: 'touchpoints' }>
  assert.deepEqual(
    [signal.signal?.id, signal.more, signal.found, signal.atLeast, signal.withinDays],
    ['decision_shift', 1, 1, 2, 21],
  )
  const mql = compileCondition(MQL, SIGNALS)
  for (const route of routes) {
    assert.equal(route.engagementCanClose, true)
    assert.equal(mql.test(afterRoute(before, route)), true, JSON.stringify(route))
  }
  // Less than any route is not enough: 11 points and the touchpoint do not make it.
  const short = afterRoute(before, {
    ...engaged!,
    requirements: [
      { ...(engaged!.requirements[0] as Extract<Requirement, { kind: 'score_below' }>), points: 11 },
      signal,
    ],
  })
  assert.equal(mql.test(short), false)
})

test('a fit gap no engagement closes is said plainly', () => {
  const before = context({ fit: 15, engagement: 70 }, [
    touchpoint(2, { journeyStage: 'decision' }),
    touchpoint(1, { journeyStage: 'decision' }),
  ])
  const { routes } = distanceTo(MQL, SIGNALS, before)
  assert.ok(routes.length > 0)
  for (const route of routes) assert.equal(route.engagementCanClose, false, JSON.stringify(route))
  assert.deepEqual(routes[0]!.requirements, [
    { kind: 'score_below', score: 'fit', needed: 40, current: 15, points: 25, strict: false },
  ])
})

test('a decision touchpoint outside the window does not count', () => {
  const before = context({ fit: 45, engagement: 60 }, [
    touchpoint(30, { journeyStage: 'decision' }),
    touchpoint(3, { journeyStage: 'decision' }),
  ])
  const engaged = distanceTo(MQL, SIGNALS, before).routes.find((route) =>
    route.requirements.some((r) => r.kind === 'touchpoints'),
  )!
  assert.deepEqual(
    engaged.requirements.map((requirement) => [
      requirement.kind,
      'more' in requirement ? requirement.more : null,
    ]),
    [['touchpoints', 1]],
  )
})

test('criteria that hold have nothing to reach', () => {
  const held = context({ fit: 25, engagement: 0 }, [touchpoint(1, { type: 'demo_request' })])
  assert.deepEqual(distanceTo(MQL, SIGNALS, held), { met: true, routes: [] })
})

test('fields, upper bounds and a `not` are named as what must change', () => {
  const condition: Condition = {
    all: [
      { field: 'company.employees', gte: 50 },
      { score: 'engagementSinceRecycled', gte: 25 },
      { not: { touchpoints: { type: 'unsubscribe' }, withinDays: 90 } },
      { score: 'total', lt: 200 },
    ],
  }
  const before = context(
    { fit: 100, engagement: 120, engagementSinceRecycled: 10 },
    [touchpoint(10, { type: 'unsubscribe' })],
    { email: 'a@b.de', company: { employees: 20 } },
  )
  const { routes } = distanceTo(condition, {}, before)
  assert.equal(routes.length, 1)
  assert.deepEqual(
    routes[0]!.requirements.map((requirement) => requirement.kind),
    ['field', 'score_below', 'must_not_hold', 'score_above'],
  )
  assert.deepEqual((routes[0]!.requirements[0] as Extract<Requirement, { kind: 'field' }>).value, 20)
  assert.equal(routes[0]!.engagementCanClose, false)
})

test('of two demands on one score, the larger; routes that ask more than another are left out', () => {
  const condition: Condition = {
    any: [
      {
        all: [
          { score: 'engagement', gte: 30 },
          { score: 'engagement', gte: 45 },
        ],
      },
      { all: [{ score: 'engagement', gte: 60 }, { touchpoints: { type: 'webinar_attended' } }] },
    ],
  }
  const { routes } = distanceTo(condition, {}, context({ fit: 0, engagement: 20 }, []))
  // The second route asks more points and a touchpoint besides: the first is the smaller change.
  assert.deepEqual(
    routes.map((route) => route.requirements),
    [[{ kind: 'score_below', score: 'engagement', needed: 45, current: 20, points: 25, strict: false }]],
  )
})

test('routes in words, German and English', () => {
  const before = context({ fit: 45, engagement: 37.96 }, [touchpoint(5, { journeyStage: 'decision' })])
  const withLabel = {
    ...SIGNALS,
    decision_shift: {
      ...SIGNALS['decision_shift']!,
      label: { de: 'Wechsel in die Entscheidungsphase', en: 'Shift to decision stage' },
    },
  }
  const routes = distanceTo(MQL, withLabel, before).routes
  assert.deepEqual(
    routes.map((route) => routeText(route, 'en')),
    [
      'a hand-raiser such as a demo request',
      '12.1 more engagement points and 1 more decision-stage touchpoint within 21 days (Shift to decision stage)',
    ],
  )
  assert.equal(
    routeText(routes[1]!, 'de'),
    '12,1 weitere Engagement-Punkte und 1 weiterer Touchpoint der Entscheidungsphase innerhalb von 21 Tagen (Wechsel in die Entscheidungsphase)',
  )
  const fitGap = distanceTo(MQL, SIGNALS, context({ fit: 15, engagement: 70 }, [])).routes[0]!
  assert.equal(
    routeText(fitGap, 'en'),
    'a hand-raiser such as a demo request and 5 more fit points (no engagement alone can close this)',
  )
})
