// What changed on a lead between two projections, as webhook events: stage changes, recycling,
// hand-offs and SLA breaches. Computed inside the transaction that made the change, so the event
// is committed with it (transactional outbox) and never sent for a change that was rolled back.
import type { Projection } from './projected-lead.ts'
import { explanationText } from '../explanation/explanation.ts'

/** A lead row as it was before a reprojection: enough to tell what changed. */
export type LeadBefore = {
  id: string
  stage: string
  stage_entered_at: Date
  owner_id: string | null
  touchpoint_count: number
  sla_breaches: number
}

export const WEBHOOK_EVENT_TYPES = [
  'lead.stage_changed',
  'lead.assigned',
  'lead.sla_breached',
  'lead.recycled',
  // What sales logs on a lead: sent by the activity and task services, not computed from projections.
  'activity.logged',
  'task.created',
  'task.completed',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

export type LeadChangeEvent = {
  type: WebhookEventType
  leadId: string
  at: number
  data: Record<string, unknown>
}

export function leadChangeEvents(
  before: LeadBefore | undefined,
  after: Projection,
  ownerEmail: (userId: string | null) => string | null,
): LeadChangeEvent[] {
  if (!before || after.permissions === null) return []
  const row = after.row
  const state = after.replay.state
  const lead = {
    id: row.id,
    email: after.lead.email,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company_name,
    country: row.country,
    stage: row.stage,
    owner: row.owner_id ? { id: row.owner_id, email: ownerEmail(row.owner_id) } : null,
    fitScore: row.fit_score,
    engagementScore: row.engagement_score,
    agreementVersion: row.agreement_version,
  }
  const events: LeadChangeEvent[] = []
  const fresh = before.touchpoint_count === 0
  const moved =
    before.stage !== row.stage || before.stage_entered_at.getTime() !== Date.parse(row.stage_entered_at)
  if (fresh || moved) {
    const records = after.replay.transitions.filter((transition) => transition.from !== null)
    let news = fresh
      ? records
      : records.filter((transition) => transition.at > before.stage_entered_at.getTime())
    // A late event can change the past; the stage it ends in is still news.
    if (!fresh && news.length === 0 && records.length > 0) news = [records.at(-1)!]
    for (const transition of news) {
      const data = {
        lead,
        from: transition.from,
        to: transition.to,
        at: new Date(transition.at).toISOString(),
        reason: transition.reason,
        because: transition.explanations.map(explanationText),
        actor: transition.actor,
        agreementVersion: transition.agreementVersion,
      }
      events.push({ type: 'lead.stage_changed', leadId: row.id, at: transition.at, data })
      if (transition.to === 'recycled') {
        const recycle = {
          ...data,
          queue: state?.recycleQueue ?? null,
          nurtureTrack: state?.nurtureTrack ?? null,
          coolDownUntil:
            state?.coolDownUntil === undefined ? null : new Date(state.coolDownUntil).toISOString(),
          recycleCount: state?.recycleCount ?? 0,
        }
        events.push({ type: 'lead.recycled', leadId: row.id, at: transition.at, data: recycle })
      }
    }
  }
  const assignment = state?.assignments.at(-1)
  if (row.owner_id !== null && row.owner_id !== before.owner_id && assignment) {
    const data = {
      lead,
      rep: assignment.rep,
      team: assignment.team ?? null,
      reasons: assignment.reasons.map(explanationText),
      explanations: assignment.reasons,
      at: new Date(assignment.at).toISOString(),
      previousOwner: before.owner_id ? { id: before.owner_id, email: ownerEmail(before.owner_id) } : null,
    }
    events.push({ type: 'lead.assigned', leadId: row.id, at: assignment.at, data })
  }
  for (const breach of state?.slaBreaches.slice(before.sla_breaches) ?? []) {
    const data = {
      lead,
      rep: breach.rep,
      step: breach.step,
      action: breach.action,
      assignedAt: new Date(breach.assignedAt).toISOString(),
      at: new Date(breach.at).toISOString(),
    }
    events.push({ type: 'lead.sla_breached', leadId: row.id, at: breach.at, data })
  }
  return events
}
