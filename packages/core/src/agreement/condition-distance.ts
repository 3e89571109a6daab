// How far a lead is from a condition holding (the MQL criteria, a re-qualification): the smallest sets of
// changes that would make it hold, read off the agreement's own condition tree and measured with its
// compiled tests on the lead as it stands — never guessed. The answer is a list of routes, any one of
// which suffices; a route lists what must all happen: "12 more engagement points and one more
// decision-stage touchpoint within 21 days", or "a hand-raiser". A route that needs a field to change
// (the company's size, the title) or a higher fit score says so: no engagement can close it.
import type { Condition, FieldCondition, ScoreKind, Signal, TouchpointMatch } from './agreement-document.ts'
import { compileCondition, compileTouchpointMatch, type ConditionContext } from './compile-condition.ts'
import { readField, type FieldValue } from '../lead/lead-profile.ts'
import { localizedText, type LocalizedText } from '../explanation/explanation.ts'

const DAY_MS = 86_400_000
/** Routes kept per condition: the smallest; a tree of many alternatives multiplies them. */
export const MAX_ROUTES = 6

export type Requirement =
  /** a score must rise by `points` (more than that for `gt`) */
  | {
      kind: 'score_below'
      score: ScoreKind
      needed: number
      current: number
      points: number
      strict: boolean
    }
  /** a score must fall to `limit` (decay, or the fields a fit rule reads) */
  | { kind: 'score_above'; score: ScoreKind; limit: number; current: number; strict: boolean }
  /** `more` touchpoints like `match` (within `withinDays` of each other's window, when given) */
  | {
      kind: 'touchpoints'
      match: TouchpointMatch
      signal: { id: string; label: LocalizedText } | null
      more: number
      found: number
      atLeast: number
      withinDays: number | null
    }
  /** a hand-raiser touchpoint (demo request, contact sales) */
  | { kind: 'hand_raiser'; withinDays: number | null }
  /** a lead field must change; no touchpoint that carries no fields can do it */
  | { kind: 'field'; condition: FieldCondition; value: FieldValue | null }
  /** something that holds must stop holding (a `not`): time or other facts, not more engagement */
  | { kind: 'must_not_hold'; condition: Condition }

export type Route = {
  requirements: Requirement[]
  /** false when a field or the fit score must change, or something must stop holding */
  engagementCanClose: boolean
}

export type Distance = {
  /** the condition holds already */
  met: boolean
  /** smallest first; empty when met */
  routes: Route[]
}

/**
 * The routes to `condition` holding for the lead `context` describes.
 * @example distanceTo(document.mql, document.signals ?? {}, conditionContext(agreement, profile, sorted, count, now, scores))
 */
export function distanceTo(
  condition: Condition,
  signals: Readonly<Record<string, Signal>>,
  context: ConditionContext,
): Distance {
  const routes = routesOf(condition, signals, context)
  const met = routes.some((route) => route.length === 0)
  return {
    met,
    routes: met
      ? []
      : routes.map((requirements) => ({
          requirements,
          engagementCanClose: requirements.every(isEngagement),
        })),
  }
}

type Requirements = Requirement[]

function routesOf(
  condition: Condition,
  signals: Readonly<Record<string, Signal>>,
  context: ConditionContext,
): Requirements[] {
  if ('all' in condition) {
    let routes: Requirements[] = [[]]
    for (const part of condition.all) {
      const partRoutes = routesOf(part, signals, context)
      routes = smallest(routes.flatMap((route) => partRoutes.map((other) => merged(route, other))))
    }
    return routes
  }
  if ('any' in condition) {
    const routes = condition.any.flatMap((part) => routesOf(part, signals, context))
    return routes.some((route) => route.length === 0) ? [[]] : smallest(routes)
  }
  if ('not' in condition) {
    return holds(condition.not, signals, context)
      ? [[{ kind: 'must_not_hold', condition: condition.not }]]
      : [[]]
  }
  if ('field' in condition) {
    if (holds(condition, signals, context)) return [[]]
    const value = readField(context.profile, condition.field)
    return [[{ kind: 'field', condition, value: value ?? null }]]
  }
  if ('score' in condition) return scoreRoutes(condition, context)
  if ('signal' in condition) {
    const signal = signals[condition.signal]
    if (!signal) throw new Error(`unknown signal ${condition.signal}`)
    return touchpointRoutes(signal.touchpoints, signal.atLeast, signal.withinDays, context, {
      id: condition.signal,
      label: localizedText(signal.label, condition.signal),
    })
  }
  if ('touchpoints' in condition) {
    return touchpointRoutes(
      condition.touchpoints,
      condition.atLeast ?? 1,
      condition.withinDays,
      context,
      null,
    )
  }
  if ('handRaiser' in condition) {
    return holds(condition, signals, context)
      ? [[]]
      : [[{ kind: 'hand_raiser', withinDays: condition.withinDays ?? null }]]
  }
  const unreachable: never = condition
  throw new Error(`unknown condition ${JSON.stringify(unreachable)}`)
}

