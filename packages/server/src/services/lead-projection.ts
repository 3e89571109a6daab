// Rebuilds lead rows and their stage history from the log, for any set of leads, in a bounded
// number of round trips: the same path serves ingestion, decisions, agreement changes, jobs and verify.
import assert from 'node:assert/strict'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { eventRepository, type StoredTouchpoint } from '../db/event.repository.ts'
import { decisionRepository } from '../db/decision.repository.ts'
import { leadRepository, type LeadProjectionRow, type TransitionRow } from '../db/lead.repository.ts'
import {
  agreementVersionAt,
  replayLead,
  type AgreementVersion,
  type ReplayResult,
} from '#core/lifecycle/replay-lead.ts'
import { scoreLead, type LeadScore } from '#core/scoring/score-lead.ts'
import { emailDomain } from '#core/lead/lead-profile.ts'
import {
  derivePermissions,
  lanePrivacy,
  permissionSummary,
  type LeadPermissions,
} from '#core/privacy/lead-permissions.ts'
import { erasureOf, projectErasedLead } from './erased-lead-projection.ts'
import { pendingBreachSteps } from '#core/sla/sla-deadline.ts'
import { slaPolicyFor } from './sla-policies.ts'
import { leadChangeEvents } from './lead-change-events.ts'
import { webhookSubscriptionRepository } from '../db/webhook-subscription.repository.ts'
import { webhookOutboxRepository } from '../db/webhook-outbox.repository.ts'
import { explanationText } from '#core/explanation/explanation.ts'

export type LeadIdentity = { id: string; email: string; accountId: string | null }

export type Projection = {
  lead: LeadIdentity
  replay: ReplayResult
  score: LeadScore
  row: LeadProjectionRow
  transitions: TransitionRow[]
  /** null once the person is erased: nothing may be done with them any more */
  permissions: LeadPermissions | null
}

export type ProjectionContext = {
  versions: readonly AgreementVersion[]
  /** resolves a rep reference (user id or e-mail) to a user id of this workspace */
  resolveOwner: (reference: string | undefined) => string | null
  accountIdByDomain: (domain: string) => string | null
  /** the rep's region, whose holidays their SLA clock skips */
  regionOf: (userId: string | null) => string | null
  emailOf: (userId: string | null) => string | null
}

/** Pure part: one lead's row and transitions from its log, as of `at`. */
export function projectLead(
  lead: LeadIdentity,
  touchpoints: readonly StoredTouchpoint[],
  decisions: Parameters<typeof replayLead>[0]['decisions'],
  context: ProjectionContext,
  at: number,
): Projection {
  // An erased lead's log no longer holds what decided its path, so its projection is the frozen
  // snapshot its erasure decision recorded (see erase-lead.ts), and stays reproducible from the log.
  const erasure = erasureOf(decisions)
  if (erasure) {
    const erased = projectErasedLead(lead, touchpoints, erasure, at)
    return { ...erased, transitions: toTransitionRows(lead.id, erased.replay.transitions) }
  }
  const replay = replayLead({
    email: lead.email,
    touchpoints,
    decisions,
    versions: context.versions,
    until: at,
  })
  const version = agreementVersionAt(context.versions, at)
  assert.equal(version.version, replay.agreementVersion)
  // The replay credited the touchpoints under this version already.
  const score = scoreLead(version.agreement, replay.profile, replay.touchpoints, at, replay.credits)
  const profile = replay.profile
  const state = replay.state
  const first = replay.touchpoints[0]
  const last = replay.touchpoints.at(-1)
  const domain = profile.company?.domain ?? emailDomain(profile.email)
  const permissions = derivePermissions(replay.touchpoints, lanePrivacy(version.agreement, state?.lane), at)
  const ownerId = context.resolveOwner(state?.ownerRef)
  const slaPolicy = slaPolicyFor(version.agreement.document.sla, context.regionOf(ownerId))
  const [nextBreach] = slaPolicy && state ? pendingBreachSteps(slaPolicy, state) : []
  const row: LeadProjectionRow = {
    id: lead.id,
    first_name: profile.firstName ?? null,
    last_name: profile.lastName ?? null,
    title: profile.title ?? null,
    phone: profile.phone ?? null,
    company_name: profile.company?.name ?? null,
    country: (profile.company?.country ?? profile.country)?.toUpperCase() ?? null,
    account_id: context.accountIdByDomain(domain) ?? lead.accountId,
    lane: state?.lane ?? null,
    stage: state?.stage ?? 'lead',
    stage_entered_at: new Date(state?.stageEnteredAt ?? at).toISOString(),
    owner_id: ownerId,
    fit_score: score.fit,
    engagement_score: score.engagement,
    scored_at: new Date(at).toISOString(),
    agreement_version: version.version,
    first_touch_at: first ? new Date(first.occurredAt).toISOString() : null,
    last_touch_at: last ? new Date(last.occurredAt).toISOString() : null,
    touchpoint_count: replay.touchpoints.length,
    next_check_at: replay.nextCheckAt === undefined ? null : new Date(replay.nextCheckAt).toISOString(),
    sla_check_at: nextBreach ? new Date(nextBreach.at).toISOString() : null,
    profile,
    state: state
      ? {
          recycledAt: state.recycledAt ?? null,
          coolDownUntil: state.coolDownUntil ?? null,
          recycleQueue: state.recycleQueue ?? null,
          nurtureTrack: state.nurtureTrack ?? null,
          recycleCount: state.recycleCount,
          recycleReasons: state.recycleReasons,
          closedReason: state.closedReason ?? null,
          deal: state.deal ?? null,
          checklist: state.checklist ?? null,
          assignedAt: state.assignedAt ?? null,
          assignments: state.assignments,
          respondedAt: state.respondedAt ?? null,
          slaBreaches: state.slaBreaches,
          // lawful basis and channels, so lists can filter on them
          permissions: permissionSummary(permissions),
        }
      : {},
  }
  const transitions = toTransitionRows(lead.id, replay.transitions)
  return { lead, replay, score, row, transitions, permissions }
}

