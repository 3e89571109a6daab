// What the demo's reps did with the leads marketing handed over: accept or reject, qualify, open deals,
// win or lose. Each step is checked by replaying the lead, so every decision is legal when it is made.
import {
  agreementVersionAt,
  replayLead,
  type AgreementVersion,
  type Decision,
} from '../lifecycle/replay-lead.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'
import { compileRouting } from '../routing/compile-routing.ts'
import { routeLead } from '../routing/route-lead.ts'
import type { LeadCommand } from '../lifecycle/lead-lifecycle.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import { createRandom, type Random } from './random.ts'
import type { DemoLeadPlan } from './types.ts'
import { DEMO_ACCOUNT_EXECUTIVES_BY_TEAM } from './users.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MAX_STEPS = 10

/** `actorEmail` null: the system's own decision (a routing hand-off). */
export type SimulatedDecision = Decision & { actorEmail: string | null }

/**
 * Simulates the sales side for one lead up to `now`. Decisions name reps by e-mail (`actorEmail`);
 * the caller maps them to user ids. Leads whose next step lies after `now` are left waiting,
 * which is what fills the demo inbox.
 */
export function simulateSales(input: {
  plan: DemoLeadPlan
  touchpoints: readonly Touchpoint[]
  versions: readonly AgreementVersion[]
  seed: number
  now: number
}): SimulatedDecision[] {
  const { plan, touchpoints, versions, now } = input
  const random = createRandom(input.seed)
  // Deal-stage moves draw from their own sequence, so adding them leaves every other demo decision as it was.
  const dealRandom = createRandom(input.seed + 7919)
  const decisions: SimulatedDecision[] = []
  for (let step = 0; step < MAX_STEPS; step++) {
    const replay = replayLead({ email: plan.email, touchpoints, decisions, versions, until: now })
    const state = replay.state
    if (!state) break
    const next =
      dealMove(state, versions, now, dealRandom) ??
      nextMove(state.stage, plan, random, state.recycleCount, now - state.stageEnteredAt)
    if (!next) break
    const at = state.stageEnteredAt + next.afterMs
    if (at > now) break
    // An MQL the rep answers was handed to them by routing first, so its lead page shows why and the SLA.
    // (Those still waiting are routed by the server when it starts, like live ones.)
    const handOff =
      state.stage === 'mql' && state.ownerRef === undefined
        ? routeHandOff(replay.profile, versions, state.stageEnteredAt + random.int(1, 5) * 60_000, random)
        : undefined
    if (handOff) decisions.push({ ...handOff, id: uuidFrom(random) })
    const rep =
      plan.ownerEmail ??
      state.ownerRef ??
      (handOff?.command.kind === 'assign' ? handOff.command.rep : undefined) ??
      repFor(replay.profile.company?.country, replay.profile.company?.postcode, random)
    decisions.push({
      id: uuidFrom(random),
      at,
      actor: { type: 'user', id: rep },
      actorEmail: rep,
      command: next.command,
    })
  }
  return decisions
}

/**
 * Most open deals move on from the agreement's first deal stage once, within two weeks of opening, so
 * the demo's deal board has cards in every column; winning or losing comes later (see nextMove).
 */
function dealMove(
  state: { stage: string; deal?: { stage?: string } | undefined },
  versions: readonly AgreementVersion[],
  now: number,
  random: Random,
): { afterMs: number; command: LeadCommand } | undefined {
  if (state.stage !== 'opportunity' || !state.deal || state.deal.stage !== undefined) return undefined
  const stages = agreementVersionAt(versions, now).agreement.document.deals?.stages ?? []
  if (stages.length < 2 || !random.chance(0.75)) return undefined
  return {
    afterMs: random.int(1, 13) * DAY,
    command: { kind: 'move_deal', dealStage: random.pick(stages.slice(1)).id },
  }
}

