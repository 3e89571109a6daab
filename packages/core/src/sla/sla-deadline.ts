// The hand-off SLA: when a rep must accept or reject an assigned MQL, what happens on breach, and where a
// lead stands right now. Everything is counted in business time of the rep's calendar.
import type { AgreementDocument } from '../agreement/agreement-document.ts'
import { compileBusinessCalendar, type BusinessCalendar } from './business-calendar.ts'

export type Sla = NonNullable<AgreementDocument['sla']>
export type SlaAction = Sla['onBreach'][number]['action']
export type SlaNotify = 'owner' | 'team_lead'

export type SlaStep = {
  /** position in the agreement's `sla.onBreach`, which names the step in the breach record */
  index: number
  afterBusinessHours: number
  /** The instant the step falls due. */
  at: number
  action: SlaAction
  /** Who is told; a `notify` step without a target tells the owning rep. */
  notify: SlaNotify | undefined
  /** the recycle reason of a `return_to_marketing` step */
  reason: string | undefined
}

export type SlaSchedule = { assignedAt: number; dueAt: number; steps: SlaStep[] }

export type SlaState = 'on_time' | 'due_soon' | 'breached' | 'met' | 'met_late'

export type SlaStatus = {
  state: SlaState
  dueAt: number
  /** Business ms left until `dueAt` (at the response, once responded); negative when overdue. */
  remainingBusinessMs: number
  /** The first breach step still ahead; undefined once responded or when all have fallen due. */
  nextStep: SlaStep | undefined
  /** Breach steps already due (before the response, if any), for idempotent timer jobs. */
  reachedSteps: SlaStep[]
}

export type SlaPolicy = {
  calendar: BusinessCalendar
  allowanceMs: number
  slaSchedule: (assignedAt: number) => SlaSchedule
  /** The deadline alone (slaSchedule's dueAt), for reports that judge many hand-offs. */
  dueAt: (assignedAt: number) => number
  /** A response after `now` is not seen yet, so replaying history at any instant gives what was known then. */
  slaStatus: (assignedAt: number, now: number, respondedAt?: number) => SlaStatus
  /** The same policy on another state's holidays, e.g. the assigned rep's; cached per region. */
  forRegion: (region: string | undefined) => SlaPolicy
}

const HOUR_MS = 3_600_000

/** Business milliseconds as the hours people read, to one decimal. */
export function businessHours(ms: number): number {
  return Math.round((ms / HOUR_MS) * 10) / 10
}
/** "Due soon" once less than this share of the allowance is left. */
export const DUE_SOON_SHARE = 0.25

/**
 * Compiles the agreement's `sla` section; the calendar defaults to its business hours.
 * @example
 * const policy = compileSlaPolicy(document.sla).forRegion(rep.region)
 * policy.slaStatus(assignedAt, now).state // 'on_time' | 'due_soon' | 'breached' | 'met' | 'met_late'
 */
export function compileSlaPolicy(sla: Sla, calendar = compileBusinessCalendar(sla.businessHours)): SlaPolicy {
  const byRegion = new Map<string, SlaPolicy>()
  const policyFor = (calendar: BusinessCalendar): SlaPolicy => {
    const cached = byRegion.get(calendar.region ?? '')
    if (cached) return cached
    const policy = buildPolicy(sla, calendar, (region) => policyFor(calendar.holidaysFor(region)))
    byRegion.set(calendar.region ?? '', policy)
    return policy
  }
  return policyFor(calendar)
}

function buildPolicy(
  sla: Sla,
  calendar: BusinessCalendar,
  forRegion: (region: string | undefined) => SlaPolicy,
): SlaPolicy {
  const allowanceMs = Math.round(sla.acceptWithinBusinessHours * HOUR_MS)
  const breachSteps = sla.onBreach
    .map((step, index) => ({ ...step, index }))
    .sort((a, b) => a.afterBusinessHours - b.afterBusinessHours || a.index - b.index)

  const dueAt = (assignedAt: number) => calendar.addBusinessHours(assignedAt, sla.acceptWithinBusinessHours)
  const slaSchedule = (assignedAt: number): SlaSchedule => ({
    assignedAt,
    dueAt: dueAt(assignedAt),
    steps: breachSteps.map((step) => ({
      index: step.index,
      afterBusinessHours: step.afterBusinessHours,
      at: calendar.addBusinessHours(assignedAt, step.afterBusinessHours),
      action: step.action,
      notify: step.notify ?? (step.action === 'notify' ? 'owner' : undefined),
      reason: step.reason,
    })),
  })

  const slaStatus = (assignedAt: number, now: number, respondedAt?: number): SlaStatus => {
    const { dueAt, steps } = slaSchedule(assignedAt)
    if (respondedAt !== undefined && respondedAt <= now) {
      return {
        state: respondedAt <= dueAt ? 'met' : 'met_late',
        dueAt,
        remainingBusinessMs: calendar.businessMsBetween(respondedAt, dueAt),
        nextStep: undefined,
        reachedSteps: steps.filter((step) => step.at <= respondedAt),
      }
    }
    const remainingBusinessMs = calendar.businessMsBetween(now, dueAt)
    // Compare instants, not remaining business time: after a Friday 18:00 deadline the whole weekend has
    // 0 business ms left, and it is breached all the same.
    const state =
      now >= dueAt ? 'breached' : remainingBusinessMs < allowanceMs * DUE_SOON_SHARE ? 'due_soon' : 'on_time'
    return {
      state,
      dueAt,
      remainingBusinessMs,
      nextStep: steps.find((step) => step.at > now),
      reachedSteps: steps.filter((step) => step.at <= now),
    }
  }

  return { calendar, allowanceMs, slaSchedule, dueAt, slaStatus, forRegion }
}

/**
 * The breach steps of the current hand-off that have not fired yet, earliest first; empty once the
 * rep has answered or when nobody owns the lead. A step that fired ends the steps after it when it
 * took the lead away (reassign, return to marketing): the new hand-off has its own clock.
 * @example
 * const [next] = pendingBreachSteps(policy, state) // next.at is when the breach job must look again
 */
export function pendingBreachSteps(
  policy: SlaPolicy,
  state: {
    stage: string
    ownerRef: string | undefined
    assignedAt: number | undefined
    respondedAt?: number | undefined
    slaBreaches: ReadonlyArray<{ step: number; assignedAt: number }>
  },
): SlaStep[] {
  if (state.stage !== 'mql' || state.ownerRef === undefined || state.assignedAt === undefined) return []
  const assignedAt = state.assignedAt
  // A rep who answered (a logged call on the MQL) met the SLA: nothing is left to breach.
  if (state.respondedAt !== undefined && state.respondedAt >= assignedAt) return []
  const fired = new Set(
    state.slaBreaches.filter((breach) => breach.assignedAt === assignedAt).map((breach) => breach.step),
  )
  return policy.slaSchedule(assignedAt).steps.filter((step) => !fired.has(step.index))
}
