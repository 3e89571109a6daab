// What the demo's reps did with the leads marketing handed over: accept or reject, qualify, open deals,
// win or lose. Each step is checked by replaying the lead, so every decision is legal when it is made.
// Where a rep lets the SLA run out, the simulation stops at that instant so the server's own SLA job
// fires the breach (notify, reassign) and the simulation goes on from the log the job left.
import {
  agreementVersionAt,
  replayLead,
  type AgreementVersion,
  type Decision,
} from '../lifecycle/replay-lead.ts'
import type { LeadProfile } from '../lead/lead-profile.ts'
import { compileRouting } from '../routing/compile-routing.ts'
import { routeLead } from '../routing/route-lead.ts'
import type { LeadCommand, LifecycleState } from '../lifecycle/lead-lifecycle.ts'
import { pendingBreachSteps } from '../sla/sla-deadline.ts'
import { slaPolicyFor } from '../sla/sla-policies.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'
import { createRandom, type Random } from './random.ts'
import type { DemoLeadPlan } from './types.ts'
import { DEMO_ACCOUNT_EXECUTIVES_BY_TEAM, demoUsers } from './users.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MAX_STEPS = 10

/** `actorEmail` null: the system's own decision (a routing hand-off). */
export type SimulatedDecision = Decision & { actorEmail: string | null }

export type SalesSimulation = {
  decisions: SimulatedDecision[]
  /**
   * Set when the owner's SLA runs out before they answer: the SLA job fires the due step at this
   * instant, and the simulation is called again with the lead's log as `history`.
   */
  slaStepAt?: number
}

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
  /** The lead's log so far: an earlier call's decisions and what the SLA job added since. */
  history?: readonly Decision[]
  /** Reps away at an instant: routing passes them over, and with the whole team away the lead waits. */
  isAway?: (repEmail: string, at: number) => boolean
}): SalesSimulation {
  const { plan, touchpoints, versions, now } = input
  const history = input.history ?? []
  // A continued run draws anew, so the rep who took over does not repeat the first one's moves.
  const random = createRandom(input.seed + history.length * 7927)
  // Deal-stage moves draw from their own sequence, so adding them leaves every other demo decision as it was.
  const dealRandom = createRandom(input.seed + 7919 + history.length * 7927)
  // How long this lead's reps leave it lying, drawn once: a continued run keeps the same patience.
  const patience = createRandom(input.seed + 104_729).next()
  const decisions: SimulatedDecision[] = []
  for (let step = 0; step < MAX_STEPS; step++) {
    const replay = replayLead({
      email: plan.email,
      touchpoints,
      decisions: [...history, ...decisions],
      versions,
      until: now,
    })
    const state = replay.state
    if (!state) break
    const latest = Math.max(history.at(-1)?.at ?? -Infinity, decisions.at(-1)?.at ?? -Infinity)
    const next = dealMove(state, versions, now, dealRandom) ?? nextMove(state, plan, random, now, patience)
    if (!next) break
    // Nothing is decided before what the log already holds (the SLA job's breach the rep reacts to).
    const at = next.at > latest ? next.at : latest + random.int(5, 90) * 60_000
    const handOffAt = state.stageEnteredAt + random.int(1, 5) * 60_000
    // An MQL is handed to a rep by routing first, so its lead page shows why and the SLA clock runs.
    const handOff =
      state.stage === 'mql' && state.ownerRef === undefined && handOffAt <= now
        ? routeHandOff(replay.profile, versions, handOffAt, random, input.isAway)
        : undefined
    if (handOff) decisions.push({ ...handOff, id: uuidFrom(random) })
    const owner = handOff?.command.kind === 'assign' ? handOff.command.rep : state.ownerRef
    if (state.stage === 'mql' && owner === undefined) {
      // Nobody could take it (the whole team away): it waits in the team queue, answered by no one yet.
      if (agreementVersionAt(versions, handOffAt).agreement.document.routing) break
    } else if (state.stage === 'mql' && owner !== undefined) {
      const assignedAt = handOff ? handOff.at : state.assignedAt
      const stepAt = nextSlaStepAt(versions, state, owner, assignedAt)
      // (A step at or before the log's end is one the job did not fire: nothing to wait for.)
      if (stepAt !== undefined && stepAt > latest && stepAt < at && stepAt <= now)
        return { decisions, slaStepAt: stepAt }
    }
    if (at > now) break
    const rep =
      plan.ownerEmail ??
      owner ??
      repFor(replay.profile.company?.country, replay.profile.company?.postcode, random)
    decisions.push({
      id: uuidFrom(random),
      at,
      actor: { type: 'user', id: rep },
      actorEmail: rep,
      command: next.command,
    })
  }
  return { decisions }
}

const REGION_BY_EMAIL = new Map(demoUsers().map((user) => [user.email, user.region]))

/** When the owner's SLA clock next fires a breach step, by the agreement in force at the hand-off. */
function nextSlaStepAt(
  versions: readonly AgreementVersion[],
  state: LifecycleState,
  owner: string,
  assignedAt: number | undefined,
): number | undefined {
  if (assignedAt === undefined) return undefined
  const document = agreementVersionAt(versions, assignedAt).agreement.document
  const policy = slaPolicyFor(document.sla, REGION_BY_EMAIL.get(owner))
  if (!policy) return undefined
  const clock = { ...state, ownerRef: owner, assignedAt }
  return pendingBreachSteps(policy, clock)[0]?.at
}

