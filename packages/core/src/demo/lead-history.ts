// One lead from start to finish: who it is, where it comes from, when it first shows up, its
// journey on the calendar, newsletter traffic, the events as the ingest API would receive them,
// and its hidden plan.
import {
  OFFICE_HABITS,
  PRIVATE_HABITS,
  berlinToUtc,
  isHolidaySeason,
  minuteOfDay,
  workday,
  type FairDay,
} from './calendar.ts'
import type { CompanyPool } from './companies.ts'
import { DEMO_TOPICS, type ContentPools } from './content-catalog.ts'
import type { Properties } from './journey-steps.ts'
import { buildJourney } from './journeys.ts'
import {
  DEMO_COLD_OUTREACH_SHARE,
  DEMO_PERSONA_WEIGHTS,
  INBOUND_SOURCES,
  NEWSLETTER,
  PARTNERS,
  companyFor,
  sdrFor,
} from './lead-mix.ts'
import { planFor } from './outcomes.ts'
import { firstProfile, handRaiserProfile, type PersonFactory } from './people.ts'
import type { Random } from './random.ts'
import { newsletterTouchpoints, schedule, type TimedDraft } from './timeline.ts'
import { promotedTitle } from './titles.ts'
import type { DemoEvent, DemoLane, DemoLeadPlan, DemoLeadProfile } from './types.ts'

const MINUTE = 60_000

export type World = {
  random: Random
  pools: ContentPools
  companies: CompanyPool
  people: PersonFactory
  fairDays: readonly FairDay[]
  windowStart: number
  nowMs: number
  firstDay: number
  lastDay: number
}

export type TimedEvent = { at: number; event: DemoEvent }

export function generateLead(world: World, leadNo: number): { events: TimedEvent[]; plan: DemoLeadPlan } {
  const { random, pools, fairDays, nowMs, windowStart } = world
  const lane: DemoLane = random.chance(DEMO_COLD_OUTREACH_SHARE) ? 'cold_outreach' : 'inbound'
  const persona = random.weighted(DEMO_PERSONA_WEIGHTS[lane])
  const company = companyFor(random, world.companies, persona, lane)
  const person = world.people.create(random, persona, company)
  let source = lane === 'cold_outreach' ? 'sdr_list' : random.weighted(INBOUND_SOURCES[persona])
  if (source === 'trade_fair' && fairDays.length === 0) source = 'website'
  const habits =
    persona === 'job_seeker' || persona === 'student' || person.freeMail ? PRIVATE_HABITS : OFFICE_HABITS

  let origin: Properties | undefined
  let ownerEmail: string | undefined
  let startDay = random.int(world.firstDay, world.lastDay)
  if (isHolidaySeason(startDay) && random.chance(0.5)) startDay = random.int(world.firstDay, world.lastDay)
  if (source === 'sdr_list') {
    ownerEmail = sdrFor(random, company)
    origin = { owner: ownerEmail }
  } else if (source === 'trade_fair') {
    const fair = random.pick(fairDays)
    origin = { fair: fair.name }
    startDay = fair.day
  } else if (source === 'partner_referral') origin = { partner: random.pick(PARTNERS) }

  let firstAt =
    berlinToUtc(workday(random, startDay, habits), minuteOfDay(random, habits)) + random.int(0, 59) * 1000
  // The window's edges: weekend shifts or late hours must not push the first touchpoint outside it.
  if (firstAt > nowMs) firstAt = nowMs - random.int(1, 240) * MINUTE
  if (firstAt < windowStart) firstAt = windowStart + random.int(1, 240) * MINUTE

  const topics = random.chance(0.6)
    ? [random.pick(DEMO_TOPICS)]
    : [random.pick(DEMO_TOPICS), random.pick(DEMO_TOPICS)]
  const journeyInput = {
    ctx: { random, pools, topics, seen: new Set<string>() },
    persona,
    source,
    ...(origin ? { origin } : {}),
  }
  const journey = schedule(random, buildJourney(journeyInput), firstAt, habits, nowMs)
  // A bad address bounces even when the lead arrived minutes before `now`: it defines the persona.
  const last = journey[journey.length - 1]
  if (persona === 'bad_data' && last !== undefined && last.type !== 'email_bounced') {
    journey.push({
      type: 'email_bounced',
      source,
      properties: { bounceType: 'hard' },
      at: Math.min(nowMs, last.at + random.int(1, 30) * MINUTE),
    })
  }
  let drafts: TimedDraft[] = journey
  const reader = NEWSLETTER[persona]
  const subscribes = lane === 'inbound' && (source === 'newsletter' || random.chance(reader.subscribes))
  if (subscribes) {
    const mails = newsletterTouchpoints(random, pools, reader, firstAt, nowMs, habits)
    if (mails.length > 0) drafts = [...journey, ...mails].sort((a, b) => a.at - b.at)
  }
  // The opt-in box on the first form (double opt-in confirmed a minute later): without it, UWG §7
  // keeps the lead out of e-mail nurture. Cold-outreach leads rarely give it, and only later.
  const optsIn =
    lane === 'inbound' ? subscribes || random.chance(0.5) : drafts.length > 2 && random.chance(0.2)
  if (optsIn && drafts.length > 0) {
    const anchor = lane === 'inbound' ? drafts[0]! : drafts[random.int(1, drafts.length - 1)]!
    const consent: TimedDraft = {
      type: 'consent_given',
      at: Math.min(nowMs, anchor.at + MINUTE),
      source: anchor.source,
      properties: {
        purpose: 'email_marketing',
        channel: 'email',
        text: 'Ja, ich möchte Informationen per E-Mail erhalten.',
      },
    }
    drafts = [...drafts, consent].sort((a, b) => a.at - b.at)
  }
  if ((persona === 'buyer' || persona === 'researcher') && drafts.length > 2 && random.chance(0.04)) {
    const later = drafts[random.int(1, drafts.length - 1)] as TimedDraft
    later.update = { ...later.update, title: promotedTitle(random, person.female) }
  }

  const events = drafts.map((draft, index): TimedEvent => {
    // Only the first touchpoint carries the whole profile; later ones name the lead and what changed.
    let lead: DemoLeadProfile
    if (index === 0) lead = firstProfile(person, company)
    else if (draft.update !== undefined) lead = { email: person.email, ...draft.update }
    else if (draft.type === 'demo_request' || draft.type === 'contact_sales')
      lead = handRaiserProfile(random, person, company)
    else lead = { email: person.email }
    const event: DemoEvent = {
      id: `demo-${leadNo}-${index + 1}`,
      type: draft.type,
      occurredAt: new Date(draft.at).toISOString(),
      source: draft.source,
      ...(draft.contentId !== undefined ? { contentId: draft.contentId } : {}),
      lead,
      ...(draft.properties !== undefined ? { properties: { ...draft.properties } } : {}),
    }
    return { at: draft.at, event }
  })
  const plan = planFor(random, {
    email: person.email,
    persona,
    lane,
    company,
    drafts,
    ...(ownerEmail ? { ownerEmail } : {}),
  })
  return { events, plan }
}
