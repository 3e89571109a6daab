// Who gets an MQL: the account owner if they can take it, else the territory's team in rotation, else a
// warm hold in that team. Pure and deterministic: the same input always gives the same rep and reasons.
import type { LeadProfile } from '../lead/lead-profile.ts'
import { normalizeEmail, type CompiledRouting, type CompiledTeam } from './compile-routing.ts'
import { RoutingReason, type SkipCause } from './routing-reason.ts'

export type RepState = {
  email: string
  /** Open MQL + SAL leads the rep holds now. */
  openLeads: number
  /** False while out of office. */
  available: boolean
  /** The rep let this lead's SLA lapse: an SLA reassignment passes them over. */
  missedSla?: boolean
  lastAssignedAt?: number
}

/** Per team id, the e-mail of the rep who got the team's last round-robin lead. */
export type RoundRobinCursors = Readonly<Record<string, string>>

export type RoutingInput = {
  profile: LeadProfile
  /** The lead's account; `owner` is the owning rep's e-mail. */
  account?: { owner?: string | undefined } | undefined
  reps: readonly RepState[]
  cursors?: RoundRobinCursors | undefined
  /** The routing instant, for territory conditions. */
  at: number
}

export type RoutingDecision = { reasons: RoutingReason[]; cursors: RoundRobinCursors } &
  /** `team` is undefined only for an account owner outside every team when no territory matched. */
  (
    | { kind: 'assigned'; rep: string; team: string | undefined }
    /** Nobody in the team can take the lead now (capacity, absence): it waits there ("warm hold"). */
    | { kind: 'queued'; team: string }
    /** No territory matched and there is no fallback team. */
    | { kind: 'unrouted' }
  )

type Eligibility = { cause: SkipCause; openLeads?: number; capacity?: number } | undefined

/**
 * Routes one MQL; the returned cursors replace the input ones (only a round-robin assignment moves them).
 * @example
 * const decision = routeLead(routing, { profile, account: { owner }, reps, cursors, at: now })
 * if (decision.kind === 'assigned') assign(decision.rep, decision.reasons)
 */
export function routeLead(routing: CompiledRouting, input: RoutingInput): RoutingDecision {
  const cursors = input.cursors ?? {}
  const reps = new Map(input.reps.map((rep) => [normalizeEmail(rep.email), rep]))
  const capacity = routing.maxOpenLeadsPerRep
  const eligibility = (email: string): Eligibility => {
    const rep = reps.get(email)
    if (!rep) return { cause: 'unknown_rep' }
    if (rep.missedSla) return { cause: 'missed_sla' }
    if (!rep.available) return { cause: 'out_of_office' }
    if (rep.openLeads >= capacity) return { cause: 'at_capacity', openLeads: rep.openLeads, capacity }
    return undefined
  }
  const reasons: RoutingReason[] = []

  const owner = input.account?.owner && normalizeEmail(input.account.owner)
  if (routing.accountOwnerFirst && owner) {
    const skip = eligibility(owner)
    if (!skip) {
      reasons.push(RoutingReason.accountOwner(owner))
      const team = routing.teamOfRep(owner) ?? territoryTeam(routing, input, [])
      return { kind: 'assigned', rep: owner, team: team?.id, reasons, cursors }
    }
    reasons.push(RoutingReason.accountOwnerSkipped({ rep: owner, ...skip }))
  }

  const team = territoryTeam(routing, input, reasons)
  if (!team) return { kind: 'unrouted', reasons, cursors }

  const cursor = cursors[team.id]
  const after = cursor === undefined ? lastAssigned(team, reps) : normalizeEmail(cursor)
  // A cursor naming a rep who left the team restarts the rotation at the top.
  const first = after === undefined ? 0 : team.members.indexOf(after) + 1
  for (let offset = 0; offset < team.members.length; offset++) {
    const rep = team.members[(first + offset) % team.members.length]!
    const skip = eligibility(rep)
    if (skip) {
      reasons.push(RoutingReason.skipped(team, { rep, ...skip }))
      continue
    }
    reasons.push(RoutingReason.roundRobin(team, after, rep))
    return { kind: 'assigned', rep, team: team.id, reasons, cursors: { ...cursors, [team.id]: rep } }
  }
  reasons.push(RoutingReason.warmHold(team, team.members.length))
  return { kind: 'queued', team: team.id, reasons, cursors }
}

// The first team whose territory holds, else the fallback team; pushes the reason for the choice.
function territoryTeam(
  routing: CompiledRouting,
  input: RoutingInput,
  reasons: RoutingReason[],
): CompiledTeam | undefined {
  const team = routing.teams.find((candidate) => candidate.inTerritory(input.profile, input.at))
  if (team) {
    reasons.push(RoutingReason.territory(team, team.explainTerritory(input.profile, input.at)))
    return team
  }
  reasons.push(
    routing.fallbackTeam ? RoutingReason.fallbackTeam(routing.fallbackTeam) : RoutingReason.noTeam(),
  )
  return routing.fallbackTeam
}

// Without a stored cursor, the rotation resumes after the member assigned most recently, so losing the
// cursor (a new team, a restored backup) does not send the next lead to the top of the list again.
function lastAssigned(team: CompiledTeam, reps: ReadonlyMap<string, RepState>): string | undefined {
  let latest: { email: string; at: number } | undefined
  for (const email of team.members) {
    const at = reps.get(email)?.lastAssignedAt
    if (at !== undefined && (latest === undefined || at >= latest.at)) latest = { email, at }
  }
  return latest?.email
}
