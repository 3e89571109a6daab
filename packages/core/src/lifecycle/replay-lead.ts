// A lead's whole story as a fold over its log: touchpoints (in event time) and people's decisions.
// Live ingestion, `takt verify`, `?asOf=` and backtests all call this, so they cannot disagree.
import type { CompiledAgreement } from '../agreement/compile-agreement.ts'
import type { DomainError } from '../errors.ts'
import { mergeLeadFields, type LeadProfile } from '../lead/lead-profile.ts'
import { creditTouchpoints, engagementAt, type Credit } from '../scoring/credit-touchpoints.ts'
import { conditionContext, countUpTo } from '../scoring/score-lead.ts'
import { compareTouchpoints, type Touchpoint } from '../touchpoint/touchpoint.ts'
import { transitionLead, type Actor, type LeadCommand, type LifecycleState } from './lead-lifecycle.ts'
import { LeadStage } from './lead-stage.ts'
import type { Explanation } from '../explanation/explanation.ts'

export type AgreementVersion = { version: number; activatedAt: number; agreement: CompiledAgreement }

/**
 * The version in force at `at` (versions sorted by activation): the last one activated by then;
 * history from before the first activation (imports, demo data) is judged by the first.
 */
export function agreementVersionAt(versions: readonly AgreementVersion[], at: number): AgreementVersion {
  const entry = versions.findLast((candidate) => candidate.activatedAt <= at) ?? versions[0]
  if (!entry) throw new Error('no agreement version')
  return entry
}

/** `seq` orders decisions recorded at the same instant (the order they were made in). */
export type Decision = { id: string; at: number; seq?: number; actor: Actor; command: LeadCommand }

export type TransitionTrigger =
  | { kind: 'touchpoint'; id: string }
  | { kind: 'decision'; id: string }
  | { kind: 'cool_down_ended' }
  | { kind: 'agreement_activated'; version: number }

export type TransitionRecord = {
  from: LeadStage | null
  to: LeadStage
  at: number
  actor: Actor
  agreementVersion: number
  reason: string | null
  /** why (explanationText gives the English sentences) */
  explanations: Explanation[]
  trigger: TransitionTrigger
  fit: number
  engagement: number
}

export type LeadState = LifecycleState & { lane: string; firstSource: string | undefined }

export type ReplayResult = {
  /** undefined when no touchpoint happened up to `until` */
  state: LeadState | undefined
  profile: LeadProfile
  touchpoints: Touchpoint[]
  transitions: TransitionRecord[]
  refusedDecisions: Array<{ id: string; error: DomainError }>
  /** the next instant at which the lead may change without new input (a cool-down ending) */
  nextCheckAt: number | undefined
  agreementVersion: number
  /** credits of the touchpoints under `agreementVersion`, for scoring at `until` without crediting again */
  credits: Credit[]
}

type Moment =
  | { at: number; kind: 'touchpoints'; last: Touchpoint; count: number }
  | { at: number; kind: 'decision'; decision: Decision }
  | { at: number; kind: 'activation'; version: number }

/**
 * Replays a lead up to `until`. Input order does not matter: touchpoints are sorted by
 * (occurredAt, id) and decisions by (at, id), so late arrivals give the same result as in-order ones.
 */
