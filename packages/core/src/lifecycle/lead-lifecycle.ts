// The transitions people make, with their guards. Automatic transitions live in replay-lead.ts.
import type { CompiledAgreement } from '../agreement/compile-agreement.ts'
import { DomainError } from '../errors.ts'
import { assertUnreachable } from '../util/assert-unreachable.ts'
import { isCalendarDate } from '../util/is-calendar-date.ts'
import { checkChecklist, type ChecklistEvidence } from './qualification-checklist.ts'
import type { LeadStage } from './lead-stage.ts'
import { asExplanation, type Explanation } from '../explanation/explanation.ts'

export type LeadCommand =
  | { kind: 'accept'; note?: string }
  | { kind: 'reject'; reason: string; note?: string }
  | { kind: 'recycle'; reason: string; note?: string }
  | { kind: 'qualify'; checklist: ChecklistEvidence; note?: string }
  | { kind: 'open_deal'; amount: number; currency?: string; expectedCloseDate: string; note?: string }
  /** Moves an open deal to another of the agreement's deal stages; win and lose end it. */
  | { kind: 'move_deal'; dealStage: string; note?: string }
  | { kind: 'win'; note?: string }
  | { kind: 'lose'; reason: string; note?: string }
  | { kind: 'disqualify'; reason: string; note?: string }
  | {
      kind: 'assign'
      rep: string
      team?: string
      /** Texts: assignments recorded before routing reasons were explanations */
      reasons?: ReadonlyArray<Explanation | string>
      note?: string
    }
  | { kind: 'update_checklist'; checklist: ChecklistEvidence; note?: string }
  /** A manager sends a recycled or disqualified lead that raised its hand back to sales as an MQL. */
  | { kind: 'hand_to_sales'; reason: string; note?: string }
  /**
   * The rep's first logged activity (a call, an e-mail, …) on an MQL handed to them: it answers the SLA
   * as accepting would, and the lead stays an MQL. Recorded by logging the activity, never offered.
   */
  | { kind: 'respond'; activity: string; note?: string }
  /** Privacy erasure (system only): the lead is projected from `erasure` from then on. */
  | { kind: 'erase'; erasure: ErasureSnapshot; note?: string }
  | {
      kind: 'sla_breach'
      /** index of the agreement's `sla.onBreach` step */
      step: number
      action: SlaBreachAction
      afterBusinessHours: number
      /** recycle reason for `return_to_marketing`; the built-in `sla_breached` when the step names none */
      reason?: string
      note?: string
    }

export type SlaBreachAction = 'notify' | 'reassign' | 'return_to_marketing'

/** The reason an erased lead is disqualified for. */
export const ERASURE_REASON = 'erasure'

/** What made a stage change happen. */
export type TransitionTrigger =
  | { kind: 'touchpoint'; id: string }
  | { kind: 'decision'; id: string }
  | { kind: 'cool_down_ended' }
  /** a rule that time alone made true: a window closed (nothing for 90 days), a score decayed */
  | { kind: 'time' }
  | { kind: 'agreement_activated'; version: number }

/**
 * What an erased lead keeps: its stage path and numbers, with no personal data. Erasure wipes the
 * fields its path was decided on, so the erase decision carries this and the lead is projected from it.
 */
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
  deal: LifecycleState['deal'] | null
  transitions: TransitionEntry[]
}

/** One stage change: who made it when, under which version, why, and the scores at that moment. */
export type TransitionEntry = {
  from: LeadStage | null
  to: LeadStage
  at: number
  actor: Actor
  agreementVersion: number
  reason: string | null
  trigger: TransitionTrigger
  fit: number
  engagement: number
}

/** The reason a lead returned to marketing by an SLA breach carries when the agreement names none. */
export const SLA_BREACHED_REASON = 'sla_breached'

export type LeadCommandKind = LeadCommand['kind']

