// One lead's part in a backtest: what each compared version would have done, and what really happened.
// Small and serialisable, so a backtest job can store them and page the report's lists from them later.
import type { Explanation } from '../explanation/explanation.ts'
import type { Actor, TransitionEntry } from '../lifecycle/lead-lifecycle.ts'
import type { LeadStage } from '../lifecycle/lead-stage.ts'
import type { TransitionRecord } from '../lifecycle/replay-lead.ts'
import { isInPeriod, type PeriodBounds } from './backtest-weeks.ts'

/** The stages after the hand-off a backtest checks a version's MQLs against, in lifecycle order. */
export const OUTCOME_STAGES = ['sal', 'sql', 'opportunity', 'customer'] as const
export type OutcomeStage = (typeof OUTCOME_STAGES)[number]

/** What one version did with a lead in the period. */
export type VersionOutcome = {
  /** the first time the version made the lead MQL in the period; null: never */
  mqlAt: number | null
  /** why it became MQL (the fold's transition explanations); [] when it never did, unless the caller says why not */
  explanations: Explanation[]
  lane: string | null
  source: string | null
}

/** What really happened to a lead, from its stored stage history. */
export type ActualOutcome = {
  /**
   * The first time in the outcome window the lead reached each stage or a later one: a lead that went
   * straight to SQL (an import, a cold-outreach lead entering as SAL) has reached SAL and MQL too.
   * `mql` is the real hand-off.
   */
  reachedAt: Record<'mql' | OutcomeStage, number | null>
  /** the first time a person sent the MQL back (recycled or disqualified), with the reason code */
  rejection: { at: number; reason: string } | null
}

export type BacktestLead = {
  leadId: string
  candidate: VersionOutcome
  baseline: VersionOutcome
  actual: ActualOutcome
}

/** The parts of a stage change the actual outcome needs: a fold's TransitionRecord or a stored row. */
export type StageChange = Pick<TransitionEntry, 'from' | 'to' | 'at' | 'reason'> & {
  actor: Pick<Actor, 'type'>
}

const REACHED_ORDER = ['mql', ...OUTCOME_STAGES] as const

/**
 * A version's outcome from the transitions its replay gave: the first MQL transition in the period,
 * or the lane and source the lead last had there when there is none.
 * @example versionOutcomeOf(replayLead({ ...history, versions: [candidate] }).transitions, bounds)
 */
export function versionOutcomeOf(
  transitions: readonly TransitionRecord[],
  bounds: PeriodBounds,
): VersionOutcome {
  const mql = transitions.find((transition) => transition.to === 'mql' && isInPeriod(transition.at, bounds))
  if (mql) return { mqlAt: mql.at, explanations: mql.explanations, lane: mql.lane, source: mql.source }
  const last = transitions.findLast((transition) => transition.at < bounds.end)
  return { mqlAt: null, explanations: [], lane: last?.lane ?? null, source: last?.source ?? null }
}

/**
 * What really happened in `window` (the period, or longer: outcomes of a late-period MQL may come after it).
 * A rejection is a person's move from MQL to recycled or disqualified; an SLA breach (the system) is none.
 */
export function actualOutcomeOf(changes: readonly StageChange[], window: PeriodBounds): ActualOutcome {
  // Written out rather than built from REACHED_ORDER: made for every lead of a backtest.
  const reachedAt: ActualOutcome['reachedAt'] = {
    mql: null,
    sal: null,
    sql: null,
    opportunity: null,
    customer: null,
  }
  let rejection: ActualOutcome['rejection'] = null
  for (const change of changes) {
    if (!isInPeriod(change.at, window)) continue
    const reached = REACHED_ORDER.indexOf(change.to as (typeof REACHED_ORDER)[number])
    for (let index = 0; index <= reached; index++) {
      const stage = REACHED_ORDER[index]!
      const known = reachedAt[stage]
      if (known === null || change.at < known) reachedAt[stage] = change.at
    }
    if (isRejection(change) && (rejection === null || change.at < rejection.at)) {
      rejection = { at: change.at, reason: change.reason! }
    }
  }
  return { reachedAt, rejection }
}

const RETURNED: readonly LeadStage[] = ['recycled', 'disqualified']

function isRejection(change: StageChange): boolean {
  return (
    change.from === 'mql' &&
    RETURNED.includes(change.to) &&
    change.actor.type !== 'system' &&
    change.reason !== null
  )
}
