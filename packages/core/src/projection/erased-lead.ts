// The projection of an erased lead. Erasure wipes the lead fields and properties its path was decided
// on, so a replay of what is left would tell a different story and change the funnel counts. The
// erasure decision therefore carries a snapshot of the path and numbers (nothing personal), and the
// lead is projected from that snapshot: still a pure function of the log, so `takt verify` holds.
import type { StoredTouchpoint } from '../touchpoint/touchpoint.ts'
import type { Decision, LeadState, ReplayResult, TransitionRecord } from '../lifecycle/replay-lead.ts'
import { ERASURE_REASON, type Actor, type LeadCommand } from '../lifecycle/lead-lifecycle.ts'
import type { LeadScore } from '../scoring/score-lead.ts'
import type { LeadIdentity, LeadProjectionRow } from './lead-row.ts'
import type { Explanation } from '../explanation/explanation.ts'

const ERASED: Explanation[] = [{ code: 'erased' }]

export type ErasureDecision = Decision & { command: Extract<LeadCommand, { kind: 'erase' }> }

/** The decision that erased the lead, if any. */
export function erasureOf(decisions: readonly Decision[]): ErasureDecision | undefined {
  return decisions.find(isErasure)
}

function isErasure(decision: Decision): decision is ErasureDecision {
  return decision.command.kind === 'erase'
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
  erasure: ErasureDecision,
  at: number,
): {
  lead: LeadIdentity
  replay: ReplayResult
  score: LeadScore
  row: LeadProjectionRow
  permissions: null
} {
  const snapshot = erasure.command.erasure
  const system: Actor = { type: 'system', agreementVersion: snapshot.agreementVersion }
  const owned = { owner: null, lane: snapshot.lane ?? '', source: snapshot.firstSource ?? null }
  const records: TransitionRecord[] = snapshot.transitions.map((entry) => ({
    ...owned,
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
      ...owned,
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
  const row: LeadProjectionRow = {
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
    // frozen at erasure: a term that never decays
    engagement_terms: snapshot.engagement === 0 ? [] : [[null, snapshot.engagement]],
    engagement_ceiling: snapshot.engagement,
    scored_at: new Date(at).toISOString(),
    agreement_version: snapshot.agreementVersion,
    first_touch_at: iso(snapshot.firstTouchAt),
    last_touch_at: iso(snapshot.lastTouchAt),
    touchpoint_count: snapshot.touchpointCount,
    next_check_at: null,
    sla_check_at: null,
    profile,
    snapshot: null,
    checkpoints: null,
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