export type Actor =
  | { type: 'user'; id: string }
  | { type: 'api_key'; id: string }
  | { type: 'system'; agreementVersion: number }

/** The parts of a lead's state that the lifecycle reads and changes. */
export type LifecycleState = {
  stage: LeadStage
  stageEnteredAt: number
  ownerRef: string | undefined
  recycledAt: number | undefined
  coolDownUntil: number | undefined
  recycleQueue: 'nurture' | 'data_quality' | undefined
  nurtureTrack: string | undefined
  recycleCount: number
  recycleReasons: string[]
  closedReason: string | undefined
  /** `stage`: one of the agreement's deal stages; none yet means the first */
  deal: { amount: number; currency: string; expectedCloseDate: string; stage?: string } | undefined
  checklist: ChecklistEvidence | undefined
  /** when the current owner got the lead: the SLA clock starts here */
  assignedAt: number | undefined
  assignments: Array<{ rep: string; team: string | undefined; at: number; reasons: Explanation[] }>
  /** the owner's first answer (accept or reject) to the current hand-off: the SLA's first touch */
  respondedAt: number | undefined
  /** every breach step fired, with the hand-off it belonged to (`assignedAt`) */
  slaBreaches: Array<{ step: number; action: SlaBreachAction; at: number; rep: string; assignedAt: number }>
}

/** From which stages each command may be given. */
export const COMMAND_FROM: Readonly<Record<LeadCommandKind, readonly LeadStage[]>> = Object.freeze({
  accept: ['mql'],
  reject: ['mql'],
  recycle: ['sal', 'sql'],
  qualify: ['sal'],
  open_deal: ['sql'],
  move_deal: ['opportunity'],
  win: ['opportunity'],
  lose: ['opportunity'],
  disqualify: ['lead', 'mql', 'sal', 'sql', 'opportunity', 'recycled'],
  // Routing hands an MQL to a rep; a manager may move it, or an accepted lead, to another rep.
  assign: ['mql', 'sal'],
  // Sales keeps qualifying after the SQL hand-over: the checklist stays editable through opportunity.
  update_checklist: ['sal', 'sql', 'opportunity'],
  sla_breach: ['mql'],
  hand_to_sales: ['recycled', 'disqualified'],
  respond: ['mql'],
  erase: ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'],
})

/** Commands only the system gives (the SLA job); people are never offered them. */
export const SYSTEM_COMMANDS: ReadonlySet<LeadCommandKind> = new Set(['sla_breach', 'erase', 'respond'])

/** What a person may do with a lead in `stage`. */
export function allowedCommands(stage: LeadStage): LeadCommandKind[] {
  return (Object.keys(COMMAND_FROM) as LeadCommandKind[]).filter(
    (kind) => COMMAND_FROM[kind].includes(stage) && !SYSTEM_COMMANDS.has(kind),
  )
}

export type LeadTransition =
  { ok: true; state: LifecycleState; reason: string | null } | { ok: false; error: DomainError }

const DAY_MS = 86_400_000

/**
 * Applies a person's command to a lead, or says why it is not allowed.
 *
 * @example
 * const result = transitionLead(agreement, state, { kind: 'reject', reason: 'no_budget' }, actor, now)
 * if (!result.ok) throw result.error // ILLEGAL_TRANSITION, UNKNOWN_REASON, …
 */