function nextMove(
  stage: string,
  plan: DemoLeadPlan,
  random: Random,
  recycleCount: number,
  ageMs: number,
): { afterMs: number; command: LeadCommand } | undefined {
  const reason = plan.likelyRejectReason ?? 'bad_timing'
  switch (stage) {
    case 'mql': {
      // Hand-offs of the last days are still waiting in the reps' inboxes.
      if (ageMs < 7 * DAY && random.chance(0.8)) return undefined
      // Most reps answer within a working day; some let it slip past the SLA.
      const afterMs = random.chance(0.8) ? random.int(1, 9) * HOUR : random.int(10, 72) * HOUR
      const accept = plan.willBuy ? recycleCount > 0 || random.chance(0.9) : random.chance(0.35)
      return {
        afterMs,
        command: accept ? { kind: 'accept' } : { kind: 'reject', reason, note: rejectionNote(reason) },
      }
    }
    case 'sal': {
      const afterMs = random.int(2, 12) * DAY
      if (plan.willBuy)
        return { afterMs, command: { kind: 'qualify', checklist: checklistFor(plan, random) } }
      if (!random.chance(0.7)) return undefined
      return { afterMs, command: { kind: 'recycle', reason: reason === 'no_fit' ? 'no_need' : reason } }
    }
    case 'sql':
      return {
        afterMs: random.int(3, 14) * DAY,
        command: {
          kind: 'open_deal',
          amount: plan.dealAmount ?? 25_000,
          currency: 'EUR',
          expectedCloseDate: new Date(Date.UTC(2027, random.int(0, 5), random.int(1, 28)))
            .toISOString()
            .slice(0, 10),
        },
      }
    case 'opportunity':
      return {
        afterMs: random.int(14, 60) * DAY,
        command:
          plan.willBuy && random.chance(0.85)
            ? { kind: 'win' }
            : { kind: 'lose', reason: random.pick(['no_budget', 'bad_timing']) },
      }
    default:
      return undefined
  }
}

/**
 * The routing decision the agreement makes for the lead, with the team's rotation standing at a random
 * member (the demo has no history of earlier hand-offs to take the cursor from).
 */
function routeHandOff(
  profile: LeadProfile,
  versions: readonly AgreementVersion[],
  at: number,
  random: Random,
): Omit<SimulatedDecision, 'id'> | undefined {
  const entry = agreementVersionAt(versions, at)
  const document = entry.agreement.document
  if (!document.routing) return undefined
  const routing = compileRouting(document.routing, document.signals)
  const reps = routing.teams.flatMap((team) =>
    team.members.map((email) => ({ email, openLeads: 0, available: true })),
  )
  const territory = routeLead(routing, { profile, reps, at })
  const teamId = territory.kind === 'unrouted' ? undefined : territory.team
  const team = teamId === undefined ? undefined : routing.teamById.get(teamId)
  if (!team || team.members.length === 0) return undefined
  const cursors = { [team.id]: random.pick(team.members) }
  const decision = routeLead(routing, { profile, reps, cursors, at })
  if (decision.kind !== 'assigned') return undefined
  return {
    at,
    actor: { type: 'system', agreementVersion: entry.version },
    actorEmail: null,
    command: {
      kind: 'assign',
      rep: decision.rep,
      ...(decision.team === undefined ? {} : { team: decision.team }),
      reasons: decision.reasons,
    },
  }
}

function checklistFor(plan: DemoLeadPlan, random: Random) {
  const bant = ['need', 'budget', 'timeline', ...(random.chance(0.6) ? ['authority'] : [])]
  const amount = plan.dealAmount ?? 25_000
  const confirmed: Record<string, string[]> = { bant }
  // Keyed by the demo agreement's checklist id: under any other key the items count for no checklist
  // and the lead page reports them as unknown.
  if (amount > 100_000)
    confirmed.meddicc_large_deals = ['economic_buyer', 'champion', 'metrics', 'identify_pain']
  return { confirmed, expectedAmount: amount }
}

function repFor(country: string | undefined, postcode: string | undefined, random: Random): string {
  const upper = country?.toUpperCase()
  const team =
    upper === 'AT' || upper === 'CH'
      ? 'at_ch'
      : postcode !== undefined && /^[5-9]/.test(postcode)
        ? 'de_south'
        : 'de_north'
  return random.pick(DEMO_ACCOUNT_EXECUTIVES_BY_TEAM[team])
}

const NOTES: Record<string, string> = {
  no_budget: 'Budget für 2027 noch nicht freigegeben.',
  bad_timing: 'ERP-Umstellung läuft, frühestens im Herbst wieder.',
  no_need: 'Planung läuft aktuell über Excel, kein akuter Bedarf.',
  wrong_contact: 'Zuständig ist die Werkleitung, nicht die IT.',
  not_reachable: 'Drei Anrufversuche, keine Rückmeldung.',
  no_fit: 'Reiner Handelsbetrieb, keine Fertigung.',
}

function rejectionNote(reason: string): string {
  return NOTES[reason] ?? ''
}

function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16))
  hex[12] = '4'
  hex[16] = ((random.int(0, 3) & 0x3) | 0x8).toString(16)
  const text = hex.join('')
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`
}
