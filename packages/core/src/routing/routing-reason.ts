// Why a lead went to whom, as data (for reports and the UI's own wording) and as an English sentence.
import { assertUnreachable } from '../util/assert-unreachable.ts'
import type { CompiledTeam } from './compile-routing.ts'

export type SkipCause = 'unknown_rep' | 'out_of_office' | 'at_capacity' | 'missed_sla'

type Skip = { rep: string; cause: SkipCause; openLeads?: number; capacity?: number }

export type RoutingReason = { text: string } & (
  | { kind: 'account_owner'; rep: string }
  | ({ kind: 'account_owner_skipped' } & Skip)
  | { kind: 'territory'; team: string; matched: string[] }
  | { kind: 'fallback_team'; team: string }
  | { kind: 'round_robin'; team: string; after: string | undefined; rep: string }
  | ({ kind: 'skipped'; team: string } & Skip)
  | { kind: 'warm_hold'; team: string; skipped: number }
  | { kind: 'no_team' }
)

/** Factories for each reason, so the sentence and the data cannot drift apart. */
export const RoutingReason = Object.freeze({
  accountOwner: (rep: string): RoutingReason => ({
    kind: 'account_owner',
    rep,
    text: `account owner ${rep}`,
  }),
  accountOwnerSkipped: (skip: Skip): RoutingReason => ({
    kind: 'account_owner_skipped',
    ...skip,
    text: `account owner ${skip.rep} skipped: ${describeSkip(skip)}`,
  }),
  territory: (team: CompiledTeam, matched: string[]): RoutingReason => ({
    kind: 'territory',
    team: team.id,
    matched,
    text: `territory ${team.label} (${matched.join('; ')})`,
  }),
  fallbackTeam: (team: CompiledTeam): RoutingReason => ({
    kind: 'fallback_team',
    team: team.id,
    text: `no territory matched: fallback team ${team.label}`,
  }),
  roundRobin: (team: CompiledTeam, after: string | undefined, rep: string): RoutingReason => ({
    kind: 'round_robin',
    team: team.id,
    after,
    rep,
    text:
      after === undefined
        ? `round-robin in ${team.label}: ${rep} starts the rotation`
        : `round-robin in ${team.label}: ${rep} next after ${after}`,
  }),
  skipped: (team: CompiledTeam, skip: Skip): RoutingReason => ({
    kind: 'skipped',
    team: team.id,
    ...skip,
    text: `skipped ${skip.rep}: ${describeSkip(skip)}`,
  }),
  warmHold: (team: CompiledTeam, skipped: number): RoutingReason => ({
    kind: 'warm_hold',
    team: team.id,
    skipped,
    text: `warm hold in ${team.label}: none of ${skipped} reps can take the lead now`,
  }),
  noTeam: (): RoutingReason => ({
    kind: 'no_team',
    text: 'no territory matched and the agreement names no fallback team',
  }),
})

function describeSkip(skip: Skip): string {
  switch (skip.cause) {
    case 'unknown_rep':
      return 'not a known rep'
    case 'out_of_office':
      return 'out of office'
    case 'missed_sla':
      return 'let the SLA lapse on this lead'
    case 'at_capacity':
      return `at capacity ${skip.openLeads}/${skip.capacity}`
    default:
      return assertUnreachable(skip.cause)
  }
}