export function transitionLead(
  agreement: CompiledAgreement,
  state: LifecycleState,
  command: LeadCommand,
  actor: Actor,
  at: number,
): LeadTransition {
  if (!COMMAND_FROM[command.kind].includes(state.stage)) {
    return refuse('ILLEGAL_TRANSITION', `A lead in stage ${state.stage} cannot be given "${command.kind}".`, {
      stage: state.stage,
      command: command.kind,
      allowed: allowedCommands(state.stage),
    })
  }
  const enter = (stage: LeadStage, changes: Partial<LifecycleState> = {}): LifecycleState => ({
    ...state,
    ...changes,
    stage,
    stageEnteredAt: at,
  })
  switch (command.kind) {
    case 'accept': {
      const ownerRef = state.ownerRef ?? actorRef(actor)
      const assignedAt = state.ownerRef === undefined ? at : state.assignedAt
      return { ok: true, state: enter('sal', { ownerRef, assignedAt, respondedAt: at }), reason: null }
    }
    case 'reject':
      return recycleWithReason(agreement, { ...state, respondedAt: at }, command.reason, at, enter)
    case 'recycle':
    case 'lose':
      return recycleWithReason(agreement, state, command.reason, at, enter)
    case 'update_checklist': {
      // Unknown items are refused; a checklist that no longer satisfies the agreement is kept and shown as such.
      const unknown = checkChecklist(agreement.document.sql?.checklists ?? [], command.checklist)
      if (unknown && 'unknown' in unknown.details) return { ok: false, error: unknown }
      return { ok: true, state: { ...state, checklist: command.checklist }, reason: null }
    }
    case 'sla_breach': {
      if (state.ownerRef === undefined || state.assignedAt === undefined) {
        return refuse('ILLEGAL_TRANSITION', 'Only an assigned MQL can breach its SLA.', {
          stage: state.stage,
          command: command.kind,
          allowed: allowedCommands(state.stage),
        })
      }
      const breach = {
        step: command.step,
        action: command.action,
        at,
        rep: state.ownerRef,
        assignedAt: state.assignedAt,
      }
      const slaBreaches = [...state.slaBreaches, breach]
      if (command.action !== 'return_to_marketing')
        return { ok: true, state: { ...state, slaBreaches }, reason: null }
      const enterBreached = (stage: LeadStage, changes: Partial<LifecycleState> = {}) =>
        enter(stage, { ...changes, slaBreaches })
      if (command.reason !== undefined) {
        return recycleWithReason(agreement, state, command.reason, at, enterBreached)
      }
      const coolDownMs = agreement.recycling.coolDownMs
      return {
        ok: true,
        state: enterBreached(
          'recycled',
          recycledChanges(state, SLA_BREACHED_REASON, 'nurture', undefined, coolDownMs, at),
        ),
        reason: SLA_BREACHED_REASON,
      }
    }
    case 'qualify': {
      const problem = checkChecklist(agreement.document.sql?.checklists ?? [], command.checklist)
      if (problem) return { ok: false, error: problem }
      return { ok: true, state: enter('sql', { checklist: command.checklist }), reason: null }
    }
    case 'open_deal': {
      const validDeal = Number.isFinite(command.amount) && command.amount >= 0
      if (!validDeal || !isCalendarDate(command.expectedCloseDate)) {
        return refuse(
          'DEAL_DETAILS_REQUIRED',
          'A deal needs an amount and an expected close date (YYYY-MM-DD).',
          {},
        )
      }
      const deal = {
        amount: command.amount,
        currency: command.currency ?? 'EUR',
        expectedCloseDate: command.expectedCloseDate,
      }
      return { ok: true, state: enter('opportunity', { deal }), reason: null }
    }
    case 'move_deal': {
      const stages = agreement.document.deals?.stages ?? []
      if (!stages.some((stage) => stage.id === command.dealStage)) {
        const message = `"${command.dealStage}" is not one of the agreement's deal stages.`
        return refuse('UNKNOWN_DEAL_STAGE', message, {
          dealStage: command.dealStage,
          allowed: stages.map((stage) => stage.id),
        })
      }
      // Not a stage change of the lead: the opportunity stays one, its deal moves on the board.
      const deal = state.deal && { ...state.deal, stage: command.dealStage }
      return { ok: true, state: { ...state, deal }, reason: null }
    }
    case 'win':
      return { ok: true, state: enter('customer'), reason: null }
    case 'assign': {
      if (command.rep.trim() === '') return refuse('REASON_REQUIRED', 'Assigning needs a rep.', {})
      const assignment = {
        rep: command.rep.toLowerCase(),
        team: command.team,
        at,
        reasons: (command.reasons ?? []).map(asExplanation),
      }
      // Not a stage change: the lead stays where it is, with a new owner and a fresh SLA clock.
      return {
        ok: true,
        state: {
          ...state,
          ownerRef: assignment.rep,
          assignedAt: at,
          respondedAt: undefined,
          assignments: [...state.assignments, assignment],
        },
        reason: null,
      }
    }
    case 'hand_to_sales': {
      if (command.reason.trim() === '')
        return refuse('REASON_REQUIRED', 'Handing to sales needs a reason.', {})
      // A fresh MQL without an owner: routing hands it to a rep as it does any other.
      const changes: Partial<LifecycleState> = {
        coolDownUntil: undefined,
        closedReason: undefined,
        ownerRef: undefined,
        assignedAt: undefined,
        respondedAt: undefined,
      }
      return { ok: true, state: enter('mql', changes), reason: command.reason.trim() }
    }
    case 'disqualify': {
      if (command.reason.trim() === '') return refuse('REASON_REQUIRED', 'Disqualifying needs a reason.', {})
      return {
        ok: true,
        state: enter('disqualified', { closedReason: command.reason }),
        reason: command.reason,
      }
    }
    case 'respond':
      // Only the first response after the hand-off counts; later activities leave the SLA as it was.
      return {
        ok: true,
        state: state.respondedAt === undefined ? { ...state, respondedAt: at } : state,
        reason: null,
      }
    case 'erase': {
      if (state.stage === 'disqualified') return { ok: true, state, reason: null }
      return {
        ok: true,
        state: enter('disqualified', { closedReason: ERASURE_REASON }),
        reason: ERASURE_REASON,
      }
    }
    default:
      return assertUnreachable(command)
  }
}

