// Demo requests from German plants over the last working days, so the reps' inboxes always hold a few
// MQLs of this week, whatever the generator's volume near `now`: ingested with the generated history
// and given plans, they are routed, run into the SLA job when nobody answers, and answered or not,
// like any generated lead.
import type { DemoEvent, DemoLeadPlan } from '#core/demo/generate-demo-data.ts'

const DAY = 86_400_000

type Request = { workingDaysAgo: number; plan: Omit<DemoLeadPlan, 'email'>; lead: DemoEvent['lead'] }

const REQUESTS: readonly Request[] = [
  {
    workingDaysAgo: 0,
    plan: { persona: 'buyer', lane: 'inbound', willBuy: true, dealAmount: 42_000 },
    lead: {
      email: 'miriam.vogt@weserguss.de',
      firstName: 'Miriam',
      lastName: 'Vogt',
      title: 'Leiterin Produktionsplanung',
      company: {
        name: 'Weserguss GmbH',
        domain: 'weserguss.de',
        industry: 'maschinenbau',
        employees: 430,
        country: 'DE',
        postcode: '28197',
      },
    },
  },
  {
    workingDaysAgo: 1,
    plan: { persona: 'buyer', lane: 'inbound', willBuy: false, likelyRejectReason: 'bad_timing' },
    lead: {
      email: 'stefan.brandl@brandl-antriebe.de',
      firstName: 'Stefan',
      lastName: 'Brandl',
      title: 'Werkleiter',
      company: {
        name: 'Brandl Antriebstechnik GmbH',
        domain: 'brandl-antriebe.de',
        industry: 'elektrotechnik',
        employees: 260,
        country: 'DE',
        postcode: '84028',
      },
    },
  },
  {
    workingDaysAgo: 2,
    plan: { persona: 'buyer', lane: 'inbound', willBuy: false, likelyRejectReason: 'no_budget' },
    lead: {
      email: 'j.hartmann@hartmann-kunststoff.de',
      firstName: 'Jana',
      lastName: 'Hartmann',
      title: 'Head of Operations',
      company: {
        name: 'Hartmann Kunststofftechnik GmbH',
        domain: 'hartmann-kunststoff.de',
        industry: 'automotive_zulieferer',
        employees: 720,
        country: 'DE',
        postcode: '33602',
      },
    },
  },
]

/** The requests' touchpoints (demo requests at 09:40 UTC on working days before `now`) and their plans. */
export function recentHandRaisers(now: Date): { events: DemoEvent[]; plans: DemoLeadPlan[] } {
  const events: DemoEvent[] = []
  const plans: DemoLeadPlan[] = []
  for (const [index, request] of REQUESTS.entries()) {
    const at = workingDayBefore(now, request.workingDaysAgo) + (9 * 60 + 40) * 60_000
    // Today's arrives an hour before `now` when the morning is not over yet.
    const occurredAt = Math.min(at, now.getTime() - 3_600_000)
    events.push({
      id: `demo-this-week-${index + 1}`,
      type: 'demo_request',
      occurredAt: new Date(occurredAt).toISOString(),
      source: 'website',
      contentId: 'demo',
      lead: request.lead,
    })
    plans.push({ email: request.lead.email, ...request.plan })
  }
  return { events, plans }
}

/** Midnight UTC of the working day (Monday to Friday) `count` working days before `now`'s. */
function workingDayBefore(now: Date, count: number): number {
  let day = Math.floor(now.getTime() / DAY) * DAY
  const isWeekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay())
  while (isWeekend(day)) day -= DAY
  for (let left = count; left > 0;) {
    day -= DAY
    if (!isWeekend(day)) left--
  }
  return day
}
