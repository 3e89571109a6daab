// A seeded generator of realistic multi-month lead histories for the demo workspace, load tests
// and backtests. Same options, same data; work is linear in the number of leads (plus one sort).
import { DAY, berlinDay, fairDaysBetween } from './calendar.ts'
import { createCompanyPool } from './companies.ts'
import { contentPools, demoContentItems } from './content-catalog.ts'
import { generateLead, type TimedEvent, type World } from './lead-history.ts'
import { createPersonFactory } from './people.ts'
import { createRandom } from './random.ts'
import type { DemoData, DemoOptions } from './types.ts'
import { demoUsers } from './users.ts'

export type * from './types.ts'
export { DEMO_COMPETITOR_DOMAINS } from './companies.ts'
export { DEMO_COLD_OUTREACH_SHARE, DEMO_PERSONA_WEIGHTS } from './lead-mix.ts'
export { FREE_MAIL_DOMAINS } from './people.ts'
export {
  DEMO_ACCOUNT_EXECUTIVES_BY_TEAM,
  DEMO_ADMIN_EMAIL,
  DEMO_REPS_BY_TEAM,
  DEMO_SDR_EMAILS,
} from './users.ts'

/** Calendar months back from `now` (fractions as 30-day parts), so "6 months" means what users expect. */
function monthsBefore(now: Date, months: number): number {
  const start = new Date(now.getTime())
  start.setUTCMonth(start.getUTCMonth() - Math.floor(months))
  return start.getTime() - (months % 1) * 30 * DAY
}

export function generateDemoData(options: DemoOptions): DemoData {
  const { seed, leads } = options
  const months = options.months ?? 6
  const nowMs = options.now.getTime()
  if (
    !Number.isFinite(seed) ||
    !Number.isInteger(leads) ||
    leads < 0 ||
    !(months > 0) ||
    !Number.isFinite(nowMs)
  ) {
    throw new RangeError(
      'generateDemoData needs a finite seed, a whole number of leads >= 0, months > 0 and a valid now',
    )
  }
  const random = createRandom(seed)
  const contentItems = demoContentItems()
  const windowStart = monthsBefore(options.now, months)
  const world: World = {
    random,
    pools: contentPools(contentItems),
    // About 2.5 leads per company on average; large firms get many more (accounts), small ones none.
    companies: createCompanyPool(random, Math.max(12, Math.ceil(leads * 0.4))),
    people: createPersonFactory(),
    fairDays: fairDaysBetween(windowStart, nowMs),
    windowStart,
    nowMs,
    firstDay: berlinDay(windowStart),
    lastDay: berlinDay(nowMs),
  }

  const timed: TimedEvent[] = []
  const plans: DemoData['plans'] = []
  for (let leadNo = 1; leadNo <= leads; leadNo++) {
    const { events, plan } = generateLead(world, leadNo)
    for (const event of events) timed.push(event)
    plans.push(plan)
  }
  timed.sort((a, b) => a.at - b.at || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0))
  return { users: demoUsers(), contentItems, events: timed.map((entry) => entry.event), plans }
}
