// The hidden truth per lead: will it buy, and if not, what a rep would say. A demo plays sales
// with it, and backtests can compare what an agreement predicts with what "really" happened.
import type { DemoCompany } from './companies.ts'
import type { TimedDraft } from './timeline.ts'
import type { Random } from './random.ts'
import type { DemoLane, DemoLeadPlan, DemoPersona, DemoRejectReason } from './types.ts'

const DECISION_TYPES = new Set(['case_study_view', 'roi_calculator_used', 'demo_request', 'contact_sales'])

/** True when the history, as far as it reaches `now`, got to a hand-raiser or two decision touchpoints. */
export function reachedDecision(drafts: readonly TimedDraft[]): boolean {
  let decisions = 0
  for (const draft of drafts) {
    if (draft.type === 'demo_request' || draft.type === 'contact_sales') return true
    if (DECISION_TYPES.has(draft.type) || draft.contentId === 'pricing') decisions++
  }
  return decisions >= 2
}

const REJECT_MIX: Record<DemoPersona, Partial<Record<DemoRejectReason, number>>> = {
  buyer: { no_budget: 35, bad_timing: 35, no_need: 10, wrong_contact: 10, not_reachable: 10 },
  researcher: { no_need: 40, bad_timing: 40, wrong_contact: 20 },
  browser: { no_need: 50, not_reachable: 30, wrong_contact: 20 },
  job_seeker: { no_fit: 1 },
  student: { no_fit: 1 },
  competitor: { no_fit: 1 },
  bad_data: { not_reachable: 1 },
}

/** Buyers on a finished path buy at this rate, which lands near 10 % of all leads. */
const BUY_RATE: Record<DemoLane, number> = { inbound: 0.38, cold_outreach: 0.28 }

export type PlanInput = {
  email: string
  persona: DemoPersona
  lane: DemoLane
  company: DemoCompany | undefined
  ownerEmail?: string
  drafts: readonly TimedDraft[]
}

export function planFor(random: Random, input: PlanInput): DemoLeadPlan {
  const { email, persona, lane, company, ownerEmail, drafts } = input
  const plan: DemoLeadPlan = { email, persona, lane, willBuy: false }
  const fits = company !== undefined && company.target
  // Cold leads were called by the SDR, so they can buy without clicking anything.
  const ready = lane === 'cold_outreach' || reachedDecision(drafts)
  if (persona === 'buyer' && fits && ready && random.chance(BUY_RATE[lane])) {
    plan.willBuy = true
    plan.dealAmount = dealAmount(random, company.employees)
  } else {
    plan.likelyRejectReason = persona === 'buyer' && !fits ? 'no_fit' : random.weighted(REJECT_MIX[persona])
  }
  if (ownerEmail !== undefined) plan.ownerEmail = ownerEmail
  return plan
}

/** Bigger plants, bigger licences: roughly 15k EUR for a small shop up to 250k for a large group. */
function dealAmount(random: Random, employees: number): number {
  const raw = 15_000 * Math.pow(Math.max(employees, 20) / 50, 0.5) * (0.7 + random.next() * 0.6)
  return Math.min(250_000, Math.max(15_000, Math.round(raw / 500) * 500))
}
