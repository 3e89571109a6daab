// A lead's whole story as a fold over its log: touchpoints (in event time) and people's decisions.
// Live ingestion, `takt verify`, `?asOf=` and backtests all call this, so they cannot disagree.
import type { CompiledAgreement } from '../agreement/compile-agreement.ts'
import type { ConditionContext } from '../agreement/compile-condition.ts'
import { DomainError } from '../errors.ts'
import { isNewToProfile, mergeLeadFields, type LeadProfile } from '../lead/lead-profile.ts'
import { creditTouchpoints, MomentScores, type Credit } from '../scoring/credit-touchpoints.ts'
import { countUpTo } from '../scoring/score-lead.ts'
import { touchpointsInReplayOrder, type Touchpoint } from '../touchpoint/touchpoint.ts'
import { TouchpointIndex } from '../touchpoint/touchpoint-index.ts'
import {
  transitionLead,
  type Actor,
  type LeadCommand,
  type LifecycleState,
  type TransitionEntry,
  type TransitionTrigger,
} from './lead-lifecycle.ts'
import { LeadStage } from './lead-stage.ts'
import { momentsAfter } from './fold-moments.ts'
import { SeenLead } from './profile-conditions.ts'
import type { Explanation } from '../explanation/explanation.ts'

export type AgreementVersion = { version: number; activatedAt: number; agreement: CompiledAgreement }

/**
 * The version in force at `at` (versions sorted by activation): the last one activated by then;
 * history from before the first activation (imports, demo data) is judged by the first.
 */
export function agreementVersionAt(versions: readonly AgreementVersion[], at: number): AgreementVersion {
  // A plain loop: asked at every moment of every fold, and most timelines hold one version.
  for (let index = versions.length - 1; index > 0; index--) {
    if (versions[index]!.activatedAt <= at) return versions[index]!
  }
  const first = versions[0]
  if (!first) throw new Error('no agreement version')
  return first
}

/** `seq` orders decisions recorded at the same instant (the order they were made in). */
export type Decision = { id: string; at: number; seq?: number; actor: Actor; command: LeadCommand }

export type { TransitionTrigger }

export type TransitionRecord = TransitionEntry & {
  /** why (explanationText gives the English sentences) */
  explanations: Explanation[]
  /** who the lead belongs to, its lane and first source after the transition, for reports by owner and source */
  owner: string | null
  lane: string
  source: string | null
}

export type LeadState = LifecycleState & { lane: string; firstSource: string | undefined }

export type ReplayResult = {
  /** undefined when no touchpoint happened up to `until` */
  state: LeadState | undefined
  profile: LeadProfile
  touchpoints: Touchpoint[]
  transitions: TransitionRecord[]
  refusedDecisions: Array<{ id: string; error: DomainError }>
  /**
   * The next instant at which the lead may change without new input: a cool-down ending, the only
   * moment the fold evaluates that time alone brings (a lead is otherwise evaluated when it acts)
   */
  nextCheckAt: number | undefined
  agreementVersion: number
  /** credits of the touchpoints under `agreementVersion`, for scoring at `until` without crediting again */
  credits: Credit[]
}

/** Where a fold stopped: enough to go on with later moments without folding the earlier ones again. */
export type LeadSnapshot = {
  /** instant of the last moment folded; null before the first */
  at: number | null
  /** touchpoints folded: those at or before `at` */
  touchpoints: number
  /** decisions folded: those at or before `at` */
  decisions: number
  /** versions in force up to `at` (the first, and those activated by then) as [version, activatedAt] */
  versions: Array<[number, number]>
  state: LeadState | null
  /** profile merged from the folded touchpoints (without lane and source, which the state holds) */
  profile: LeadProfile
  /** transitions recorded up to `at` */
  transitions: number
  refusedDecisions: Array<{
    id: string
    code: DomainError['code']
    message: string
    details: Record<string, unknown>
  }>
}

export const EMPTY_SNAPSHOT: LeadSnapshot = Object.freeze({
  at: null,
  touchpoints: 0,
  decisions: 0,
  versions: [],
  state: null,
  profile: { email: '' },
  transitions: 0,
  refusedDecisions: [],
}) as LeadSnapshot

