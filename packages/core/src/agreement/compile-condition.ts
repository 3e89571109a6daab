// Turns condition trees into closures once, so evaluating a lead costs no parsing or lookups.
import type { Condition, FieldCondition, Signal, TouchpointMatch } from './agreement-document.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'
import { fieldReader, type FieldValue } from '../lead/lead-profile.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import type { TouchpointIndex } from '../touchpoint/touchpoint-index.ts'
import { localizedText, negate, type ConditionExplanation } from '../explanation/explanation.ts'

export type Scores = { fit: number; engagement: number; total: number; engagementSinceRecycled: number }

/** What a condition sees at one instant: touchpoints[0 .. count) are those that happened up to `at`. */
export type ConditionContext = {
  at: number
  profile: LeadProfile
  scores: Scores
  touchpoints: readonly Touchpoint[]
  count: number
  isHandRaiser: (touchpoint: Touchpoint) => boolean
  /** built on `touchpoints` by a fold that owns them: counts and latest matches without walking back */
  index?: TouchpointIndex
}

export type CompiledCondition = {
  test: (context: ConditionContext) => boolean
  /** Why the condition holds (or fails) right now; only called when a decision is recorded. */
  explain: (context: ConditionContext) => ConditionExplanation[]
  /**
   * The first instant after `context.at` at which a touchpoint leaves a window this condition counts
   * while it counts (its value may change then, with no new input); undefined: none.
   */
  nextWindowChange: (context: ConditionContext) => number | undefined
  /**
   * Whether time alone can make the condition true: a window closing under a `not` (nothing for 90
   * days), or a decaying score under an upper bound (engagement at most 5). Rules with such conditions
   * fire between touchpoints (replay-lead.ts looks for the instant); others only when input arrives.
   */
  risesWithTime: boolean
  /** The converse: whether time alone can make it false. */
  fallsWithTime: boolean
  /**
   * What a test costs, to test the cheap parts of an all/any first: 0 reads fields or the fit score,
   * 1 counts touchpoints, 2 sums the decayed credits (engagement).
   */
  cost: number
}

const DECAYING_SCORES: ReadonlySet<string> = new Set(['engagement', 'total', 'engagementSinceRecycled'])

const earliest = (values: ReadonlyArray<number | undefined>) => {
  let first: number | undefined
  for (const value of values) if (value !== undefined && (first === undefined || value < first)) first = value
  return first
}

const DAY_MS = 86_400_000

