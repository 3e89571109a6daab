// One lead's projection from its log: the row lists and boards read, and the stage history from
// where it changed. Pure: ingestion, decisions, jobs, `takt verify` and `?asOf=` all call it, and
// services/lead-projection.ts loads the logs and stores what it returns.
import {
  agreementVersionAt,
  EMPTY_SNAPSHOT,
  foldLead,
  type AgreementVersion,
  type FoldResult,
  type LeadSnapshot,
  type ReplayResult,
} from '../lifecycle/replay-lead.ts'
import type { LeadIdentity, LeadProjectionRow, TransitionRow } from './lead-row.ts'
import { scoreLead, type LeadScore } from '../scoring/score-lead.ts'
import { engagementCeiling, engagementTerms, rescoreAt } from '../scoring/credit-touchpoints.ts'
import { emailDomain, type LeadProfile } from '../lead/lead-profile.ts'
import {
  derivePermissions,
  lanePrivacy,
  permissionSummary,
  type LeadPermissions,
} from '../privacy/lead-permissions.ts'
import type { StoredTouchpoint } from '../touchpoint/touchpoint.ts'
import { erasureOf, projectErasedLead } from './erased-lead.ts'
import { pendingBreachSteps } from '../sla/sla-deadline.ts'
import { slaPolicyFor } from '../sla/sla-policies.ts'
import { explanationText } from '../explanation/explanation.ts'

export type Projection = {
  lead: LeadIdentity
  replay: ReplayResult
  score: LeadScore
  row: LeadProjectionRow
  /** the lead's history from `firstSeq` on: what replaces the stored history from there */
  transitions: TransitionRow[]
  firstSeq: number
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

/**
 * Pure part: one lead's row and transitions from its log, as of `at`, folded on from the lead's
 * stored snapshot when there is one (the result is the same as from the empty one, only cheaper).
 */
export function projectLead(
  lead: LeadIdentity,
  touchpoints: readonly StoredTouchpoint[],
  decisions: Parameters<typeof foldLead>[1]['decisions'],
  context: ProjectionContext,
  at: number,
  snapshot: LeadSnapshot = EMPTY_SNAPSHOT,
  checkpoints: readonly LeadSnapshot[] = [],
): Projection {
  // An erased lead's log no longer holds what decided its path, so its projection is the frozen
  // snapshot its erasure decision recorded (see erase-lead.ts), and stays reproducible from the log.
  const erasure = erasureOf(decisions)
  if (erasure) {
    const erased = projectErasedLead(lead, touchpoints, erasure, at)
    return {
      ...erased,
      transitions: toTransitionRows(lead.id, erased.replay.transitions, 0, context),
      firstSeq: 0,
    }
  }
  const replay: FoldResult = foldLead(snapshot, {
    email: lead.email,
    touchpoints,
    decisions,
    versions: context.versions,
    until: at,
    checkpoints,
    ...(lead.changedFrom === undefined ? {} : { changedFrom: lead.changedFrom }),
  })
  const version = agreementVersionAt(context.versions, at)
  if (version.version !== replay.agreementVersion) {
    throw new Error(`scored under version ${version.version}, folded under ${replay.agreementVersion}`)
  }
  // The replay credited the touchpoints under this version already.
  const score = scoreLead(version.agreement, replay.profile, replay.touchpoints, at, replay.credits)
  const profile = replay.profile
  const state = replay.state
  const first = replay.touchpoints[0]
  const last = replay.touchpoints.at(-1)
  const domain = accountDomain(profile)
  const permissions = derivePermissions(replay.touchpoints, lanePrivacy(version.agreement, state?.lane), at)
  const ownerId = context.resolveOwner(state?.ownerRef)
  const slaPolicy = slaPolicyFor(version.agreement.document.sla, context.regionOf(ownerId))
  const [nextBreach] = slaPolicy && state ? pendingBreachSteps(slaPolicy, state) : []
  const terms = engagementTerms(replay.credits, at)
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
    engagement_terms: terms,
    engagement_ceiling: engagementCeiling(terms),
    scored_at: new Date(at).toISOString(),
    agreement_version: version.version,
    first_touch_at: first ? new Date(first.occurredAt).toISOString() : null,
    last_touch_at: last ? new Date(last.occurredAt).toISOString() : null,
    touchpoint_count: replay.touchpoints.length,
    next_check_at: earliest(replay.nextCheckAt, rescoreAt(terms, at)),
    sla_check_at: nextBreach ? new Date(nextBreach.at).toISOString() : null,
    profile,
    snapshot: replay.snapshot,
    checkpoints: replay.checkpoints.length > 0 ? replay.checkpoints : null,
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
  const transitions = toTransitionRows(lead.id, replay.transitions, replay.firstSeq, context)
  return { lead, replay, score, row, transitions, firstSeq: replay.firstSeq, permissions }
}

/** The domain a lead's account is matched by: its company's, or else its e-mail address's. */
export function accountDomain(profile: LeadProfile): string {
  return (profile.company?.domain ?? emailDomain(profile.email)).toLowerCase()
}

/** The earlier of two optional instants, as stored. */
function earliest(a: number | undefined, b: number | undefined): string | null {
  const at = a === undefined ? b : b === undefined ? a : Math.min(a, b)
  return at === undefined ? null : new Date(at).toISOString()
}

/** Rows for `records`, the first of which is the lead's transition number `firstSeq`. */
export function toTransitionRows(
  leadId: string,
  records: ReplayResult['transitions'],
  firstSeq: number,
  context: Pick<ProjectionContext, 'resolveOwner'>,
): TransitionRow[] {
  return records.map((transition, index) => ({
    lead_id: leadId,
    seq: firstSeq + index,
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
    source: transition.source,
    lane: transition.lane,
    owner_id: context.resolveOwner(transition.owner ?? undefined),
  }))
}