export type FoldResult = ReplayResult & {
  /** the snapshot to store: after the last moment, before the cool-down that may end between it and `until` */
  snapshot: LeadSnapshot
  /**
   * Index in the lead's full transition history of `transitions[0]`: the stored history keeps its
   * transitions before this index and takes these from it on. 0 when the fold started from scratch
   * and nothing said where the change began.
   */
  firstSeq: number
  /** whether the snapshot given or a checkpoint could be continued (false: the whole log was folded again) */
  resumed: boolean
  /** whether the fold went on from one of the checkpoints rather than from the snapshot (a late input) */
  fromCheckpoint: boolean
  /**
   * Snapshots taken on the way, oldest first, to store for the next fold: one each time the number of
   * touchpoints folded passes a multiple of `checkpointEvery`, the last MAX_CHECKPOINTS kept. The same
   * whether folded from scratch or on from a snapshot.
   */
  checkpoints: LeadSnapshot[]
}

const MINUTE = 60_000
/** How far ahead a rule that time makes true is looked for, to schedule the lead's next fold. */
const TIME_HORIZON_MS = 400 * 86_400_000
/** Bounds on the search between two inputs, against pathological agreements. */
const MAX_TIME_STRETCHES = 10_000
const MAX_TIME_STEPS = 1_000

/** Touchpoints between two checkpoints, unless the input says otherwise. */
export const CHECKPOINT_EVERY = 50
/** Checkpoints kept: a late input older than the oldest folds the whole log again. */
export const MAX_CHECKPOINTS = 20

export type FoldInput = {
  email: string
  /** the lead's whole log: conditions look back over it (signal windows, hand-raisers ever seen) */
  touchpoints: readonly Touchpoint[]
  decisions: readonly Decision[]
  versions: readonly AgreementVersion[]
  until: number
  /**
   * Earliest instant of input the snapshot may not have seen (a late event, a decision dated in the
   * past), when the caller knows it: if the snapshot cannot be continued, only transitions from this
   * instant on are returned as changed.
   */
  changedFrom?: number
  /**
   * The checkpoints the last fold returned: when a late input makes the snapshot unusable, the fold
   * goes on from the latest checkpoint before it instead of from the start.
   */
  checkpoints?: readonly LeadSnapshot[]
  /** touchpoints between checkpoints (CHECKPOINT_EVERY) */
  checkpointEvery?: number
}

/**
 * Replays a lead up to `until`. Input order does not matter: touchpoints are sorted by
 * (occurredAt, id) and decisions by (at, id), so late arrivals give the same result as in-order ones.
 */
export function replayLead(input: Omit<FoldInput, 'changedFrom'>): ReplayResult {
  return foldLead(EMPTY_SNAPSHOT, input)
}

/**
 * Folds the moments after `snapshot` into it. When the input holds something the snapshot should
 * have seen and did not (a late touchpoint, a decision dated before it, a version activated in its
 * past), or `until` is before it, the whole log is folded again: the result is always the one a full
 * replay gives (`replayLead(history) ≡ foldLead(EMPTY_SNAPSHOT, history)`), only cheaper.
 */
