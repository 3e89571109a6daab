// The moments a fold goes through, in the order it goes through them: a version activating, then the
// touchpoints of an instant (evaluated once, after the last of them), then the decisions made at it.
// Touchpoints and versions arrive sorted and decisions nearly always do, so the three lists are
// merged rather than sorted together: a backtest orders every lead's moments under each version.
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import type { AgreementVersion, Decision } from './replay-lead.ts'

export type Moment =
  | { at: number; kind: 'touchpoints'; last: Touchpoint; count: number }
  | { at: number; kind: 'decision'; decision: Decision }
  | { at: number; kind: 'activation'; version: number }

/**
 * The moments after `after` up to `until`: `sorted` in replay order, `versions` by activation (the
 * first is in force from the start and is no moment). Same instant: activation, touchpoints, decisions;
 * decisions of one instant by `seq`, then id.
 */
export function momentsAfter(
  sorted: readonly Touchpoint[],
  from: number,
  decisions: readonly Decision[],
  versions: readonly AgreementVersion[],
  after: number,
  until: number,
): Moment[] {
  const activations: Array<Extract<Moment, { kind: 'activation' }>> = []
  for (let index = 1; index < versions.length; index++) {
    const entry = versions[index]!
    if (entry.activatedAt <= until && entry.activatedAt > after)
      activations.push({ at: entry.activatedAt, kind: 'activation', version: entry.version })
  }
  // Versions activated at the same instant: by number as text, as the fold always ordered them.
  if (activations.length > 1)
    activations.sort((a, b) => a.at - b.at || String(a.version).localeCompare(String(b.version)))
  const decided: Moment[] = decisionsInOrder(decisions, after).map((decision) => ({
    at: decision.at,
    kind: 'decision',
    decision,
  }))
  const touched: Moment[] = []
  for (let index = from; index < sorted.length; index++) {
    // Touchpoints at the same instant count together: one moment, after the last of them.
    const touchpoint = sorted[index]!
    const next = sorted[index + 1]
    if (next && next.occurredAt === touchpoint.occurredAt) continue
    touched.push({ at: touchpoint.occurredAt, kind: 'touchpoints', last: touchpoint, count: index + 1 })
  }
  if (activations.length === 0 && decided.length === 0) return touched
  return merge(merge(activations, touched), decided)
}

const RANK = { activation: 0, touchpoints: 1, decision: 2 } as const

/** Two ordered lists of different kinds as one: by instant, then kind. */
function merge(first: readonly Moment[], second: readonly Moment[]): Moment[] {
  const merged: Moment[] = []
  let i = 0
  let j = 0
  while (i < first.length && j < second.length) {
    const a = first[i]!
    const b = second[j]!
    if (a.at < b.at || (a.at === b.at && RANK[a.kind] < RANK[b.kind])) {
      merged.push(a)
      i++
    } else {
      merged.push(b)
      j++
    }
  }
  while (i < first.length) merged.push(first[i++]!)
  while (j < second.length) merged.push(second[j++]!)
  return merged
}

/** The decisions after `after` by (at, seq, id); sorted only when they do not come so already. */
function decisionsInOrder(decisions: readonly Decision[], after: number): readonly Decision[] {
  const kept = decisions.filter((decision) => decision.at > after)
  for (let index = 1; index < kept.length; index++) {
    if (compareDecisions(kept[index - 1]!, kept[index]!) > 0) return kept.sort(compareDecisions)
  }
  return kept
}

function compareDecisions(a: Decision, b: Decision): number {
  return a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0) || a.id.localeCompare(b.id)
}