function scoreRoutes(
  condition: Extract<Condition, { score: ScoreKind }>,
  context: ConditionContext,
): Requirements[] {
  const current = context.scores[condition.score]
  const requirements: Requirements = []
  const lower = condition.gt ?? condition.gte
  if (lower !== undefined) {
    const strict =
      condition.gt !== undefined && (condition.gte === undefined || condition.gt >= condition.gte)
    const needed = Math.max(condition.gte ?? -Infinity, condition.gt ?? -Infinity)
    if (strict ? current <= needed : current < needed) {
      requirements.push({
        kind: 'score_below',
        score: condition.score,
        needed,
        current,
        points: needed - current,
        strict,
      })
    }
  }
  const upper = condition.lt ?? condition.lte
  if (upper !== undefined) {
    const strict =
      condition.lt !== undefined && (condition.lte === undefined || condition.lt <= condition.lte)
    const limit = Math.min(condition.lte ?? Infinity, condition.lt ?? Infinity)
    if (strict ? current >= limit : current > limit) {
      requirements.push({ kind: 'score_above', score: condition.score, limit, current, strict })
    }
  }
  return [requirements]
}

function touchpointRoutes(
  match: TouchpointMatch,
  atLeast: number,
  withinDays: number | undefined,
  context: ConditionContext,
  signal: { id: string; label: LocalizedText } | null,
): Requirements[] {
  const matches = matcherOf(match)
  const windowMs = withinDays === undefined ? Infinity : withinDays * DAY_MS
  let found = 0
  for (let index = context.count - 1; index >= 0 && found < atLeast; index--) {
    const touchpoint = context.touchpoints[index]!
    if (context.at - touchpoint.occurredAt > windowMs) break
    if (matches(touchpoint)) found++
  }
  if (found >= atLeast) return [[]]
  return [
    [
      {
        kind: 'touchpoints',
        match,
        signal,
        more: atLeast - found,
        found,
        atLeast,
        withinDays: withinDays ?? null,
      },
    ],
  ]
}

/** Both routes' requirements together: of two on the same score or the same touchpoints, the larger. */
function merged(a: Requirements, b: Requirements): Requirements {
  const result = [...a]
  for (const requirement of b) {
    const key = keyOf(requirement)
    const index = result.findIndex((other) => keyOf(other) === key)
    if (index === -1) result.push(requirement)
    else result[index] = larger(result[index]!, requirement)
  }
  return result
}

function keyOf(requirement: Requirement): string {
  switch (requirement.kind) {
    case 'score_below':
    case 'score_above':
      return `${requirement.kind}:${requirement.score}`
    case 'touchpoints':
      return `touchpoints:${JSON.stringify(requirement.match)}:${requirement.withinDays}`
    case 'hand_raiser':
      return `hand_raiser:${requirement.withinDays}`
    case 'field':
      return `field:${JSON.stringify(requirement.condition)}`
    case 'must_not_hold':
      return `not:${JSON.stringify(requirement.condition)}`
  }
}

function larger(a: Requirement, b: Requirement): Requirement {
  if (a.kind === 'score_below' && b.kind === 'score_below') return b.points > a.points ? b : a
  if (a.kind === 'score_above' && b.kind === 'score_above') return b.limit < a.limit ? b : a
  if (a.kind === 'touchpoints' && b.kind === 'touchpoints') return b.more > a.more ? b : a
  return a
}

/** Routes by size: engagement alone first, then fewer things to happen, fewer touchpoints, fewer points. */
function smallest(routes: Requirements[]): Requirements[] {
  const unique = new Map<string, Requirements>()
  for (const route of routes)
    unique.set(route.map(keyOf).sort().join('|') + JSON.stringify(route.map(sizeOf)), route)
  return [...unique.values()]
    .sort((a, b) => cost(a) - cost(b))
    .filter((route, index, all) => !all.slice(0, index).some((other) => covers(route, other)))
    .slice(0, MAX_ROUTES)
}

/** Whether `route` asks at least everything `other` asks: then `other` is the smaller change. */
function covers(route: Requirements, other: Requirements): boolean {
  return other.every((requirement) =>
    route.some((mine) => keyOf(mine) === keyOf(requirement) && sizeOf(mine) >= sizeOf(requirement)),
  )
}

function sizeOf(requirement: Requirement): number {
  switch (requirement.kind) {
    case 'score_below':
      return requirement.points
    case 'score_above':
      return requirement.current - requirement.limit
    case 'touchpoints':
      return requirement.more
    default:
      return 1
  }
}

function cost(route: Requirements): number {
  let total = 0
  for (const requirement of route) {
    if (!isEngagement(requirement)) total += 1_000_000
    total += requirement.kind === 'score_below' ? requirement.points : 100 * sizeOf(requirement)
  }
  return total
}

function isEngagement(requirement: Requirement): boolean {
  switch (requirement.kind) {
    case 'touchpoints':
    case 'hand_raiser':
      return true
    case 'score_below':
      return requirement.score !== 'fit'
    default:
      return false
  }
}

// Conditions are compiled once per tree node: a lead page asks for the same agreement's distances often.
const compiled = new WeakMap<object, ReturnType<typeof compileCondition>>()
const matchers = new WeakMap<object, ReturnType<typeof compileTouchpointMatch>>()

function holds(
  condition: Condition,
  signals: Readonly<Record<string, Signal>>,
  context: ConditionContext,
): boolean {
  let test = compiled.get(condition)
  if (!test) compiled.set(condition, (test = compileCondition(condition, signals)))
  return test.test(context)
}

function matcherOf(match: TouchpointMatch) {
  let matches = matchers.get(match)
  if (!matches) matchers.set(match, (matches = compileTouchpointMatch(match)))
  return matches
}
