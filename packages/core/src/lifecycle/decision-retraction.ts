// Taking back ("undo") a decision: the lead is then the fold of its log without it. Only what its maker
// just did may go, and only while nothing came after it, so an undo never rewrites anyone else's work.
import { DomainError } from '../errors.ts'
import type { Actor } from './lead-lifecycle.ts'

/**
 * How long after a decision its actor may take it back. The web app offers undo for 10 s; the server
 * allows more so a slow network or a skewed clock never turns a shown "undo" into a refusal.
 */
export const UNDO_WINDOW_MS = 60_000

/** A decision as stored, with whether it was taken back already. */
export type RecordedDecision = {
  id: string
  at: number
  actor: Actor
  retractedAt: number | null
}

function sameActor(a: Actor, b: Actor): boolean {
  return a.type !== 'system' && b.type === a.type && b.id === a.id
}

/**
 * Why `actor` may not take back `decision` at `now`, or null when they may. `latestId` is the id of the
 * lead's latest decision that still counts (not retracted), system ones included.
 *
 * @example
 * refuseRetraction(reject, reject.id, reject.actor, reject.at + 5_000) // null: undo allowed
 */
export function refuseRetraction(
  decision: RecordedDecision,
  latestId: string | undefined,
  actor: Actor,
  now: number,
  windowMs: number = UNDO_WINDOW_MS,
): DomainError | null {
  const details = { decisionId: decision.id }
  if (decision.retractedAt !== null) {
    return new DomainError('DECISION_ALREADY_UNDONE', 'This decision was undone already.', details)
  }
  // Routing, SLA breaches and erasure are the agreement's doing: no person can take them back.
  if (!sameActor(actor, decision.actor)) {
    return new DomainError(
      'DECISION_NOT_YOURS',
      decision.actor.type === 'system'
        ? 'This decision was made by the system; only people’s own decisions can be undone.'
        : 'Only whoever made a decision can undo it.',
      details,
    )
  }
  if (now - decision.at > windowMs) {
    return new DomainError(
      'UNDO_WINDOW_PASSED',
      `A decision can be undone for ${windowMs / 1000} s after it was made.`,
      { ...details, windowSeconds: windowMs / 1000 },
    )
  }
  if (latestId !== decision.id) {
    return new DomainError(
      'DECISION_NOT_LATEST',
      'Something was decided on this lead after this decision; only the latest one can be undone.',
      { ...details, latestDecisionId: latestId ?? null },
    )
  }
  return null
}
