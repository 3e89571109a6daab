import type { CompiledAgreement } from '../agreement/compile-agreement.ts'
import type { ConditionContext, Scores } from '../agreement/compile-condition.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import type { ConditionExplanation, LocalizedText } from '../explanation/explanation.ts'
import { creditTouchpoints, decayedValue, engagementAt, type Credit } from './credit-touchpoints.ts'

export type FitContribution = {
  kind: 'fit'
  ruleId: string
  /** English; `labels` holds both languages */
  label: string
  labels: LocalizedText
  points: number
  /** why the rule holds (explanationText gives the English sentences) */
  explanations: ConditionExplanation[]
}

export type EngagementContribution = {
  kind: 'engagement'
  ruleId: string
  label: string
  labels: LocalizedText
  /** value now, after decay */
  points: number
  /** points the rule gives */
  originalPoints: number
  /** points granted after the rule's cap */
  creditedPoints: number
  capped: boolean
  touchpointId: string
  touchpointType: string
  contentId?: string
  occurredAt: number
  halfLifeDays: number | null
}

export type LeadScore = {
  at: number
  fit: number
  engagement: number
  total: number
  contributions: Array<FitContribution | EngagementContribution>
}

/**
 * Scores a lead at one instant with every contribution explained.
 * `sorted` must be in replay order (compareTouchpoints); touchpoints after `at` are ignored.
 */
export function scoreLead(
  agreement: CompiledAgreement,
  profile: LeadProfile,
  sorted: readonly Touchpoint[],
  at: number,
  credits: readonly Credit[] = creditTouchpoints(agreement, sorted),
): LeadScore {
  const count = countUpTo(sorted, at)
  const engagement = engagementAt(credits, at)
  const context = conditionContext(agreement, profile, sorted, count, at, {
    engagement,
    engagementSinceRecycled: 0,
  })
  const fitContributions: FitContribution[] = agreement.fitRules
    .filter((rule) => rule.condition.test(context))
    .map((rule): FitContribution => ({
      kind: 'fit',
      ruleId: rule.id,
      label: rule.label.en,
      labels: rule.label,
      points: rule.points,
      explanations: rule.condition.explain(context),
    }))
  const fit = fitContributions.reduce((sum, contribution) => sum + contribution.points, 0)
  const engagementContributions: EngagementContribution[] = credits
    .filter((credit) => credit.touchpoint.occurredAt <= at)
    .map((credit): EngagementContribution => ({
      kind: 'engagement',
      ruleId: credit.rule.id,
      label: credit.rule.label.en,
      labels: credit.rule.label,
      points: decayedValue(credit, at),
      originalPoints: credit.original,
      creditedPoints: credit.credited,
      capped: credit.credited !== credit.original,
      touchpointId: credit.touchpoint.id,
      touchpointType: credit.touchpoint.type,
      ...(credit.touchpoint.contentId === undefined ? {} : { contentId: credit.touchpoint.contentId }),
      occurredAt: credit.touchpoint.occurredAt,
      halfLifeDays: credit.rule.halfLifeMs === null ? null : credit.rule.halfLifeMs / 86_400_000,
    }))
    .reverse()
  return {
    at,
    fit,
    engagement,
    total: fit + engagement,
    contributions: [...fitContributions, ...engagementContributions],
  }
}

/** Fit alone: who the lead is, from its fields (and touchpoints where a fit rule asks about them). */
export function fitScore(agreement: CompiledAgreement, context: ConditionContext): number {
  let fit = 0
  for (const rule of agreement.fitRules) if (rule.condition.test(context)) fit += rule.points
  return fit
}

export function conditionContext(
  agreement: CompiledAgreement,
  profile: LeadProfile,
  sorted: readonly Touchpoint[],
  count: number,
  at: number,
  partial: { engagement: number; engagementSinceRecycled: number },
): ConditionContext {
  const scores: Scores = { fit: 0, total: partial.engagement, ...partial }
  const context: ConditionContext = {
    at,
    profile,
    scores,
    touchpoints: sorted,
    count,
    isHandRaiser: agreement.isHandRaiser,
  }
  scores.fit = fitScore(agreement, context)
  scores.total = scores.fit + scores.engagement
  return context
}

/** Number of touchpoints at or before `at` in a sorted list (binary search). */
export function countUpTo(sorted: readonly Touchpoint[], at: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]!.occurredAt <= at) low = middle + 1
    else high = middle
  }
  return low
}