export function foldLead(snapshot: LeadSnapshot, input: FoldInput): FoldResult {
  const { until } = input
  const versions = versionsInOrder(input.versions)
  if (versions.length === 0) throw new Error('replayLead needs at least one agreement version')
  const versionAt = (at: number) => agreementVersionAt(versions, at)
  const sorted = touchpointsInReplayOrder(input.touchpoints, until)
  const decisions = input.decisions.every((decision) => decision.at <= until)
    ? input.decisions
    : input.decisions.filter((decision) => decision.at <= until)
  const found = resumableOf(snapshot, input.checkpoints, sorted, decisions, versions, until)
  const resumed = found !== undefined
  const start = found ?? EMPTY_SNAPSHOT
  const after = start.at ?? -Infinity
  const every = input.checkpointEvery ?? CHECKPOINT_EVERY
  // Checkpoints before the instant folding starts from stay valid; those after it are taken again.
  const checkpoints = resumed
    ? (input.checkpoints ?? []).filter((checkpoint) => checkpoint.at !== null && checkpoint.at <= start.at!)
    : []
  checkpoints.sort((a, b) => a.at! - b.at!)
  let bucket = Math.floor(start.touchpoints / every)

  const index = new TouchpointIndex(sorted)
  const creditsByVersion = new Map<number, Credit[]>()
  let lastCredited: { version: number; credits: Credit[] } | undefined
  const creditsFor = (entry: AgreementVersion) => {
    // Asked at every moment, nearly always for the version asked last.
    if (lastCredited?.version === entry.version) return lastCredited.credits
    let credits = creditsByVersion.get(entry.version)
    if (!credits) creditsByVersion.set(entry.version, (credits = creditTouchpoints(entry.agreement, sorted)))
    lastCredited = { version: entry.version, credits }
    return credits
  }

  let profile: LeadProfile = resumed ? start.profile : { email: input.email }
  let state: LeadState | undefined = start.state ?? undefined
  const transitions: TransitionRecord[] = []
  const refusedDecisions: ReplayResult['refusedDecisions'] = start.refusedDecisions.map((refused) => ({
    id: refused.id,
    error: new DomainError(refused.code, refused.message, refused.details),
  }))

  let current: SeenLead | undefined
  const seenLead = (): SeenLead => {
    const lane = state?.lane
    const source = state?.firstSource
    if (current?.isOf(profile, lane, source)) return current
    current =
      current?.profile === profile ? current.placedIn(lane, source) : new SeenLead(profile, lane, source)
    return current
  }

  const measure = (at: number, count = countUpTo(sorted, at)) => {
    const entry = versionAt(at)
    const since = state?.stage === 'recycled' ? state.recycledAt : undefined
    const scores = new MomentScores(creditsFor(entry), at, since)
    const known = seenLead()
    const agreement = entry.agreement
    const context: ConditionContext = {
      at,
      profile: known.lead,
      scores,
      touchpoints: sorted,
      count,
      isHandRaiser: agreement.isHandRaiser,
      index,
    }
    scores.fit = known.fitUnder(agreement, context)
    return { entry, known, context }
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
      owner: next.ownerRef ?? null,
      lane: next.lane,
      source: next.firstSource ?? null,
    })
    state = next
  }

  /** The transition the agreement's rules make at `at`, if any, without recording it. */
  const decide = (at: number, count?: number) => {
    // Rules move a lead only in the stages they may disqualify it in (MQL needs lead or recycled, both
    // among them): the sales-owned and closed stages move only by people's decisions.
    if (!state || !LeadStage.isAutoDisqualifiable(state.stage)) return undefined
    const measured = measure(at, count)
    const { entry, known, context } = measured
    const agreement = entry.agreement
    const hit = known.disqualifierUnder(agreement, context)
    if (hit) {
      return {
        next: { ...state, stage: 'disqualified' as const, stageEnteredAt: at, closedReason: hit.reason },
        reason: hit.reason as string | null,
        explanations: [
          { code: 'disqualifier', rule: hit.id, label: hit.label },
          ...hit.condition.explain(context),
        ] as Explanation[],
        measured,
      }
    }
    const lane = known.laneUnder(agreement)
    const coolDownOver = state.stage === 'recycled' && at >= (state.coolDownUntil ?? 0)
    const requalified = coolDownOver && (agreement.recycling.requalify?.test(context) ?? true)
    if ((state.stage === 'lead' || requalified) && lane.mql.test(context)) {
      return {
        next: { ...state, stage: 'mql' as const, stageEnteredAt: at },
        reason: null,
        explanations: [
          ...(requalified ? (agreement.recycling.requalify?.explain(context) ?? []) : []),
          ...lane.mql.explain(context),
        ] as Explanation[],
        measured,
      }
    }
    return undefined
  }

  const evaluate = (at: number, trigger: TransitionTrigger, count?: number) => {
    const made = decide(at, count)
    if (!made) return
    const system: Actor = { type: 'system', agreementVersion: made.measured.entry.version }
    record(made.next, at, system, trigger, made.reason, made.explanations, made.measured)
  }

  /**
   * The first whole minute in (from, to) — or (from, to] when `inclusive` — at which time alone makes
   * a rule fire (agreement.timeRules: a window closing under a `not`, a score decaying under an upper
   * bound). Between two windows closing only decay moves a score, taken to move one way, so each such
   * stretch is checked at its ends and searched by halving; undefined when no rule fires.
   */
  const firstFiringByTime = (from: number, to: number, inclusive: boolean): number | undefined => {
    if (!state || to === Infinity) return undefined
    const last = inclusive ? Math.floor(to / MINUTE) : Math.ceil(to / MINUTE) - 1
    let minute = Math.floor(from / MINUTE) + 1
    const fires = (at: number) => decide(at * MINUTE) !== undefined
    for (let stretch = 0; minute <= last && stretch < MAX_TIME_STRETCHES; stretch++) {
      const rules = versionAt(minute * MINUTE).agreement.timeRules
      if (rules.length === 0) return undefined
      const { context } = measure(minute * MINUTE)
      let change: number | undefined
      for (const rule of rules) {
        const next = rule.nextWindowChange(context)
        if (next !== undefined && (change === undefined || next < change)) change = next
      }
      const end = change === undefined ? last : Math.min(last, Math.ceil(change / MINUTE) - 1)
      if (fires(minute)) return minute * MINUTE
      if (end > minute && fires(end)) {
        let [low, high] = [minute, end]
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2)
          if (fires(middle)) high = middle
          else low = middle
        }
        return high * MINUTE
      }
      minute = end + 1
    }
    return undefined
  }

  /**
   * Goes from `clock` up to `to` without input: a cool-down that ends, and rules that time alone makes
   * true, in the order they happen.
   */
  let clock = start.at ?? -Infinity
  const passTime = (to: number, inclusive: boolean) => {
    for (let step = 0; step < MAX_TIME_STEPS && state; step++) {
      const coolDown =
        state.stage === 'recycled' &&
        state.coolDownUntil !== undefined &&
        state.coolDownUntil > clock &&
        (inclusive ? state.coolDownUntil <= to : state.coolDownUntil < to)
          ? state.coolDownUntil
          : undefined
      const byTime = firstFiringByTime(clock, coolDown ?? to, coolDown === undefined && inclusive)
      if (byTime !== undefined) {
        evaluate(byTime, { kind: 'time' })
        clock = byTime
      } else if (coolDown !== undefined) {
        evaluate(coolDown, { kind: 'cool_down_ended' })
        clock = coolDown
      } else return
    }
  }

  const moments = momentsAfter(sorted, start.touchpoints, decisions, versions, after, until)

  let merged = start.touchpoints
  for (let index = 0; index < moments.length; index++) {
    const moment = moments[index]!
    // A cool-down that ended before this moment is a moment of its own, and so is a rule that time made true.
    passTime(moment.at, false)
    clock = moment.at
    if (moment.kind === 'touchpoints') {
      const first = merged
      while (merged < moment.count) {
        // Most touchpoints repeat the fields the lead has: the profile stays the same object, so what
        // its fields decided is kept (seenLead).
        const fields = sorted[merged++]!.leadFields
        if (fields && isNewToProfile(fields, profile)) profile = mergeLeadFields(profile, fields)
      }
      if (!state) enterLifecycle(moment.last, moment.at)
      else endCoolDownOnHandRaiser(first, moment.count, moment.at)
      evaluate(moment.at, { kind: 'touchpoint', id: moment.last.id }, moment.count)
    } else if (moment.kind === 'decision') {
      applyDecision(moment.decision)
    } else {
      evaluate(moment.at, { kind: 'agreement_activated', version: moment.version })
    }
    // A checkpoint once a multiple of `every` touchpoints was passed, taken where a snapshot may be:
    // after the last moment of an instant.
    const following = moments[index + 1]
    if (Math.floor(merged / every) > bucket && (!following || following.at > moment.at)) {
      bucket = Math.floor(merged / every)
      checkpoints.push(snapshotAt(moment.at))
    }
  }
  const lastAt = moments.at(-1)?.at ?? start.at
  const next: LeadSnapshot = lastAt === null ? { ...EMPTY_SNAPSHOT, profile } : snapshotAt(lastAt)

  function snapshotAt(at: number): LeadSnapshot {
    return {
      at,
      touchpoints: countUpTo(sorted, at),
      decisions: decisions.filter((decision) => decision.at <= at).length,
      versions: versionsUpTo(versions, at),
      state: state ?? null,
      profile,
      transitions: start.transitions + transitions.length,
      refusedDecisions: refusedDecisions.map(({ id, error }) => ({
        id,
        code: error.code,
        message: error.message,
        details: { ...error.details },
      })),
    }
  }
  // A cool-down ending after the last moment, or a rule time makes true: their transitions are returned,
  // not kept in the snapshot, since a touchpoint arriving before them would come first.
  passTime(until, true)

  function enterLifecycle(first: Touchpoint, at: number) {
    const measured = measure(at)
    const { entry } = measured
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
      measured,
    )
  }

  // Where the agreement says so, a lead that asks for sales during its cool-down need not wait it out:
  // the cool-down ends now, and the usual re-qualification rules decide at once.
  function endCoolDownOnHandRaiser(from: number, to: number, at: number) {
    if (state?.stage !== 'recycled' || (state.coolDownUntil ?? 0) <= at) return
    const agreement = versionAt(at).agreement
    if (!agreement.recycling.handRaiserEndsCoolDown) return
    if (index.countMatching(agreement.isHandRaiser, from, to) === 0) return
    state = { ...state, coolDownUntil: at }
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

  /** When the lead must be folded again though nothing arrives: a cool-down's end, a rule time makes true. */
  function nextCheck(): number | undefined {
    const coolDown =
      state?.stage === 'recycled' && state.coolDownUntil !== undefined && state.coolDownUntil > until
        ? state.coolDownUntil
        : undefined
    const byTime = firstFiringByTime(until, coolDown ?? until + TIME_HORIZON_MS, true)
    return byTime ?? coolDown
  }

  const finalVersion = versionAt(until)
  const credits = creditsFor(finalVersion)
  const finalState = state as LeadState | undefined
  // Folded from scratch, the transitions the snapshot had already recorded before the first changed
  // instant come out the same; input it never saw is at or after `changedFrom`, or after its instant.
  const seen = snapshot.at
  const changedFrom = input.changedFrom
  const unchanged =
    resumed || changedFrom === undefined || seen === null
      ? 0
      : countWhile(transitions, (transition) => transition.at < changedFrom && transition.at <= seen)
  return {
    state: finalState,
    profile: { ...profile, lane: finalState?.lane, source: finalState?.firstSource },
    touchpoints: sorted,
    transitions: transitions.slice(unchanged),
    refusedDecisions,
    nextCheckAt: nextCheck(),
    agreementVersion: finalVersion.version,
    credits,
    snapshot: next,
    firstSeq: start.transitions + unchanged,
    resumed,
    fromCheckpoint: resumed && start !== snapshot,
    checkpoints: checkpoints.slice(-MAX_CHECKPOINTS),
  }
}

