// How each persona behaves over weeks and months. Buyers walk the journey from orientation to a
// hand-raiser; everyone else leaves the traces that tempt a naive scoring model into false MQLs.
import {
  browse,
  choose,
  consideration,
  decision,
  handRaiser,
  orientation,
  session,
  utm,
  web,
  webinar,
  type Draft,
  type JourneyContext,
  type Properties,
  type Session,
} from './journey-steps.ts'
import type { DemoPersona } from './types.ts'
import { coldOutreach } from './cold-outreach.ts'

export type JourneyInput = {
  ctx: JourneyContext
  persona: DemoPersona
  /** The first event's source; `sdr_list` for cold outreach. */
  source: string
  /** Fair name (trade_fair), partner name (partner_referral) or SDR (sdr_list), carried on the first event. */
  origin?: Properties
}

type Stage = 'orientation' | 'consideration' | 'decision'

/** The touchpoint(s) that make an inbound lead known, which depend on where it came from. */
function entry(input: JourneyInput, stage: Stage): Session[] {
  const { ctx, source, origin } = input
  const { random, pools } = ctx
  const first = (...drafts: Draft[]) => [session(0, ...drafts)]
  if (source === 'webinar') return webinar(ctx, 0, 0.65)
  if (source === 'newsletter') {
    return first(
      web(
        'content_click',
        choose(ctx, pools.newsletters).id,
        { utm_medium: 'email', utm_campaign: 'newsletter' },
        'newsletter',
      ),
    )
  }
  if (stage === 'decision')
    return first(handRaiser(random, source, source === 'website' ? utm(random) : origin))
  if (source === 'trade_fair')
    return first(
      web(
        'content_download',
        choose(ctx, stage === 'orientation' ? pools.ebooks : pools.whitepapers).id,
        origin,
        source,
      ),
    )
  if (source === 'partner_referral')
    return first(web('page_view', choose(ctx, pools.productPages).id, origin, source))
  if (stage === 'consideration')
    return first(web('content_download', choose(ctx, pools.whitepapers).id, utm(random, 0.5)))
  return first(
    random.chance(0.55)
      ? web('content_download', choose(ctx, pools.ebooks).id, utm(random, 0.5))
      : web('content_click', choose(ctx, pools.blogPosts).id, utm(random, 0.5)),
  )
}

/** Occasional visits long after the journey's active phase: the long tail of any web audience. */
function returnVisits(ctx: JourneyContext, rate: number): Session[] {
  const { random } = ctx
  const sessions: Session[] = []
  while (sessions.length < 6 && random.chance(rate)) {
    const blog = random.chance(0.4)
    sessions.push(
      session(
        random.int(10, 45),
        ...(blog ? [web('content_click', choose(ctx, ctx.pools.blogPosts).id, utm(random))] : []),
        ...browse(ctx, random.int(1, 4)),
      ),
    )
  }
  return sessions
}

function buyer(input: JourneyInput): Session[] {
  const { ctx } = input
  const { random } = ctx
  const drawn = random.weighted({ orientation: 35, consideration: 43, decision: 22 })
  // Webinars and newsletters cannot carry a hand-raiser as the first touchpoint.
  const stage =
    drawn === 'decision' && (input.source === 'webinar' || input.source === 'newsletter')
      ? 'consideration'
      : drawn
  const sessions = entry(input, stage)
  if (stage === 'orientation') sessions.push(...orientation(ctx, random.int(1, 3), [2, 8]))
  if (stage !== 'decision') {
    sessions.push(...consideration(ctx, random.int(2, 4), [2, 8]))
    sessions.push(...decision(ctx, random.int(2, 3), [1, 5]))
    if (random.chance(0.85))
      sessions.push(session(random.int(0, 4), ...browse(ctx, random.int(0, 1)), handRaiser(random)))
  }
  // Buyers keep reading while sales works the deal.
  for (let i = random.int(0, 3); i > 0; i--) {
    sessions.push(...(random.chance(0.6) ? decision(ctx, 1, [3, 20]) : consideration(ctx, 1, [3, 20], 0.2)))
  }
  return [...sessions, ...returnVisits(ctx, 0.6)]
}

function researcher(input: JourneyInput): Session[] {
  const { ctx } = input
  const { random } = ctx
  const stage = random.weighted({ orientation: 60, consideration: 40 })
  const sessions = entry(input, stage)
  if (stage === 'orientation') sessions.push(...orientation(ctx, random.int(1, 4), [4, 20]))
  sessions.push(...consideration(ctx, random.int(1, 3), [4, 20], 0.5))
  // A single look at pricing or a case study: interest, but not yet the shift to decision.
  if (random.chance(0.2)) sessions.push(...decision(ctx, 1, [5, 25]))
  // Some ask sales a question early; the rep will find no need or bad timing.
  if (random.chance(0.22)) sessions.push(session(random.int(2, 15), handRaiser(random)))
  return [...sessions, ...returnVisits(ctx, 0.7)]
}