export function replayLead(input: {
  email: string
  touchpoints: readonly Touchpoint[]
  decisions: readonly Decision[]
  versions: readonly AgreementVersion[]
  until: number
}): ReplayResult {
  const { until } = input
  const versions = [...input.versions].sort((a, b) => a.activatedAt - b.activatedAt)
  if (versions.length === 0) throw new Error('replayLead needs at least one agreement version')
  const versionAt = (at: number) => agreementVersionAt(versions, at)
  const sorted = input.touchpoints
    .filter((touchpoint) => touchpoint.occurredAt <= until)
    .sort(compareTouchpoints)
  const creditsByVersion = new Map<number, Credit[]>()
  const creditsFor = (entry: AgreementVersion) => {
    let credits = creditsByVersion.get(entry.version)
    if (!credits) creditsByVersion.set(entry.version, (credits = creditTouchpoints(entry.agreement, sorted)))
    return credits
  }

  let profile: LeadProfile = { email: input.email }
  let state: LeadState | undefined
  const transitions: TransitionRecord[] = []
  const refusedDecisions: ReplayResult['refusedDecisions'] = []

  const measure = (at: number, count = countUpTo(sorted, at)) => {
    const entry = versionAt(at)
    const credits = creditsFor(entry)
    const engagement = engagementAt(credits, at)
    const since = state?.stage === 'recycled' ? state.recycledAt : undefined
    const engagementSinceRecycled = since === undefined ? 0 : engagementAt(credits, at, since)
    const lead = { ...profile, lane: state?.lane, source: state?.firstSource }
    return {
      entry,
      context: conditionContext(entry.agreement, lead, sorted, count, at, {
        engagement,
        engagementSinceRecycled,
      }),
    }
  }

  const record = (
    next: LeadState,
    at: number,
    actor: Actor,
    trigger: TransitionTrigger,
    reason: string | null,
    explanations: Explanation[],
    measured = measure(at),
  ) => {
    transitions.push({
      from: state?.stage ?? null,
      to: next.stage,
      at,
      actor,
      agreementVersion: measured.entry.version,
      reason,
      explanations,
      trigger,
      fit: measured.context.scores.fit,
      engagement: measured.context.scores.engagement,
    })
    state = next
  }

  const evaluate = (at: number, trigger: TransitionTrigger, count?: number) => {
    if (!state) return
    const measured = measure(at, count)
    const { entry, context } = measured
    const system: Actor = { type: 'system', agreementVersion: entry.version }
    const agreement = entry.agreement
    if (LeadStage.isAutoDisqualifiable(state.stage)) {
      const hit = agreement.disqualifiers.find((rule) => rule.condition.test(context))
      if (hit) {
        const next = {
          ...state,
          stage: 'disqualified' as const,
          stageEnteredAt: at,
          closedReason: hit.reason,
        }
        record(
          next,
          at,
          system,
          trigger,
          hit.reason,
          [{ code: 'disqualifier', rule: hit.id, label: hit.label }, ...hit.condition.explain(context)],
          measured,
        )
        return
      }
    }
    const lane = agreement.laneForSource(state.firstSource)
    const coolDownOver = state.stage === 'recycled' && at >= (state.coolDownUntil ?? 0)
    const requalified = coolDownOver && (agreement.recycling.requalify?.test(context) ?? true)
    if ((state.stage === 'lead' || requalified) && lane.mql.test(context)) {
      const explanations = [
        ...(requalified ? (agreement.recycling.requalify?.explain(context) ?? []) : []),
        ...lane.mql.explain(context),
      ]
      record(
        { ...state, stage: 'mql', stageEnteredAt: at },
        at,
        system,
        trigger,
        null,
        explanations,
        measured,
      )
    }
  }

  const moments: Moment[] = []
  sorted.forEach((touchpoint, index) => {
    // Touchpoints at the same instant count together: evaluate once, after the last of them.
    const next = sorted[index + 1]
    if (!next || next.occurredAt !== touchpoint.occurredAt) {
      moments.push({ at: touchpoint.occurredAt, kind: 'touchpoints', last: touchpoint, count: index + 1 })
    }
  })
  for (const decision of input.decisions)
    if (decision.at <= until) moments.push({ at: decision.at, kind: 'decision', decision })
  for (const entry of versions.slice(1)) {
    if (entry.activatedAt <= until)
      moments.push({ at: entry.activatedAt, kind: 'activation', version: entry.version })
  }
  const order = { activation: 0, touchpoints: 1, decision: 2 } as const
  moments.sort(
    (a, b) =>
      a.at - b.at ||
      order[a.kind] - order[b.kind] ||
      momentSeq(a) - momentSeq(b) ||
      momentId(a).localeCompare(momentId(b)),
  )

  let merged = 0
  for (const moment of moments) {
    // A cool-down that ended before this moment is a moment of its own.
    if (state?.stage === 'recycled' && state.coolDownUntil !== undefined && state.coolDownUntil < moment.at) {
      evaluate(state.coolDownUntil, { kind: 'cool_down_ended' })
    }
    if (moment.kind === 'touchpoints') {
      while (merged < moment.count) profile = mergeLeadFields(profile, sorted[merged++]!.leadFields ?? {})
      if (!state) enterLifecycle(moment.last, moment.at)
      evaluate(moment.at, { kind: 'touchpoint', id: moment.last.id }, moment.count)
    } else if (moment.kind === 'decision') {
      applyDecision(moment.decision)
    } else {
      evaluate(moment.at, { kind: 'agreement_activated', version: moment.version })
    }
  }
  if (state?.stage === 'recycled' && state.coolDownUntil !== undefined && state.coolDownUntil <= until) {
    evaluate(state.coolDownUntil, { kind: 'cool_down_ended' })
  }

  function enterLifecycle(first: Touchpoint, at: number) {
    const { entry } = measure(at)
    const lane = entry.agreement.laneForSource(first.source)
    const owner = lane.ownerProperty === undefined ? undefined : first.properties[lane.ownerProperty]
    const initial: LeadState = {
      stage: lane.entryStage,
      stageEnteredAt: at,
      ownerRef: owner === undefined ? undefined : String(owner).toLowerCase(),
      recycledAt: undefined,
      coolDownUntil: undefined,
      recycleQueue: undefined,
      nurtureTrack: undefined,
      recycleCount: 0,
      recycleReasons: [],
      closedReason: undefined,
      deal: undefined,
      checklist: undefined,
      assignedAt: owner === undefined ? undefined : at,
      respondedAt: undefined,
      slaBreaches: [],
      assignments:
        owner === undefined
          ? []
          : [
              {
                rep: String(owner).toLowerCase(),
                team: undefined,
                at,
                reasons: [{ code: 'lane_owner', lane: lane.id }],
              },
            ],
      lane: lane.id,
      firstSource: first.source,
    }
    const explanations: Explanation[] = [
      { code: 'first_touchpoint', source: first.source ?? null, lane: lane.id, laneLabel: lane.label },
    ]
    record(
      initial,
      at,
      { type: 'system', agreementVersion: entry.version },
      { kind: 'touchpoint', id: first.id },
      null,
      explanations,
    )
  }

  function applyDecision(decision: Decision) {
    if (!state) return
    const entry = versionAt(decision.at)
    const result = transitionLead(entry.agreement, state, decision.command, decision.actor, decision.at)
    if (!result.ok) {
      refusedDecisions.push({ id: decision.id, error: result.error })
      return
    }
    if (result.state.stage === state.stage) {
      // Same stage (an assignment): the state changes, the stage history does not.
      state = { ...state, ...result.state }
      return
    }
    const note: Explanation[] = decision.command.note ? [{ code: 'note', text: decision.command.note }] : []
    record(
      { ...state, ...result.state },
      decision.at,
      decision.actor,
      { kind: 'decision', id: decision.id },
      result.reason,
      note,
    )
  }

  const finalVersion = versionAt(until)
  const nextCheckAt =
    state?.stage === 'recycled' && state.coolDownUntil !== undefined && state.coolDownUntil > until
      ? state.coolDownUntil
      : undefined
  return {
    state,
    profile: { ...profile, lane: state?.lane, source: state?.firstSource },
    touchpoints: sorted,
    transitions,
    refusedDecisions,
    nextCheckAt,
    agreementVersion: finalVersion.version,
    credits: creditsFor(finalVersion),
  }
}

function momentSeq(moment: Moment): number {
  return moment.kind === 'decision' ? (moment.decision.seq ?? 0) : 0
}

function momentId(moment: Moment): string {
  if (moment.kind === 'touchpoints') return moment.last.id
  if (moment.kind === 'decision') return moment.decision.id
  return String(moment.version)
}