export function compileCondition(
  condition: Condition,
  signals: Readonly<Record<string, Signal>> = {},
): CompiledCondition {
  if ('all' in condition) {
    const parts = condition.all.map((part) => compileCondition(part, signals))
    const cheapFirst = byCost(parts)
    return {
      // Loops rather than every/some: a callback closing over the context costs an allocation per
      // test, and a backtest tests MQL conditions at every moment of every lead.
      test: (context) => {
        for (const part of cheapFirst) if (!part.test(context)) return false
        return true
      },
      explain: (context) => parts.flatMap((part) => part.explain(context)),
      ...composite(parts),
    }
  }
  if ('any' in condition) {
    const parts = condition.any.map((part) => compileCondition(part, signals))
    const cheapFirst = byCost(parts)
    return {
      test: (context) => {
        for (const part of cheapFirst) if (part.test(context)) return true
        return false
      },
      explain: (context) => {
        const holding = parts.find((part) => part.test(context))
        return holding ? holding.explain(context) : [{ code: 'none_of', alternatives: parts.length }]
      },
      ...composite(parts),
    }
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, signals)
    return {
      test: (context) => !inner.test(context),
      explain: (context) => inner.explain(context).map(negate),
      nextWindowChange: inner.nextWindowChange,
      risesWithTime: inner.fallsWithTime,
      fallsWithTime: inner.risesWithTime,
      cost: inner.cost,
    }
  }
  if ('field' in condition) return compileFieldCondition(condition)
  if ('score' in condition) {
    const { score, ...bounds } = condition
    const inRange = compileNumericBounds(bounds)
    const decays = DECAYING_SCORES.has(score)
    const upper = bounds.lte !== undefined || bounds.lt !== undefined
    const lower = bounds.gte !== undefined || bounds.gt !== undefined
    return {
      test: (context) => inRange(context.scores[score]),
      explain: (context) => [{ code: 'score', condition, value: round(context.scores[score]) }],
      nextWindowChange: () => undefined,
      // Decay brings points towards 0: an upper bound comes to hold, a lower one stops holding.
      risesWithTime: decays && upper,
      fallsWithTime: decays && lower,
      cost: decays ? 2 : 0,
    }
  }
  if ('signal' in condition) {
    const signal = signals[condition.signal]
    if (!signal) throw new Error(`unknown signal ${condition.signal}`)
    return compileTouchpointCount(signal.touchpoints, signal.atLeast, signal.withinDays, {
      id: condition.signal,
      label: localizedText(signal.label, condition.signal),
    })
  }
  if ('touchpoints' in condition) {
    return compileTouchpointCount(condition.touchpoints, condition.atLeast ?? 1, condition.withinDays, null)
  }
  if ('handRaiser' in condition) {
    const windowMs = condition.withinDays === undefined ? Infinity : condition.withinDays * DAY_MS
    const find = (context: ConditionContext) => {
      // The latest hand-raiser, if still in the window: every later touchpoint is in it too.
      if (context.index) {
        const latest = context.index.latestMatching(context.isHandRaiser, context.count)
        const touchpoint = latest < 0 ? undefined : context.touchpoints[latest]!
        return touchpoint && context.at - touchpoint.occurredAt <= windowMs ? touchpoint : undefined
      }
      for (let index = context.count - 1; index >= 0; index--) {
        const touchpoint = context.touchpoints[index]!
        if (context.at - touchpoint.occurredAt > windowMs) return undefined
        if (context.isHandRaiser(touchpoint)) return touchpoint
      }
      return undefined
    }
    return {
      test: (context) => find(context) !== undefined,
      explain: (context) => {
        const found = find(context)
        return [found ? { code: 'hand_raiser', touchpointType: found.type } : { code: 'no_hand_raiser' }]
      },
      // The latest hand-raiser in the window leaving it: then none is left in it.
      nextWindowChange: (context) => {
        const found = windowMs === Infinity ? undefined : find(context)
        return found ? found.occurredAt + windowMs + 1 : undefined
      },
      risesWithTime: false,
      fallsWithTime: windowMs !== Infinity,
      cost: 1,
    }
  }
  const unreachable: never = condition
  throw new Error(`unknown condition ${JSON.stringify(unreachable)}`)
}

function compileTouchpointCount(
  match: TouchpointMatch,
  atLeast: number,
  withinDays: number | undefined,
  signal: Extract<ConditionExplanation, { code: 'touchpoints' }>['signal'],
): CompiledCondition {
  const matches = compileTouchpointMatch(match)
  const windowMs = withinDays === undefined ? Infinity : withinDays * DAY_MS
  const countMatches = (context: ConditionContext) => {
    const { index: known, count } = context
    if (known) {
      const from = windowMs === Infinity ? 0 : known.firstAtOrAfter(context.at - windowMs, count)
      return Math.min(atLeast, known.countMatching(matches, from, count))
    }
    let found = 0
    for (let index = context.count - 1; index >= 0 && found < atLeast; index--) {
      const touchpoint = context.touchpoints[index]!
      if (context.at - touchpoint.occurredAt > windowMs) break
      if (matches(touchpoint)) found++
    }
    return found
  }
  return {
    test: (context) => countMatches(context) >= atLeast,
    // While enough match, the `atLeast`-th latest of them leaving the window makes too few.
    nextWindowChange: (context) => {
      if (windowMs === Infinity) return undefined
      let found = 0
      for (let index = context.count - 1; index >= 0; index--) {
        const touchpoint = context.touchpoints[index]!
        if (context.at - touchpoint.occurredAt > windowMs) return undefined
        if (matches(touchpoint) && ++found === atLeast) return touchpoint.occurredAt + windowMs + 1
      }
      return undefined
    },
    risesWithTime: false,
    fallsWithTime: windowMs !== Infinity,
    cost: 1,
    explain: (context) => [
      {
        code: 'touchpoints',
        signal,
        match,
        found: countMatches(context),
        atLeast,
        withinDays: withinDays ?? null,
      },
    ],
  }
}

