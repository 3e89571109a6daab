// Who the demo leads are and where they come from: the persona mix per lane, their sources,
// newsletter habits and employers. The numbers are tuned so that about a quarter of all leads reach
// MQL under the example agreement (a B2B funnel's 15–30 %) and about a tenth buy.
import type { CompanyPool, DemoCompany } from './companies.ts'
import type { Random } from './random.ts'
import type { NewsletterReader } from './timeline.ts'
import type { DemoLane, DemoPersona } from './types.ts'
import { DEMO_SDR_EMAILS } from './users.ts'

/** Share of leads the SDRs prospect themselves; the rest comes in through marketing. */
export const DEMO_COLD_OUTREACH_SHARE = 0.15

/** Persona mix per lane. Cold lists are built from target accounts, so they hold no students or junk. */
export const DEMO_PERSONA_WEIGHTS: Record<DemoLane, Readonly<Record<DemoPersona, number>>> = {
  inbound: {
    buyer: 0.32,
    researcher: 0.32,
    browser: 0.17,
    job_seeker: 0.05,
    student: 0.04,
    competitor: 0.04,
    bad_data: 0.06,
  },
  cold_outreach: {
    buyer: 0.25,
    researcher: 0.3,
    browser: 0.45,
    job_seeker: 0,
    student: 0,
    competitor: 0,
    bad_data: 0,
  },
}

/** Where inbound leads first show up; the first source decides the lane. */
export const INBOUND_SOURCES: Record<DemoPersona, Record<string, number>> = {
  buyer: { website: 42, webinar: 15, trade_fair: 15, partner_referral: 13, newsletter: 15 },
  researcher: { website: 50, webinar: 20, newsletter: 20, trade_fair: 10 },
  browser: { website: 60, newsletter: 30, trade_fair: 10 },
  job_seeker: { website: 1 },
  student: { website: 1 },
  competitor: { website: 60, webinar: 40 },
  bad_data: { website: 50, trade_fair: 30, newsletter: 20 },
}

export const PARTNERS = [
  'IT-Systemhaus Weser GmbH',
  'ERP Partner Bodensee',
  'Lean Consulting Rhein-Main',
  'Digitalwerk Alpen GmbH',
]

/** Competitors read closely (they watch the vendor); browsers drift away and unsubscribe. */
export const NEWSLETTER: Record<DemoPersona, NewsletterReader & { subscribes: number }> = {
  buyer: { subscribes: 0.7, openRate: 0.55, unsubscribeRate: 0.01 },
  researcher: { subscribes: 0.75, openRate: 0.55, unsubscribeRate: 0.02 },
  browser: { subscribes: 0.55, openRate: 0.3, unsubscribeRate: 0.06 },
  job_seeker: { subscribes: 0.1, openRate: 0.1, unsubscribeRate: 0.1 },
  student: { subscribes: 0.4, openRate: 0.3, unsubscribeRate: 0.05 },
  competitor: { subscribes: 0.7, openRate: 0.6, unsubscribeRate: 0 },
  bad_data: { subscribes: 0, openRate: 0, unsubscribeRate: 0 },
}

export function companyFor(
  random: Random,
  pool: CompanyPool,
  persona: DemoPersona,
  lane: DemoLane,
): DemoCompany | undefined {
  if (lane === 'cold_outreach') return pool.pickTarget(random)
  // Most of the web audience is the target market; the rest are partners, foreign firms, private readers.
  const employed = (targetShare: number, employedShare = 0.92) =>
    random.chance(employedShare)
      ? random.chance(targetShare)
        ? pool.pickTarget(random)
        : pool.pickAny(random)
      : undefined
  switch (persona) {
    case 'buyer':
      return employed(0.88, 1)
    case 'competitor':
      return pool.pickCompetitor(random)
    case 'researcher':
      return employed(0.7)
    case 'browser':
      return employed(0.4)
    default:
      return employed(0, 0.5)
  }
}

/** Each SDR prospects their own half of Germany; AT/CH lists are shared. */
export function sdrFor(random: Random, company: DemoCompany | undefined): string {
  if (company?.region === 'north') return DEMO_SDR_EMAILS[0]
  if (company?.region === 'south') return DEMO_SDR_EMAILS[1]
  return random.pick(DEMO_SDR_EMAILS)
}