/** Versions by activation: copied and sorted only when they do not come so (they nearly always do). */
function versionsInOrder(versions: readonly AgreementVersion[]): readonly AgreementVersion[] {
  for (let index = 1; index < versions.length; index++) {
    if (versions[index - 1]!.activatedAt > versions[index]!.activatedAt)
      return [...versions].sort((a, b) => a.activatedAt - b.activatedAt)
  }
  return versions
}

/** The latest of the snapshot and the checkpoints that saw exactly the log's moments up to its instant. */
function resumableOf(
  snapshot: LeadSnapshot,
  checkpoints: readonly LeadSnapshot[] | undefined,
  sorted: readonly Touchpoint[],
  decisions: readonly Decision[],
  versions: readonly AgreementVersion[],
  until: number,
): LeadSnapshot | undefined {
  // A replay from scratch (every backtest fold) has nothing to continue.
  if (snapshot.at === null && (checkpoints === undefined || checkpoints.length === 0)) return undefined
  const candidates = [snapshot, ...(checkpoints ?? [])].sort((a, b) => (b.at ?? -1) - (a.at ?? -1))
  return candidates.find(
    (candidate) => candidate.at !== null && continues(candidate, sorted, decisions, versions, until),
  )
}

/** Whether `snapshot` folded exactly the input's moments up to its instant, so folding can go on from it. */
function continues(
  snapshot: LeadSnapshot,
  sorted: readonly Touchpoint[],
  decisions: readonly Decision[],
  versions: readonly AgreementVersion[],
  until: number,
): boolean {
  const at = snapshot.at!
  if (at > until) return false
  if (countUpTo(sorted, at) !== snapshot.touchpoints) return false
  if (decisions.filter((decision) => decision.at <= at).length !== snapshot.decisions) return false
  const known = versionsUpTo(versions, at)
  return (
    known.length === snapshot.versions.length &&
    known.every(([version, activatedAt], index) => {
      const [storedVersion, storedAt] = snapshot.versions[index]!
      return version === storedVersion && activatedAt === storedAt
    })
  )
}

function versionsUpTo(versions: readonly AgreementVersion[], at: number): Array<[number, number]> {
  return versions
    .filter((entry, index) => index === 0 || entry.activatedAt <= at)
    .map((entry) => [entry.version, entry.activatedAt])
}

function countWhile<T>(items: readonly T[], holds: (item: T) => boolean): number {
  let count = 0
  while (count < items.length && holds(items[count]!)) count++
  return count
}
