// The baseline of bench/scoring.bench.ts: the agreement's fit rules, engagement rules, disqualifiers and
// MQL criteria translated into json-rules-engine rules, evaluated by json-rules-engine. Written from the
// agreement document, not from Takt's compiled evaluators, so that both sides agreeing means something.
import { Engine, type TopLevelCondition } from 'json-rules-engine'
import { DateTime } from 'luxon'
import type {
  AgreementDocument,
  CapPeriod,
  Condition,
  TouchpointMatch,
} from '../packages/core/src/agreement/agreement-document.ts'
import type { LeadProfile } from '../packages/core/src/lead/lead-profile.ts'
import type { Touchpoint } from '../packages/core/src/touchpoint/touchpoint.ts'

const DAY_MS = 86_400_000

export type Verdict = { fit: number; engagement: number; disqualifiedBy: string | null; mql: boolean }

/** What the engine sees of one lead: its fields and its touchpoints up to the instant, in replay order. */
export type History = { at: number; touchpoints: readonly Touchpoint[] }

type EngineCondition =
  | { all: EngineCondition[] }
  | { any: EngineCondition[] }
  | { not: EngineCondition }
  | { fact: string; path?: string; operator: string; value: unknown }

type TouchpointCount = { match: TouchpointMatch; atLeast: number; withinDays: number | null }
type CreditEvent = { rule: string; points: number; halfLifeDays: number | null; cap?: Cap }
type Cap = { points?: number; count?: number; per: CapPeriod }

export type RulesEngineScorer = { evaluate: (profile: LeadProfile, history: History) => Promise<Verdict> }

/** Two engines: one runs the engagement rules per touchpoint, one the lead's fit, disqualifier and MQL rules. */
export function createRulesEngineScorer(document: AgreementDocument): RulesEngineScorer {
  const timezone = document.timezone ?? 'Europe/Berlin'
  const signals = document.signals ?? {}
  const touchpointEngine = new Engine()
  addTextOperators(touchpointEngine)
  for (const rule of document.engagement.rules) {
    const halfLifeDays =
      rule.halfLifeDays === undefined ? document.engagement.halfLifeDays : rule.halfLifeDays
    const params: CreditEvent = {
      rule: rule.id,
      points: rule.points,
      halfLifeDays,
      ...(rule.cap && { cap: rule.cap }),
    }
    touchpointEngine.addRule({
      name: rule.id,
      conditions: topLevel(translateMatch(rule.when, 'touchpoint')),
      event: { type: 'credit', params },
    })
  }
  const handRaiserRules = document.engagement.rules.filter((rule) => rule.handRaiser)
  if (handRaiserRules.some((rule) => Object.keys(rule.when).some((key) => key !== 'type'))) {
    throw new Error('the baseline only translates hand-raiser rules that match on type')
  }
  const handRaiser: TouchpointMatch = { type: handRaiserRules.flatMap((rule) => rule.when.type ?? []) }
  const translate = (condition: Condition) => translateCondition(condition, signals, handRaiser)

  const leadEngine = new Engine()
  addTextOperators(leadEngine)
  leadEngine.addOperator('touchpointsAtLeast', (history: History, count: TouchpointCount) =>
    countTouchpoints(history, count),
  )
  leadEngine.addFact('emailDomain', async (_params, almanac) => {
    const lead = (await almanac.factValue('lead')) as LeadProfile
    return lead.email.slice(lead.email.lastIndexOf('@') + 1).toLowerCase()
  })
  // Engagement: every touchpoint through the engagement rules, then caps per calendar period and decay.
  leadEngine.addFact('engagement', async (_params, almanac) =>
    engagementOf(touchpointEngine, (await almanac.factValue('history')) as History, timezone),
  )
  // Fit rules run first (higher priority); each success adds its points to the lead's fit fact.
  leadEngine.on('success', async (event, almanac) => {
    if (event.type !== 'fit') return
    const fit = (await almanac.factValue('fit')) as { points: number }
    fit.points += (event.params as { points: number }).points
  })
  for (const rule of document.fit.rules) {
    leadEngine.addRule({
      name: rule.id,
      priority: 2,
      conditions: topLevel(translate(rule.when)),
      event: { type: 'fit', params: { rule: rule.id, points: rule.points } },
    })
  }
  for (const rule of document.disqualifiers ?? []) {
    leadEngine.addRule({
      name: rule.id,
      priority: 1,
      conditions: topLevel(translate(rule.when)),
      event: { type: 'disqualified', params: { rule: rule.id } },
    })
  }
  if ((document.sources ?? []).some((lane) => lane.mql)) throw new Error('the baseline knows one MQL rule')
  leadEngine.addRule({
    name: 'mql',
    priority: 1,
    conditions: topLevel(translate(document.mql)),
    event: { type: 'mql' },
  })

  return {
    async evaluate(profile, history) {
      const fit = { points: 0 }
      const { events, almanac } = await leadEngine.run({ lead: profile, history, fit })
      // Disqualifiers in agreement order, as the product reports the first that holds.
      const hits = new Set(events.filter((event) => event.type === 'disqualified').map(ruleOf))
      return {
        fit: fit.points,
        engagement: (await almanac.factValue('engagement')) as number,
        disqualifiedBy: (document.disqualifiers ?? []).find((rule) => hits.has(rule.id))?.id ?? null,
        mql: events.some((event) => event.type === 'mql'),
      }
    },
  }
}

