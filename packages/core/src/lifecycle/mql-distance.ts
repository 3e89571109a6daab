// What a lead short of MQL still needs, under the agreement in force: its lane's MQL criteria, and for a
// recycled lead the re-qualification too (and the end of its cool-down), measured on the lead as the
// fold left it at `at`. Leads already handed off, or closed, have nothing to reach.
import type { CompiledAgreement } from '../agreement/compile-agreement.ts'
import type { Condition } from '../agreement/agreement-document.ts'
import { distanceTo, type Distance } from '../agreement/condition-distance.ts'
import { engagementAt } from '../scoring/credit-touchpoints.ts'
import { conditionContext, countUpTo } from '../scoring/score-lead.ts'
import type { LeadStage } from './lead-stage.ts'
import type { ReplayResult } from './replay-lead.ts'

export type MqlDistance =
  | { status: 'not_applicable'; stage: LeadStage | null }
  | {
      status: 'open'
      stage: 'lead' | 'recycled'
      lane: string
      /** a recycled lead's cool-down still running: no route counts before it ends */
      coolDownUntil: number | null
      distance: Distance
    }

export function mqlDistanceOf(
  replay: Pick<ReplayResult, 'state' | 'profile' | 'touchpoints' | 'credits'>,
  agreement: CompiledAgreement,
  at: number,
): MqlDistance {
  const state = replay.state
  if (!state || (state.stage !== 'lead' && state.stage !== 'recycled')) {
    return { status: 'not_applicable', stage: state?.stage ?? null }
  }
  const document = agreement.document
  const lane = agreement.laneForSource(state.firstSource)
  const laneMql = document.sources?.find((source) => source.id === lane.id)?.mql ?? document.mql
  const requalify = state.stage === 'recycled' ? document.recycling?.requalify : undefined
  const criteria: Condition = requalify ? { all: [requalify, laneMql] } : laneMql
  const since = state.stage === 'recycled' ? state.recycledAt : undefined
  const context = conditionContext(
    agreement,
    replay.profile,
    replay.touchpoints,
    countUpTo(replay.touchpoints, at),
    at,
    {
      engagement: engagementAt(replay.credits, at),
      engagementSinceRecycled: since === undefined ? 0 : engagementAt(replay.credits, at, since),
    },
  )
  const coolDownUntil =
    state.stage === 'recycled' && state.coolDownUntil !== undefined && state.coolDownUntil > at
      ? state.coolDownUntil
      : null
  return {
    status: 'open',
    stage: state.stage,
    lane: lane.id,
    coolDownUntil,
    distance: distanceTo(criteria, document.signals ?? {}, context),
  }
}
