// Why a lead went to whom: each step of routing as an explanation (data the UI words in its language).
import type { ExplanationOf, SkipCause } from '../explanation/explanation.ts'
import type { CompiledTeam } from './compile-routing.ts'

export type { SkipCause } from '../explanation/explanation.ts'

export type RoutingReason = ExplanationOf<
  | 'account_owner'
  | 'account_owner_skipped'
  | 'territory'
  | 'fallback_team'
  | 'round_robin'
  | 'skipped'
  | 'warm_hold'
  | 'no_team'
>

type Skip = { rep: string; cause: SkipCause; openLeads?: number; capacity?: number }

const teamOf = (team: CompiledTeam) => ({ team: team.id, teamLabel: team.label })

/** One factory per step, so every reason names its team the same way. */
export const RoutingReason = Object.freeze({
  accountOwner: (rep: string): RoutingReason => ({ code: 'account_owner', rep }),
  accountOwnerSkipped: (skip: Skip): RoutingReason => ({ code: 'account_owner_skipped', ...skip }),
  territory: (team: CompiledTeam, matched: ExplanationOf<'territory'>['matched']): RoutingReason => ({
    code: 'territory',
    ...teamOf(team),
    matched,
  }),
  fallbackTeam: (team: CompiledTeam): RoutingReason => ({ code: 'fallback_team', ...teamOf(team) }),
  roundRobin: (team: CompiledTeam, after: string | undefined, rep: string): RoutingReason => ({
    code: 'round_robin',
    ...teamOf(team),
    after: after ?? null,
    rep,
  }),
  skipped: (team: CompiledTeam, skip: Skip): RoutingReason => ({ code: 'skipped', ...teamOf(team), ...skip }),
  warmHold: (team: CompiledTeam, skipped: number): RoutingReason => ({
    code: 'warm_hold',
    ...teamOf(team),
    skipped,
  }),
  noTeam: (): RoutingReason => ({ code: 'no_team' }),
})