// The agreement's condition language, node by node, into json-rules-engine conditions.
function translateCondition(
  condition: Condition,
  signals: NonNullable<AgreementDocument['signals']>,
  handRaiser: TouchpointMatch,
): EngineCondition {
  const translate = (part: Condition) => translateCondition(part, signals, handRaiser)
  if ('all' in condition) return { all: condition.all.map(translate) }
  if ('any' in condition) return { any: condition.any.map(translate) }
  if ('not' in condition) return { not: translate(condition.not) }
  if ('field' in condition) return translateField(condition)
  if ('score' in condition) {
    const { score, ...bounds } = condition
    if (score !== 'fit' && score !== 'engagement') throw new Error(`no ${score} score in the baseline`)
    return translateBounds(
      bounds,
      score === 'fit' ? { fact: 'fit', path: '$.points' } : { fact: 'engagement' },
    )
  }
  if ('signal' in condition) {
    const signal = signals[condition.signal]
    if (!signal) throw new Error(`unknown signal ${condition.signal}`)
    return countCondition({
      match: signal.touchpoints,
      atLeast: signal.atLeast,
      withinDays: signal.withinDays ?? null,
    })
  }
  if ('touchpoints' in condition) {
    const { touchpoints: match, atLeast = 1, withinDays = null } = condition
    return countCondition({ match, atLeast, withinDays })
  }
  if ('handRaiser' in condition) {
    return countCondition({ match: handRaiser, atLeast: 1, withinDays: condition.withinDays ?? null })
  }
  throw new Error(`the baseline does not translate ${JSON.stringify(condition)}`)
}

function ruleOf(event: { params?: Record<string, unknown> }): string {
  return String(event.params?.rule)
}

function topLevel(condition: EngineCondition): TopLevelCondition {
  // The library's condition types are not exported one by one; the shapes above are its documented JSON.
  return ('all' in condition || 'any' in condition ? condition : { all: [condition] }) as TopLevelCondition
}

function translateField(condition: Extract<Condition, { field: string }>): EngineCondition {
  const { field, ...operator } = condition
  const fact = field === 'email.domain' ? { fact: 'emailDomain' } : { fact: 'lead', path: `$.${field}` }
  if (operator.in !== undefined) return { ...fact, operator: 'inIgnoringCase', value: operator.in }
  if (operator.equals !== undefined) return { ...fact, operator: 'inIgnoringCase', value: [operator.equals] }
  if (operator.containsAny !== undefined) {
    return { ...fact, operator: 'matchesWords', value: operator.containsAny }
  }
  const { in: _in, equals: _equals, containsAny: _containsAny, ...bounds } = operator
  if (Object.keys(bounds).some((key) => !['gte', 'gt', 'lte', 'lt', 'between'].includes(key))) {
    throw new Error(`the baseline does not translate ${JSON.stringify(condition)}`)
  }
  return translateBounds(bounds, fact)
}

function translateBounds(
  bounds: { gte?: number; gt?: number; lte?: number; lt?: number; between?: readonly number[] },
  fact: { fact: string; path?: string },
): EngineCondition {
  const parts: EngineCondition[] = []
  if (bounds.gte !== undefined) parts.push({ ...fact, operator: 'greaterThanInclusive', value: bounds.gte })
  if (bounds.gt !== undefined) parts.push({ ...fact, operator: 'greaterThan', value: bounds.gt })
  if (bounds.lte !== undefined) parts.push({ ...fact, operator: 'lessThanInclusive', value: bounds.lte })
  if (bounds.lt !== undefined) parts.push({ ...fact, operator: 'lessThan', value: bounds.lt })
  if (bounds.between !== undefined) {
    parts.push({ ...fact, operator: 'greaterThanInclusive', value: bounds.between[0] })
    parts.push({ ...fact, operator: 'lessThanInclusive', value: bounds.between[1] })
  }
  return parts.length === 1 ? parts[0]! : { all: parts }
}