export function compileTouchpointMatch(match: TouchpointMatch): (touchpoint: Touchpoint) => boolean {
  const checks: Array<(touchpoint: Touchpoint) => boolean> = []
  const oneOf = (value: string | readonly string[]) =>
    new Set((Array.isArray(value) ? value : [value]).map(lower))
  if (match.type !== undefined) {
    const types = oneOf(match.type)
    checks.push((touchpoint) => types.has(lowerKnown(touchpoint.type)))
  }
  if (match.contentId !== undefined) {
    const ids = oneOf(match.contentId)
    checks.push(
      (touchpoint) => touchpoint.contentId !== undefined && ids.has(lowerKnown(touchpoint.contentId)),
    )
  }
  if (match.journeyStage !== undefined) {
    const stages = oneOf(match.journeyStage)
    checks.push((touchpoint) => touchpoint.journeyStage !== undefined && stages.has(touchpoint.journeyStage))
  }
  if (match.topic !== undefined) {
    const topics = oneOf(match.topic)
    checks.push((touchpoint) => (touchpoint.topics ?? []).some((topic) => topics.has(lowerKnown(topic))))
  }
  if (match.source !== undefined) {
    const sources = oneOf(match.source)
    checks.push((touchpoint) => touchpoint.source !== undefined && sources.has(lowerKnown(touchpoint.source)))
  }
  for (const [key, expected] of Object.entries(match.properties ?? {})) {
    const values = new Set(
      (Array.isArray(expected) ? expected : [expected]).map((value) => lower(String(value))),
    )
    checks.push((touchpoint) => {
      const actual = touchpoint.properties[key]
      return actual !== undefined && values.has(lower(String(actual)))
    })
  }
  // One check is the usual rule ("type: webinar_attended"): called directly, not through every().
  if (checks.length === 1) return checks[0]!
  return (touchpoint) => {
    for (const check of checks) if (!check(touchpoint)) return false
    return true
  }
}

// Types, content ids, sources and topics are few distinct strings seen over and over: their lower
// case is looked up rather than computed for every touchpoint under every rule (a tenth of a
// backtest's replay went to toLowerCase). Bounded, since a workspace's ids are not.
const lowered = new Map<string, string>()
const MAX_LOWERED = 10_000

function lowerKnown(value: string): string {
  let result = lowered.get(value)
  if (result === undefined) {
    if (lowered.size >= MAX_LOWERED) lowered.clear()
    lowered.set(value, (result = value.toLowerCase()))
  }
  return result
}

function compileFieldCondition(condition: FieldCondition): CompiledCondition {
  const { field, ...operator } = condition
  const test = compileFieldTest(operator)
  const read = fieldReader(field)
  return {
    test: (context) => test(read(context.profile)),
    explain: (context) => [{ code: 'field', condition, value: read(context.profile) ?? null }],
    nextWindowChange: () => undefined,
    risesWithTime: false,
    fallsWithTime: false,
    cost: 0,
  }
}

/** all / any: a part's window change may change the whole; time moves it if it moves a part. */
function composite(parts: readonly CompiledCondition[]) {
  return {
    nextWindowChange: (context: ConditionContext) =>
      earliest(parts.map((part) => part.nextWindowChange(context))),
    risesWithTime: parts.some((part) => part.risesWithTime),
    fallsWithTime: parts.some((part) => part.fallsWithTime),
    cost: Math.max(0, ...parts.map((part) => part.cost)),
  }
}

/**
 * The parts in the order to test them: cheapest first, else as written. Conditions are pure, so an
 * all/any gives the same answer in any order (explanations keep the written one); the MQL rule
 * "fit, engagement and a signal" then sums engagement only for leads that have the signal.
 */
function byCost(parts: readonly CompiledCondition[]): readonly CompiledCondition[] {
  return [...parts].sort((a, b) => a.cost - b.cost)
}