/**
 * Most open deals move on from the agreement's first deal stage once, within two weeks of opening, so
 * the demo's deal board has cards in every column; winning or losing comes later (see nextMove).
 */
function dealMove(
  state: LifecycleState,
  versions: readonly AgreementVersion[],
  now: number,
  random: Random,
): Move | undefined {
  if (state.stage !== 'opportunity' || !state.deal || state.deal.stage !== undefined) return undefined
  const stages = agreementVersionAt(versions, now).agreement.document.deals?.stages ?? []
  if (stages.length < 2 || !random.chance(0.75)) return undefined
  return {
    at: state.stageEnteredAt + random.int(1, 13) * DAY,
    command: { kind: 'move_deal', dealStage: random.pick(stages.slice(1)).id },
  }
}

/** The next decision and when it is made; `at` after `now` means it has not happened yet. */
type Move = { at: number; command: LeadCommand }

function nextMove(
  state: LifecycleState,
  plan: DemoLeadPlan,
  random: Random,
  now: number,
  patience: number,
): Move | undefined {
  const reason = plan.likelyRejectReason ?? 'bad_timing'
  const entered = state.stageEnteredAt
  switch (state.stage) {
    case 'mql':
      return answerMql(state, plan, random, now, patience)
    case 'sal': {
      const at = entered + random.int(2, 12) * DAY
      // Sales qualifies the buyers, and some who look like buyers until the deal is on the table.
      if (plan.willBuy || (plan.persona === 'buyer' && reason !== 'no_fit' && random.chance(0.3)))
        return { at, command: { kind: 'qualify', checklist: checklistFor(plan, random) } }
      if (!random.chance(0.7)) return undefined
      return { at, command: { kind: 'recycle', reason: reason === 'no_fit' ? 'no_need' : reason } }
    }
    case 'sql': {
      // SQLs wait days to weeks for the deal: the meeting with the economic buyer, the budget round.
      const at = entered + (random.chance(0.4) ? random.int(4, 14) : random.int(15, 50)) * DAY
      if (!plan.willBuy && random.chance(0.4))
        return { at, command: { kind: 'recycle', reason: reason === 'no_fit' ? 'no_need' : reason } }
      return { at, command: openDeal(plan, random) }
    }
    case 'opportunity': {
      const at = entered + random.int(14, 60) * DAY
      if (plan.willBuy && random.chance(0.85)) return { at, command: { kind: 'win' } }
      const lost = plan.willBuy ? random.weighted(DEAL_LOSS) : reason === 'no_fit' ? 'no_need' : reason
      return { at, command: { kind: 'lose', reason: lost } }
    }
    default:
      return undefined
  }
}

// Why buyers who meant it still walk away, most often first.
const DEAL_LOSS = { no_budget: 5, bad_timing: 3, no_need: 1 } as const

/** The owner's accept or reject: most within a working day, some late, some not yet. */
function answerMql(
  state: LifecycleState,
  plan: DemoLeadPlan,
  random: Random,
  now: number,
  patience: number,
): Move {
  const reason = plan.likelyRejectReason ?? 'bad_timing'
  const accept = plan.willBuy ? state.recycleCount > 0 || random.chance(0.9) : random.chance(0.6)
  const command: LeadCommand = accept
    ? { kind: 'accept' }
    : { kind: 'reject', reason, note: rejectionNote(reason) }
  // Hand-offs of the last days are still waiting in the reps' inboxes; some were taken over already.
  const recent = now - state.stageEnteredAt < 10 * DAY
  const taken = state.slaBreaches.filter((breach) => breach.action === 'reassign').length
  if (taken > 0 && state.assignedAt !== undefined) {
    if (recent && patience < 0.5 / taken) return { at: Infinity, command }
    // Taken over after a breach: the new rep mostly answers the same day, now and then late again.
    const hours = taken > 1 || random.chance(0.75) ? random.int(1, 6) : random.int(12, 40)
    return { at: state.assignedAt + hours * HOUR, command }
  }
  if (recent && patience < 0.8) return { at: Infinity, command }
  // Most reps answer within a working day; some let it slip past the SLA.
  const hours = random.chance(0.85) ? random.int(1, 9) : random.int(10, 72)
  return { at: state.stageEnteredAt + hours * HOUR, command }
}

function openDeal(plan: DemoLeadPlan, random: Random): LeadCommand {
  return {
    kind: 'open_deal',
    amount: plan.dealAmount ?? 25_000,
    currency: 'EUR',
    expectedCloseDate: new Date(Date.UTC(2027, random.int(0, 5), random.int(1, 28)))
      .toISOString()
      .slice(0, 10),
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
  isAway: (repEmail: string, at: number) => boolean = () => false,
): Omit<SimulatedDecision, 'id'> | undefined {
  const entry = agreementVersionAt(versions, at)
  const document = entry.agreement.document
  if (!document.routing) return undefined
  const routing = compileRouting(document.routing, document.signals)
  const reps = routing.teams.flatMap((team) =>
    team.members.map((email) => ({ email, openLeads: 0, available: !isAway(email, at) })),
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