function translateMatch(match: TouchpointMatch, fact: string): EngineCondition {
  const parts: EngineCondition[] = []
  for (const key of ['type', 'contentId', 'journeyStage'] as const) {
    const value = match[key]
    if (value !== undefined)
      parts.push({ fact, path: `$.${key}`, operator: 'inIgnoringCase', value: [value].flat() })
  }
  if (Object.keys(match).some((key) => !['type', 'contentId', 'journeyStage'].includes(key))) {
    throw new Error(`the baseline does not translate ${JSON.stringify(match)}`)
  }
  return { all: parts }
}

function countCondition(count: TouchpointCount): EngineCondition {
  return { fact: 'history', operator: 'touchpointsAtLeast', value: count }
}

// Custom operators where the built-in ones differ from the agreement language: `in` ignores case,
// and title keywords match whole words with `*` for the rest of a compound word.
function addTextOperators(engine: Engine): void {
  engine.addOperator(
    'inIgnoringCase',
    (value: unknown, options: ReadonlyArray<string | number>) =>
      isPresent(value) && options.some((option) => sameValue(value, option)),
  )
  const patterns = new Map<readonly string[], RegExp>()
  engine.addOperator('matchesWords', (value: unknown, terms: readonly string[]) => {
    let pattern = patterns.get(terms)
    if (!pattern) patterns.set(terms, (pattern = wordsPattern(terms)))
    return isPresent(value) && pattern.test(String(value))
  })
}

function isPresent(value: unknown): value is string | number | boolean {
  return (
    (typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'boolean'
  )
}

function sameValue(value: string | number | boolean, option: string | number): boolean {
  if (typeof value === 'number' || typeof option === 'number') return Number(value) === Number(option)
  return String(value).toLowerCase() === option.toLowerCase()
}

function wordsPattern(terms: readonly string[]): RegExp {
  const words = terms.map((term) =>
    term
      .trim()
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[\\p{L}\\p{N}]*'),
  )
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'iu')
}

function matchesTouchpoint(touchpoint: Touchpoint, match: TouchpointMatch): boolean {
  const has = (actual: string | undefined, expected: string | readonly string[] | undefined) =>
    expected === undefined ||
    (actual !== undefined &&
      [expected].flat().some((option) => option.toLowerCase() === actual.toLowerCase()))
  return (
    has(touchpoint.type, match.type) &&
    has(touchpoint.contentId, match.contentId) &&
    has(touchpoint.journeyStage, match.journeyStage)
  )
}

function countTouchpoints(history: History, { match, atLeast, withinDays }: TouchpointCount): boolean {
  const windowMs = withinDays === null ? Infinity : withinDays * DAY_MS
  let found = 0
  for (let index = history.touchpoints.length - 1; index >= 0 && found < atLeast; index--) {
    const touchpoint = history.touchpoints[index]!
    if (history.at - touchpoint.occurredAt > windowMs) break
    if (matchesTouchpoint(touchpoint, match)) found++
  }
  return found >= atLeast
}

async function engagementOf(engine: Engine, history: History, timezone: string): Promise<number> {
  const used = new Map<string, { count: number; points: number }>()
  let total = 0
  for (const touchpoint of history.touchpoints) {
    const { events } = await engine.run({ touchpoint })
    for (const event of events) {
      const credit = event.params as CreditEvent
      let points = credit.points
      if (credit.cap) {
        const key = `${credit.rule}|${periodStart(touchpoint.occurredAt, credit.cap.per, timezone)}`
        const usage = used.get(key) ?? { count: 0, points: 0 }
        if (credit.cap.count !== undefined && usage.count >= credit.cap.count) points = 0
        if (credit.cap.points !== undefined) {
          points =
            Math.sign(points) * Math.min(Math.abs(points), Math.max(0, credit.cap.points - usage.points))
        }
        usage.count += points === 0 ? 0 : 1
        usage.points += Math.abs(points)
        used.set(key, usage)
      }
      const age = history.at - touchpoint.occurredAt
      total += credit.halfLifeDays === null ? points : points * 0.5 ** (age / (credit.halfLifeDays * DAY_MS))
    }
  }
  return total
}

function periodStart(at: number, per: CapPeriod, timezone: string): number {
  return per === 'ever' ? 0 : DateTime.fromMillis(at, { zone: timezone }).startOf(per).toMillis()
}
