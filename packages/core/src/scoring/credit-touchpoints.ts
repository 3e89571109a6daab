import type { CompiledAgreement, CompiledEngagementRule } from '../agreement/compile-agreement.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import type { CapPeriod } from '../agreement/agreement-document.ts'
import { periodCalendar, type PeriodCalendar } from './cap-period.ts'

/** Points one engagement rule gave one touchpoint, after its cap; decay is applied later, at the instant asked. */
export type Credit = {
  touchpoint: Touchpoint
  rule: CompiledEngagementRule
  original: number
  credited: number
}

/**
 * Applies every matching rule to the touchpoints in replay order. Caps only look at earlier touchpoints
 * of the same period, so the credit of a touchpoint never changes when later ones arrive, and any
 * arrival order gives the same credits once sorted.
 */
export function creditTouchpoints(agreement: CompiledAgreement, sorted: readonly Touchpoint[]): Credit[] {
  const credits: Credit[] = []
  const rules = agreement.engagementRules
  // Usage per rule id and period start, made when a capped rule first credits: most leads meet none.
  let usageById: Map<string, Map<number, Usage>> | undefined
  for (const touchpoint of sorted) {
    const admitted = agreement.engagementRulesForType(touchpoint.type)
    for (let at = 0; at < admitted.length; at++) {
      const rule = rules[admitted[at]!]!
      // The type is known to fit: only the rest of the rule's match is left to check.
      if (!rule.matchesAdmitted(touchpoint)) continue
      let credited = rule.points
      const cap = rule.cap
      if (cap) {
        usageById ??= new Map()
        let usageByPeriod = usageById.get(rule.id)
        if (!usageByPeriod) usageById.set(rule.id, (usageByPeriod = new Map()))
        const period = cap.per === 'ever' ? 0 : capCalendarOf(agreement, cap.per).keyOf(touchpoint.occurredAt)
        let usage = usageByPeriod.get(period)
        if (!usage) usageByPeriod.set(period, (usage = { count: 0, points: 0 }))
        if (cap.count !== undefined && usage.count >= cap.count) credited = 0
        if (cap.points !== undefined) {
          const room = Math.max(0, cap.points - usage.points)
          credited = Math.sign(credited) * Math.min(Math.abs(credited), room)
        }
        usage.count += credited === 0 ? 0 : 1
        usage.points += Math.abs(credited)
      }
      credits.push({ touchpoint, rule, original: rule.points, credited })
    }
  }
  return credits
}

// The calendars an agreement's caps count in, looked up once per agreement rather than once per fold.
const capCalendars = new WeakMap<CompiledAgreement, Map<CapPeriod, PeriodCalendar>>()

function capCalendarOf(agreement: CompiledAgreement, per: Exclude<CapPeriod, 'ever'>): PeriodCalendar {
  let calendars = capCalendars.get(agreement)
  if (!calendars) capCalendars.set(agreement, (calendars = new Map()))
  let calendar = calendars.get(per)
  if (!calendar) calendars.set(per, (calendar = periodCalendar(agreement.timezone, per)))
  return calendar
}

type Usage = { count: number; points: number }

/** The value of a credit at `at`: halved every half-life since it was earned. */
export function decayedValue(credit: Credit, at: number): number {
  const halfLife = credit.rule.halfLifeMs
  const age = at - credit.touchpoint.occurredAt
  if (age < 0) return 0
  return halfLife === null ? credit.credited : credit.credited * Math.pow(0.5, age / halfLife)
}

/** Engagement at `at`, counting only credits earned after `since` when given (e.g. since the lead was recycled). */
export function engagementAt(credits: readonly Credit[], at: number, since = -Infinity): number {
  let total = 0
  for (const credit of credits) {
    const occurredAt = credit.touchpoint.occurredAt
    if (occurredAt > at) break
    if (occurredAt > since) total += decayedValue(credit, at)
  }
  return total
}

/**
 * Engagement at `at` as one term per half-life (null: never decays): [halfLifeMs, value at `at`].
 * Every credit of a rule with half-life h decays by the same factor, so their sum does too, and
 * engagement at any later instant follows from these few numbers (`engagementFromTerms`): stored
 * with the lead, it lets a read compute engagement now without replaying or refreshing anything.
 */
export type EngagementTerms = Array<[halfLifeMs: number | null, points: number]>

export function engagementTerms(credits: readonly Credit[], at: number): EngagementTerms {
  const byHalfLife = new Map<number | null, number>()
  for (const credit of credits) {
    if (credit.touchpoint.occurredAt > at) break
    const halfLife = credit.rule.halfLifeMs
    byHalfLife.set(halfLife, (byHalfLife.get(halfLife) ?? 0) + decayedValue(credit, at))
  }
  return [...byHalfLife].filter(([, points]) => points !== 0)
}

/** Engagement at `at` from terms anchored at `anchoredAt` (the SQL function takt_engagement computes the same). */
export function engagementFromTerms(terms: EngagementTerms, anchoredAt: number, at: number): number {
  let total = 0
  for (const [halfLife, points] of terms) {
    total += halfLife === null ? points : points * Math.pow(0.5, (at - anchoredAt) / halfLife)
  }
  return total
}

/**
 * The most engagement can be at any instant from `anchoredAt` on, without new touchpoints: decaying
 * negative terms only rise toward 0 and positive ones only fall. Lists scan leads by it to find the
 * highest engagement now without computing it for every lead. A hair above the sum, so rounding in
 * `engagementFromTerms` never lets a value exceed it.
 */
export function engagementCeiling(terms: EngagementTerms): number {
  let ceiling = 0
  for (const [halfLife, points] of terms) if (halfLife === null || points > 0) ceiling += points
  return ceiling + Math.abs(ceiling) * 1e-12 + 1e-9
}

/**
 * When a lead scored at `at` should be scored again so its ceiling stays within twice its value:
 * once the slowest positive term has halved, every positive part has at least halved. Nothing is
 * scheduled once less than a point is left to decay, or for points that never decay.
 */
export function rescoreAt(terms: EngagementTerms, at: number): number | undefined {
  let decaying = 0
  let slowest = 0
  for (const [halfLife, points] of terms) {
    if (halfLife === null || points <= 0) continue
    decaying += points
    slowest = Math.max(slowest, halfLife)
  }
  return decaying >= 1 ? at + slowest : undefined
}

/**
 * The scores of one moment of a fold, engagement summed only when something reads it: most moments
 * are decided by fit or a touchpoint rule alone (an `all` stops at its first failing part), and the
 * sum walks every earlier credit. `fit` is set by the fold.
 */
export class MomentScores {
  fit = 0
  readonly #credits: readonly Credit[]
  readonly #at: number
  readonly #recycledAt: number | undefined
  #engagement: number | undefined
  #sinceRecycled: number | undefined

  constructor(credits: readonly Credit[], at: number, recycledAt: number | undefined) {
    this.#credits = credits
    this.#at = at
    this.#recycledAt = recycledAt
  }

  get engagement(): number {
    return (this.#engagement ??= engagementAt(this.#credits, this.#at))
  }

  /** 0 unless the lead is recycled: then engagement earned after it was */
  get engagementSinceRecycled(): number {
    const since = this.#recycledAt
    return (this.#sinceRecycled ??= since === undefined ? 0 : engagementAt(this.#credits, this.#at, since))
  }

  get total(): number {
    return this.fit + this.engagement
  }
}
