// Which leads the predictive score learns from, and as of when. A lead teaches the model once its outcome
// is known: it reached the target stage (SQL by default), or it was sent back or disqualified without
// reaching it. It is described as it was when marketing handed it off — its first MQL, or the first
// stage past it — since that is the moment the score has to judge; a lead that was never handed off is
// described as it was when it was recycled or disqualified. A lead with no touchpoint by then (an import)
// has nothing to be described by and is left out.
import { actualOutcomeOf, type StageChange } from '../backtest/backtest-lead.ts'

export const PREDICTION_TARGETS = ['sql', 'customer'] as const
export type PredictionTarget = (typeof PREDICTION_TARGETS)[number]

export type TrainingExample = { positive: boolean; cutOff: number }

const ALL_TIME = { start: -8.64e15, end: 8.64e15 }

/** The lead's label and cut-off; undefined while its outcome is open or when it has nothing to learn from. */
export function trainingExampleOf(
  changes: readonly StageChange[],
  firstTouchAt: number | undefined,
  target: PredictionTarget,
): TrainingExample | undefined {
  const { reachedAt } = actualOutcomeOf(changes, ALL_TIME)
  let closedAt: number | undefined
  for (const change of changes) {
    if (
      (change.to === 'recycled' || change.to === 'disqualified') &&
      (closedAt === undefined || change.at < closedAt)
    )
      closedAt = change.at
  }
  const handOff = reachedAt.mql ?? undefined
  const cutOff = handOff ?? closedAt
  if (cutOff === undefined || firstTouchAt === undefined || cutOff < firstTouchAt) return undefined
  if (reachedAt[target] !== null) return { positive: true, cutOff }
  // Sent back after the hand-off, or closed before it: a known negative. Still in sales: open.
  if (closedAt !== undefined && (handOff === undefined || closedAt >= handOff))
    return { positive: false, cutOff }
  return undefined
}
