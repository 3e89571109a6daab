import type { CompiledAgreement, CompiledEngagementRule } from '../agreement/compile-agreement.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import { periodCalendar } from './cap-period.ts'

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
  // Usage per rule id and period start; the calendars are looked up once per call, not per touchpoint.
  const usageById = new Map<string, Map<number, Usage>>()
  const rules = agreement.engagementRules
  const caps = rules.map((rule) => {
    if (!rule.cap) return undefined
    let usage = usageById.get(rule.id)
    if (!usage) usageById.set(rule.id, (usage = new Map()))
    const per = rule.cap.per
    return { usage, calendar: per === 'ever' ? undefined : periodCalendar(agreement.timezone, per) }
  })
  for (const touchpoint of sorted) {
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index]!
      if (!rule.matches(touchpoint)) continue
      let credited = rule.points
      const cap = caps[index]
      if (rule.cap && cap) {
        const period = cap.calendar ? cap.calendar.keyOf(touchpoint.occurredAt) : 0
        let usage = cap.usage.get(period)
        if (!usage) cap.usage.set(period, (usage = { count: 0, points: 0 }))
        if (rule.cap.count !== undefined && usage.count >= rule.cap.count) credited = 0
        if (rule.cap.points !== undefined) {
          const room = Math.max(0, rule.cap.points - usage.points)
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