export function toTransitionRows(leadId: string, records: ReplayResult['transitions']): TransitionRow[] {
  return records.map((transition, seq) => ({
    lead_id: leadId,
    seq,
    from_stage: transition.from,
    to_stage: transition.to,
    at: new Date(transition.at).toISOString(),
    actor_type: transition.actor.type,
    actor_id: transition.actor.type === 'system' ? null : transition.actor.id,
    agreement_version: transition.agreementVersion,
    reason: transition.reason,
    trigger: {
      ...transition.trigger,
      because: transition.explanations.map(explanationText),
      explanations: transition.explanations,
    },
    fit_score: transition.fit,
    engagement_score: transition.engagement,
  }))
}

/** Loads the logs of `leads`, projects each, and writes rows and transitions back. */
export async function reprojectLeads(
  db: Kysely<Database>,
  workspaceId: string,
  leads: LeadIdentity[],
  context: ProjectionContext,
  at: Date,
): Promise<Projection[]> {
  const ids = leads.map((lead) => lead.id)
  const [touchpointsByLead, decisionsByLead, subscriptions] = await Promise.all([
    eventRepository.listForLeads(db, workspaceId, ids),
    decisionRepository.listForLeads(db, workspaceId, ids),
    webhookSubscriptionRepository.listEnabled(db, workspaceId),
  ])
  // Only read what the leads were before when someone listens for what changed.
  const before =
    subscriptions.length > 0 ? await leadRepository.changeBaseline(db, workspaceId, ids) : undefined
  const projections = leads.map((lead) =>
    projectLead(
      lead,
      touchpointsByLead.get(lead.id) ?? [],
      decisionsByLead.get(lead.id) ?? [],
      context,
      at.getTime(),
    ),
  )
  await leadRepository.saveProjections(
    db,
    workspaceId,
    projections.map((projection) => projection.row),
  )
  await leadRepository.replaceTransitions(
    db,
    workspaceId,
    ids,
    projections.flatMap((projection) => projection.transitions),
  )
  if (before) {
    const events = projections.flatMap((projection) =>
      leadChangeEvents(before.get(projection.lead.id), projection, context.emailOf),
    )
    await webhookOutboxRepository.enqueue(
      db,
      workspaceId,
      events.map((event) => ({
        type: event.type,
        leadId: event.leadId,
        at,
        payload: { type: event.type, timestamp: at.toISOString(), data: event.data },
      })),
      subscriptions,
    )
  }
  return projections
}
