// Figures the lead page derives from the lead detail: pure, so they are tested without a browser.
import type { LeadStage as Stage } from '../../../../core/src/lifecycle/lead-stage.ts'

// The parts of the lead detail (lead-types.ts) used here, so the unit test needs no generated client types.
type Transition = { to: string; at: string }

// The hand-off SLA concerns the rep's answer to an MQL: it runs in MQL and its outcome matters while the
// rep qualifies the accepted lead; later stages and the ways out have no SLA to show.
const SLA_STAGES: ReadonlySet<Stage> = new Set<Stage>(['mql', 'sal'])

export function isSlaShown(stage: Stage): boolean {
  return SLA_STAGES.has(stage)
}

/** A won deal: when the lead became a customer (stage history, else its stage clock) and for how much. */
export function wonDeal(lead: {
  stage: Stage
  history: readonly Transition[]
  stageEnteredAt: string | null
  state?: { deal?: { amount: number; currency: string } | null } | null
}): { at: string | null; amount: number | null; currency: string } | null {
  if (lead.stage !== 'customer') return null
  const won = lead.history.findLast((transition) => transition.to === 'customer')
  const deal = lead.state?.deal ?? null
  return {
    at: won?.at ?? lead.stageEnteredAt ?? null,
    amount: deal?.amount ?? null,
    currency: deal?.currency ?? 'EUR',
  }
}

/** Whether the person behind the lead was erased: nothing about them is kept, so there is nothing to work. */
export function erasedLead(lead: { permissions: object | null }): boolean {
  return lead.permissions === null
}

/**
 * The side cards that say something about this lead: no owner card for a lead that was never handed to
 * sales, no checklist before an MQL or for a lead that left the funnel without any item confirmed.
 */
export function sideCardsShown(lead: {
  stage: Stage
  owner: object | null
  assignment: object | null
  state?: { checklist?: object | null } | null
  qualification?: { history: readonly unknown[] } | null
}): { assignment: boolean; checklist: boolean } {
  const everWorked = lead.state?.checklist != null || (lead.qualification?.history.length ?? 0) > 0
  const beforeSales = lead.stage === 'lead'
  const leftFunnel = lead.stage === 'recycled' || lead.stage === 'disqualified'
  return {
    assignment: lead.owner !== null || lead.assignment !== null || !(beforeSales || leftFunnel),
    checklist: everWorked || !(beforeSales || leftFunnel),
  }
}

// The stages marketing nurtures, where next best content is recommended (core/content/next-best-content.ts).
const NURTURE_STAGES: ReadonlySet<Stage> = new Set<Stage>(['lead', 'recycled'])

export function isNurtured(lead: { stage: Stage }): boolean {
  return NURTURE_STAGES.has(lead.stage)
}