function browser(input: JourneyInput): Session[] {
  const { ctx } = input
  const { random } = ctx
  const sessions = entry(input, 'orientation')
  for (let i = random.int(0, 2); i > 0; i--) {
    sessions.push(
      session(
        random.int(5, 45),
        ...(random.chance(0.5)
          ? browse(ctx, random.int(1, 2))
          : [web('content_click', choose(ctx, ctx.pools.blogPosts).id)]),
      ),
    )
  }
  if (random.chance(0.05)) sessions.push(session(random.int(1, 20), handRaiser(random)))
  return [...sessions, ...returnVisits(ctx, 0.5)]
}

function jobSeeker(input: JourneyInput): Session[] {
  const { random } = input.ctx
  const sessions: Session[] = [
    session(
      0,
      web(
        'page_view',
        'careers',
        random.chance(0.3) ? { utm_medium: 'social', utm_campaign: 'linkedin-jobs' } : undefined,
      ),
    ),
  ]
  if (random.chance(0.4)) sessions[0]?.drafts.push(web('page_view', 'home'))
  for (let i = random.int(1, 3); i > 0; i--)
    sessions.push(session(random.int(1, 14), web('page_view', 'careers')))
  if (random.chance(0.3))
    sessions.push(
      session(random.int(1, 10), web('content_click', choose(input.ctx, input.ctx.pools.blogPosts).id)),
    )
  return sessions
}

function student(input: JourneyInput): Session[] {
  const { ctx } = input
  const { random, pools } = ctx
  // Thesis research: many downloads, which is why students must be disqualified, not scored.
  const sessions = [
    session(
      0,
      web('content_download', choose(ctx, random.chance(0.5) ? pools.ebooks : pools.whitepapers).id),
    ),
  ]
  for (let i = random.int(1, 5); i > 0; i--) {
    const afterDays = random.int(2, 20)
    const kind = random.weighted({ download: 45, blog: 35, webinar: 20 })
    if (kind === 'webinar') sessions.push(...webinar(ctx, afterDays, 0.6))
    else
      sessions.push(
        session(
          afterDays,
          kind === 'download'
            ? web('content_download', choose(ctx, pools.whitepapers).id)
            : web('content_click', choose(ctx, pools.blogPosts).id),
        ),
      )
  }
  if (random.chance(0.1)) sessions.push(session(random.int(1, 10), web('demo_request', 'demo')))
  return sessions
}

function competitor(input: JourneyInput): Session[] {
  const { ctx } = input
  const { random, pools } = ctx
  const sessions =
    input.source === 'webinar'
      ? webinar(ctx, 0, 0.8)
      : [session(0, web('content_download', choose(ctx, pools.whitepapers).id))]
  // Periodic checks on pricing, positioning and references: decision-stage behaviour from a non-buyer.
  for (let i = random.int(3, 7); i > 0; i--) {
    const afterDays = random.int(7, 30)
    const kind = random.weighted({ pricing: 35, caseStudy: 25, webinar: 15, download: 15, roi: 10 })
    if (kind === 'webinar') sessions.push(...webinar(ctx, afterDays, 0.8))
    else if (kind === 'pricing')
      sessions.push(session(afterDays, ...browse(ctx, random.int(1, 3)), web('page_view', 'pricing')))
    else if (kind === 'caseStudy')
      sessions.push(session(afterDays, web('case_study_view', choose(ctx, pools.caseStudies).id)))
    else if (kind === 'download')
      sessions.push(session(afterDays, web('content_download', choose(ctx, pools.whitepapers).id)))
    else
      sessions.push(
        session(
          afterDays,
          web('roi_calculator_used', 'roi-calculator', { plants: 1, estimatedSavingsEur: 50000 }),
        ),
      )
  }
  return sessions
}

function badData(input: JourneyInput): Session[] {
  const sessions = entry(input, 'orientation')
  // The confirmation or download mail bounces within hours.
  sessions.push(
    session(input.ctx.random.int(0, 1), {
      type: 'email_bounced',
      source: input.source === 'webinar' ? 'website' : input.source,
      properties: { bounceType: 'hard' },
    }),
  )
  return sessions
}

export function buildJourney(input: JourneyInput): Session[] {
  if (input.source === 'sdr_list') return coldOutreach(input)
  switch (input.persona) {
    case 'buyer':
      return buyer(input)
    case 'researcher':
      return researcher(input)
    case 'browser':
      return browser(input)
    case 'job_seeker':
      return jobSeeker(input)
    case 'student':
      return student(input)
    case 'competitor':
      return competitor(input)
    case 'bad_data':
      return badData(input)
  }
}