function recycleWithReason(
  agreement: CompiledAgreement,
  state: LifecycleState,
  reasonId: string,
  at: number,
  enter: (stage: LeadStage, changes?: Partial<LifecycleState>) => LifecycleState,
): LeadTransition {
  if (reasonId.trim() === '') return refuse('REASON_REQUIRED', 'A reason is required.', {})
  const reasons = agreement.recycling.reasons
  const reason = reasons.get(reasonId)
  if (!reason) {
    return refuse('UNKNOWN_REASON', `"${reasonId}" is not one of the agreement's reasons.`, {
      reason: reasonId,
      allowed: [...reasons.keys()],
    })
  }
  if (reason.action === 'disqualify') {
    return { ok: true, state: enter('disqualified', { closedReason: reason.id }), reason: reason.id }
  }
  const coolDownMs =
    reason.coolDownDays === undefined ? agreement.recycling.coolDownMs : reason.coolDownDays * DAY_MS
  return {
    ok: true,
    state: enter('recycled', recycledChanges(state, reason.id, reason.action, reason.track, coolDownMs, at)),
    reason: reason.id,
  }
}

function recycledChanges(
  state: LifecycleState,
  reason: string,
  queue: 'nurture' | 'data_quality',
  track: string | undefined,
  coolDownMs: number,
  at: number,
): Partial<LifecycleState> {
  return {
    recycledAt: at,
    coolDownUntil: at + coolDownMs,
    recycleQueue: queue,
    nurtureTrack: track,
    recycleCount: state.recycleCount + 1,
    recycleReasons: [...state.recycleReasons, reason],
    ownerRef: undefined,
  }
}

function actorRef(actor: Actor): string | undefined {
  return actor.type === 'user' ? actor.id : undefined
}

function refuse(
  code: DomainError['code'],
  message: string,
  details: Record<string, unknown>,
): LeadTransition {
  return { ok: false, error: new DomainError(code, message, details) }
}