export function compileFieldTest(operator: Omit<FieldCondition, 'field'>): (value: FieldValue) => boolean {
  const present = (value: FieldValue): value is string | number | boolean =>
    value !== undefined && value !== ''
  if (operator.exists !== undefined) {
    const wanted = operator.exists
    return (value) => present(value) === wanted
  }
  if (operator.equals !== undefined) {
    const isOption = optionMatcher([operator.equals])
    return (value) => present(value) && isOption(value)
  }
  if (operator.notEquals !== undefined) {
    const isOption = optionMatcher([operator.notEquals])
    return (value) => !present(value) || !isOption(value)
  }
  if (operator.in !== undefined) {
    const isOption = optionMatcher(operator.in)
    return (value) => present(value) && isOption(value)
  }
  if (operator.notIn !== undefined) {
    const isOption = optionMatcher(operator.notIn)
    return (value) => !present(value) || !isOption(value)
  }
  if (operator.contains !== undefined) {
    const needle = lower(operator.contains)
    return (value) => present(value) && lower(String(value)).includes(needle)
  }
  if (operator.containsAny !== undefined) {
    const pattern = wordPattern(operator.containsAny)
    return (value) => present(value) && pattern.test(String(value))
  }
  if (operator.startsWith !== undefined) {
    const prefix = lower(operator.startsWith)
    return (value) => present(value) && lower(String(value)).startsWith(prefix)
  }
  if (operator.endsWith !== undefined) {
    const suffix = lower(operator.endsWith)
    return (value) => present(value) && lower(String(value)).endsWith(suffix)
  }
  if (operator.matches !== undefined) {
    const pattern = new RegExp(operator.matches, 'iu')
    return (value) => present(value) && pattern.test(String(value))
  }
  const inRange = compileNumericBounds(operator)
  return (value) => {
    const number = toNumber(value)
    return number !== undefined && inRange(number)
  }
}

type Bounds = { gte?: number; gt?: number; lte?: number; lt?: number; between?: [number, number] }

function compileNumericBounds(bounds: Bounds): (value: number) => boolean {
  const { gte, gt, lte, lt, between } = bounds
  return (value) =>
    (gte === undefined || value >= gte) &&
    (gt === undefined || value > gt) &&
    (lte === undefined || value <= lte) &&
    (lt === undefined || value < lt) &&
    (between === undefined || (value >= between[0] && value <= between[1]))
}

/**
 * Terms match whole words or phrases, ignoring case; `*` stands for the rest of a compound word,
 * so `*leiter` matches "Werkleiter" and "Produktionsleiter" but `CTO` does not match "Doctor".
 */
export function wordPattern(terms: readonly string[]): RegExp {
  const alternatives = terms.map((term) =>
    term
      .trim()
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[\\p{L}\\p{N}]*'),
  )
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu')
}

/**
 * Whether a value equals one of the options: as numbers where either is a number, else as text in any
 * case. The options' lower case and numbers are taken once: fit rules compare a field with many options
 * (free-mail domains) at every change of a lead's fields.
 */
function optionMatcher(
  options: ReadonlyArray<string | number | boolean>,
): (value: string | number | boolean) => boolean {
  const texts = new Set<string>()
  const numbers: number[] = []
  // An option that is a number compares numbers with any value; any other, text with a value that is no number.
  const numeric: Array<number | undefined> = []
  for (const option of options) {
    if (typeof option === 'number') numeric.push(toNumber(option))
    else texts.add(lower(String(option)))
    const number = toNumber(option)
    if (number !== undefined) numbers.push(number)
  }
  return (value) => {
    if (typeof value === 'number') {
      const number = toNumber(value)
      return number !== undefined && numbers.includes(number)
    }
    if (texts.has(lower(String(value)))) return true
    if (numeric.length === 0) return false
    const number = toNumber(value)
    return number !== undefined && numeric.includes(number)
  }
}

function toNumber(value: FieldValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value)
    return Number.isFinite(number) ? number : undefined
  }
  return undefined
}

function lower(value: string): string {
  return value.toLowerCase()
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
