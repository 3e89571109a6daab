// The shapes a lead's projection is stored in: its row and its stage history.
import type { LeadStage } from '../lifecycle/lead-stage.ts'
import type { LeadSnapshot } from '../lifecycle/replay-lead.ts'
import type { EngagementTerms } from '../scoring/credit-touchpoints.ts'

export type LeadIdentity = {
  id: string
  email: string
  accountId: string | null
  /**
   * Earliest instant of what was stored for the lead since it was last projected (events just
   * inserted, a decision), when known: a late one then rewrites only the history from there on.
   */
  changedFrom?: number
  /** what is stored for the lead, when the caller has read it already */
  stored?: StoredProjection
}

/** The part of a stored projection the next one starts from. */
export type StoredProjection = {
  /** where the fold stopped (null: fold the whole log) */
  snapshot: LeadSnapshot | null
  /** earlier snapshots to go on from after a late input (null: none) */
  checkpoints: LeadSnapshot[] | null
  /** when the next SLA step falls due: a change schedules a check for the new instant */
  slaCheckAt: number | null
}

export type LeadProjectionRow = {
  id: string
  first_name: string | null
  last_name: string | null
  title: string | null
  phone: string | null
  company_name: string | null
  country: string | null
  account_id: string | null
  lane: string | null
  stage: LeadStage
  stage_entered_at: string
  owner_id: string | null
  fit_score: number
  /** engagement at `scored_at`; reads compute it for their own instant from `engagement_terms` */
  engagement_score: number
  engagement_terms: EngagementTerms
  engagement_ceiling: number
  scored_at: string
  agreement_version: number
  first_touch_at: string | null
  last_touch_at: string | null
  touchpoint_count: number
  next_check_at: string | null
  sla_check_at: string | null
  profile: unknown
  state: unknown
  /** where the fold stopped, to go on from there; null: fold the whole log next time */
  snapshot: LeadSnapshot | null
  /** snapshots taken on the way (FoldResult.checkpoints); null when there are none */
  checkpoints: LeadSnapshot[] | null
}

export type TransitionRow = {
  lead_id: string
  seq: number
  from_stage: string | null
  to_stage: string
  at: string
  actor_type: string
  actor_id: string | null
  agreement_version: number
  reason: string | null
  trigger: unknown
  fit_score: number
  engagement_score: number
  /** the lead's first source, lane and owner after the transition: reports count by them */
  source: string | null
  lane: string | null
  owner_id: string | null
}
