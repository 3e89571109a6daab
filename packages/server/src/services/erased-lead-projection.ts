// The projection of an erased lead. Erasure wipes the lead fields and properties its path was decided
// on, so a replay of what is left would tell a different story and change the funnel counts. The
// erasure decision therefore carries a snapshot of the path and numbers (nothing personal), and the
// lead is projected from that snapshot: still a pure function of the log, so `takt verify` holds.
import type { StoredTouchpoint } from '../db/event.repository.ts'
import type { Decision, LeadState, TransitionRecord } from '#core/lifecycle/replay-lead.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import type { Actor } from '#core/lifecycle/lead-lifecycle.ts'
import type { LeadIdentity, Projection } from './lead-projection.ts'
import type { Explanation } from '#core/explanation/explanation.ts'

export const ERASURE_REASON = 'erasure'
const ERASED: Explanation[] = [{ code: 'erased' }]

/** What an erased lead keeps: its stage path and numbers, with no personal data. */
export type ErasureSnapshot = {
  lane: string | null
  firstSource: string | null
  country: string | null
  stage: LeadStage
  stageEnteredAt: number
  fit: number
  engagement: number
  agreementVersion: number
  firstTouchAt: number | null
  lastTouchAt: number | null
  touchpointCount: number
  recycleCount: number
  recycleReasons: string[]
  deal: LeadState['deal'] | null
  transitions: Array<{
    from: LeadStage | null
    to: LeadStage
    at: number
    actor: Actor
    agreementVersion: number
    reason: string | null
    trigger: TransitionRecord['trigger']
    fit: number
    engagement: number
  }>
}

export type ErasureDecision = Decision & { command: { kind: 'disqualify'; reason: string } }

/** The system decision that erased the lead, if any; a user's disqualification "erasure" carries no snapshot. */
export function erasureOf(
  decisions: readonly Decision[],
): (ErasureDecision & { snapshot: ErasureSnapshot }) | undefined {
  for (const decision of decisions) {
    const command = decision.command as { kind: string; reason?: string; erasure?: ErasureSnapshot }
    if (decision.actor.type !== 'system' || command.kind !== 'disqualify') continue
    if (command.reason === ERASURE_REASON && command.erasure)
      return { ...(decision as ErasureDecision), snapshot: command.erasure }
  }
  return undefined
}

/** The placeholder that replaces an erased person's address: unique, and of a domain that cannot exist. */
export function erasedEmail(leadId: string): string {
  return `erased-${leadId}@erased.invalid`
}

/** The client id an erased touchpoint keeps: the original one may itself name the person. */
export function erasedClientId(leadId: string, seq: number): string {
  return `erased:${leadId}:${seq}`
}

export function projectErasedLead(
  lead: LeadIdentity,
  touchpoints: readonly StoredTouchpoint[],
  erasure: ErasureDecision & { snapshot: ErasureSnapshot },
  at: number,
): Omit<Projection, 'transitions'> {
  const snapshot = erasure.snapshot
  const system: Actor = { type: 'system', agreementVersion: snapshot.agreementVersion }
  const records: TransitionRecord[] = snapshot.transitions.map((entry) => ({
    ...entry,
    explanations: ERASED,
  }))
  // An already disqualified lead keeps its transition; any other ends here, disqualified for erasure.
  if (snapshot.stage !== 'disqualified') {
    records.push({
      from: snapshot.stage,
      to: 'disqualified',
      at: erasure.at,
      actor: system,
      agreementVersion: snapshot.agreementVersion,
      reason: ERASURE_REASON,
      explanations: ERASED,
      trigger: { kind: 'decision', id: erasure.id },
      fit: snapshot.fit,
      engagement: snapshot.engagement,
    })
  }
  // As of an earlier instant (?asOf=), the path up to then.
  const shown = records.filter((record) => record.at <= at)
  const last = shown.at(-1)
  const erased = erasure.at <= at
  const state: LeadState = {
    stage: last?.to ?? 'lead',
    stageEnteredAt: last?.at ?? at,
    ownerRef: undefined,
    recycledAt: undefined,
    coolDownUntil: undefined,
    recycleQueue: undefined,
    nurtureTrack: undefined,
    recycleCount: snapshot.recycleCount,
    recycleReasons: snapshot.recycleReasons,
    closedReason: erased ? ERASURE_REASON : undefined,
    assignedAt: undefined,
    assignments: [],
    respondedAt: undefined,
    slaBreaches: [],
    deal: snapshot.deal ?? undefined,
    checklist: undefined,
    lane: snapshot.lane ?? '',
    firstSource: snapshot.firstSource ?? undefined,
  }
  const sorted = touchpoints.filter((touchpoint) => touchpoint.occurredAt <= at)
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
  const profile = { email: lead.email, lane: state.lane, source: state.firstSource }
  const row: Projection['row'] = {
    id: lead.id,
    first_name: null,
    last_name: null,
    title: null,
    phone: null,
    company_name: null,
    country: snapshot.country,
    account_id: null,
    lane: snapshot.lane,
    stage: state.stage,
    stage_entered_at: new Date(state.stageEnteredAt).toISOString(),
    owner_id: null,
    fit_score: snapshot.fit,
    engagement_score: snapshot.engagement,
    scored_at: new Date(at).toISOString(),
    agreement_version: snapshot.agreementVersion,
    first_touch_at: iso(snapshot.firstTouchAt),
    last_touch_at: iso(snapshot.lastTouchAt),
    touchpoint_count: snapshot.touchpointCount,
    next_check_at: null,
    sla_check_at: null,
    profile,
    state: {
      recycleCount: snapshot.recycleCount,
      recycleReasons: snapshot.recycleReasons,
      closedReason: state.closedReason ?? null,
      deal: snapshot.deal,
      erasedAt: new Date(erasure.at).toISOString(),
    },
  }
  return {
    lead,
    replay: {
      state,
      profile,
      touchpoints: sorted,
      transitions: shown,
      refusedDecisions: [],
      nextCheckAt: undefined,
      agreementVersion: snapshot.agreementVersion,
      // nothing is scored from an erased log
      credits: [],
    },
    score: {
      at,
      fit: snapshot.fit,
      engagement: snapshot.engagement,
      total: snapshot.fit + snapshot.engagement,
      contributions: [],
    },
    row,
    permissions: null,
  }
}
