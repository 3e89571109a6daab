// Compiles the agreement's `routing` section once: teams in order, territories as closures, reps by e-mail.
import type { AgreementDocument, Condition, Signal } from '../agreement/agreement-document.ts'
import { compileCondition, type ConditionContext } from '../agreement/compile-condition.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'
import { localizedText, type ConditionExplanation, type LocalizedText } from '../explanation/explanation.ts'

export type Routing = NonNullable<AgreementDocument['routing']>

export type CompiledTeam = {
  id: string
  label: LocalizedText
  /** Rep e-mails in rotation order, lower-cased. */
  members: readonly string[]
  lead: string | undefined
  /** Whether the lead's profile lies in the territory; a team without one takes every lead. */
  inTerritory: (profile: LeadProfile, at: number) => boolean
  /** The field values that put the lead in the territory; empty for a team without territory limits. */
  explainTerritory: (profile: LeadProfile, at: number) => ConditionExplanation[]
}

export type CompiledRouting = {
  accountOwnerFirst: boolean
  /** Infinity when the agreement sets no limit. */
  maxOpenLeadsPerRep: number
  teams: readonly CompiledTeam[]
  fallbackTeam: CompiledTeam | undefined
  teamById: ReadonlyMap<string, CompiledTeam>
  /** The first team listing the rep, e.g. the account owner's. */
  teamOfRep: (email: string) => CompiledTeam | undefined
}

const NO_SCORES = { fit: 0, engagement: 0, total: 0, engagementSinceRecycled: 0 }

/**
 * Compiles a validated `routing` section. Territories may only test lead and company fields: routing
 * happens at hand-off, and a score or touchpoint condition would be judged on zero scores here.
 * @example
 * const routing = compileRouting(document.routing)
 * routeLead(routing, { profile, reps, cursors, at: now })
 */
export function compileRouting(
  routing: Routing,
  signals: Readonly<Record<string, Signal>> = {},
): CompiledRouting {
  const teams = routing.teams.map((team): CompiledTeam => {
    if (team.territory) assertProfileOnly(team.territory, team.id)
    const territory = team.territory && compileCondition(team.territory, signals)
    const context = (profile: LeadProfile, at: number): ConditionContext => ({
      at,
      profile,
      scores: NO_SCORES,
      touchpoints: [],
      count: 0,
      isHandRaiser: () => false,
    })
    return {
      id: team.id,
      label: localizedText(team.label, team.id),
      members: team.members.map(normalizeEmail),
      lead: team.lead === undefined ? undefined : normalizeEmail(team.lead),
      inTerritory: (profile, at) => territory?.test(context(profile, at)) ?? true,
      explainTerritory: (profile, at) => territory?.explain(context(profile, at)) ?? [],
    }
  })
  const teamById = new Map(teams.map((team) => [team.id, team]))
  const fallbackTeam = routing.fallbackTeam === undefined ? undefined : teamById.get(routing.fallbackTeam)
  if (routing.fallbackTeam !== undefined && !fallbackTeam)
    throw new Error(`fallbackTeam ${routing.fallbackTeam} is not a team`)
  const teamByRep = new Map<string, CompiledTeam>()
  for (const team of teams)
    for (const member of team.members) if (!teamByRep.has(member)) teamByRep.set(member, team)
  return {
    accountOwnerFirst: routing.accountOwnerFirst ?? false,
    maxOpenLeadsPerRep: routing.maxOpenLeadsPerRep ?? Infinity,
    teams,
    fallbackTeam,
    teamById,
    teamOfRep: (email) => teamByRep.get(normalizeEmail(email)),
  }
}

/** Rep e-mails compare case-insensitively; CRM exports and the agreement often disagree on case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

function assertProfileOnly(condition: Condition, teamId: string): void {
  if ('all' in condition) return condition.all.forEach((part) => assertProfileOnly(part, teamId))
  if ('any' in condition) return condition.any.forEach((part) => assertProfileOnly(part, teamId))
  if ('not' in condition) return assertProfileOnly(condition.not, teamId)
  if (!('field' in condition))
    throw new Error(`territory of team ${teamId} may only test lead and company fields`)
}
