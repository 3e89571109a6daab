// Building blocks of a lead's history: single touchpoints ("drafts") grouped into visits
// ("sessions") and phases of the buyer journey. Timing is added later by the timeline.
import type { ContentPools } from './content-catalog.ts'
import type { Random } from './random.ts'
import type { DemoContentItem, DemoEventType, DemoLeadProfile } from './types.ts'

export type Properties = Record<string, string | number | boolean>

export type Draft = {
  type: DemoEventType
  source: string
  contentId?: string
  properties?: Properties
  /** Profile fields this touchpoint reveals or changes (a form's phone field, a new title). */
  update?: Omit<DemoLeadProfile, 'email'>
}

/** Touchpoints of one visit. `afterDays` counts from the previous session; `minute` pins the time of day (webinars). */
export type Session = { afterDays: number; drafts: Draft[]; minute?: number }

export type JourneyContext = {
  random: Random
  pools: ContentPools
  /** The one or two topics this lead cares about; content on them is preferred. */
  topics: readonly string[]
  seen: Set<string>
}

/** Prefers unseen content on the lead's topics, as real readers follow their interest. */
export function choose(ctx: JourneyContext, pool: readonly DemoContentItem[]): DemoContentItem {
  let total = 0
  const weights = pool.map((item) => {
    const weight =
      (item.topics.some((topic) => ctx.topics.includes(topic)) ? 4 : 1) * (ctx.seen.has(item.id) ? 0.15 : 1)
    total += weight
    return weight
  })
  let roll = ctx.random.next() * total
  for (let i = 0; i < pool.length; i++) {
    roll -= weights[i] as number
    if (roll < 0) return mark(ctx, pool[i] as DemoContentItem)
  }
  return mark(ctx, pool[pool.length - 1] as DemoContentItem)
}

function mark(ctx: JourneyContext, item: DemoContentItem): DemoContentItem {
  ctx.seen.add(item.id)
  return item
}

const CAMPAIGNS = {
  cpc: ['google-ads-feinplanung', 'google-ads-aps-software', 'bing-kapazitaetsplanung'],
  social: ['linkedin-werkleiter', 'linkedin-oee-carousel', 'xing-produktion'],
  email: ['nurture-feinplanung', 'nurture-roi', 'nurture-mes'],
  referral: ['fachportal-produktion', 'industrie-magazin-advertorial'],
} as const

/** Some web visits come from tracked campaigns; attribution reports need the UTM tags. */
export function utm(random: Random, probability = 0.3): Properties | undefined {
  if (!random.chance(probability)) return undefined
  const medium = random.weighted({ cpc: 35, social: 30, email: 20, referral: 15 })
  return { utm_medium: medium, utm_campaign: random.pick(CAMPAIGNS[medium]) }
}

export function web(
  type: DemoEventType,
  contentId: string,
  properties?: Properties,
  source = 'website',
): Draft {
  return properties === undefined ? { type, source, contentId } : { type, source, contentId, properties }
}

export function session(afterDays: number, ...drafts: Draft[]): Session {
  return { afterDays, drafts }
}

/** Clicking around the site: home and product pages. */
export function browse(ctx: JourneyContext, count: number): Draft[] {
  const drafts: Draft[] = []
  let previous = ''
  for (let i = 0; i < count; i++) {
    let id = ctx.random.chance(0.25) ? 'home' : choose(ctx, ctx.pools.productPages).id
    // Nobody "views" the page they are already on: one retry avoids most repeats cheaply.
    if (id === previous) id = choose(ctx, ctx.pools.productPages).id
    if (id === previous) continue
    drafts.push(web('page_view', id, i === 0 ? utm(ctx.random) : undefined))
    previous = id
  }
  return drafts
}

export function orientation(
  ctx: JourneyContext,
  sessions: number,
  gap: readonly [number, number],
): Session[] {
  const { random, pools } = ctx
  const result: Session[] = []
  for (let i = 0; i < sessions; i++) {
    const drafts: Draft[] = []
    if (random.chance(0.5)) drafts.push(...browse(ctx, random.int(1, 2)))
    drafts.push(web('content_click', choose(ctx, pools.blogPosts).id, utm(random)))
    if (random.chance(0.35)) drafts.push(web('content_click', choose(ctx, pools.blogPosts).id))
    if (random.chance(0.25)) drafts.push(web('content_download', choose(ctx, pools.ebooks).id))
    result.push(session(random.int(gap[0], gap[1]), ...drafts))
  }
  return result
}

/** Webinar registration, then (mostly) attendance at the live date some days later. */
export function webinar(
  ctx: JourneyContext,
  afterDays: number,
  attendRate: number,
  source = 'webinar',
): Session[] {
  const item = choose(ctx, ctx.pools.webinars)
  const registered = session(afterDays, web('webinar_registered', item.id, undefined, source))
  if (!ctx.random.chance(attendRate)) return [registered]
  return [
    registered,
    {
      afterDays: ctx.random.int(3, 12),
      minute: ctx.random.pick([600, 840]),
      drafts: [web('webinar_attended', item.id, undefined, 'webinar')],
    },
  ]
}

export function consideration(
  ctx: JourneyContext,
  sessions: number,
  gap: readonly [number, number],
  webinarRate = 0.45,
): Session[] {
  const { random, pools } = ctx
  const result: Session[] = []
  for (let i = 0; i < sessions; i++) {
    const afterDays = random.int(gap[0], gap[1])
    const kind = random.weighted({ download: 45, webinar: webinarRate * 60, products: 35, blog: 10 })
    if (kind === 'webinar') result.push(...webinar(ctx, afterDays, 0.7))
    else if (kind === 'download')
      result.push(
        session(
          afterDays,
          ...browse(ctx, random.int(1, 3)),
          web('content_download', choose(ctx, pools.whitepapers).id, utm(random)),
        ),
      )
    else if (kind === 'products') result.push(session(afterDays, ...browse(ctx, random.int(2, 5))))
    else
      result.push(
        session(afterDays, web('content_click', choose(ctx, pools.blogPosts).id), ...browse(ctx, 1)),
      )
  }
  return result
}

/** Implementation and purchase questions: case studies, the ROI calculator, pricing. */
export function decision(ctx: JourneyContext, sessions: number, gap: readonly [number, number]): Session[] {
  const { random, pools } = ctx
  const result: Session[] = []
  for (let i = 0; i < sessions; i++) {
    const drafts: Draft[] = [...browse(ctx, random.int(1, 3))]
    const picks = random.int(1, 2)
    for (let p = 0; p < picks; p++) {
      const kind = random.weighted({ caseStudy: 40, pricing: 40, roi: 20 })
      if (kind === 'caseStudy') drafts.push(web('case_study_view', choose(ctx, pools.caseStudies).id))
      else if (kind === 'pricing') drafts.push(web('page_view', 'pricing', utm(random, 0.15)))
      else
        drafts.push(
          web('roi_calculator_used', 'roi-calculator', {
            plants: random.int(1, 4),
            estimatedSavingsEur: random.int(4, 90) * 5000,
          }),
        )
    }
    result.push(session(random.int(gap[0], gap[1]), ...drafts))
  }
  return result
}

export function handRaiser(random: Random, source = 'website', properties?: Properties): Draft {
  const contact = random.chance(0.35)
  return web(
    contact ? 'contact_sales' : 'demo_request',
    contact ? 'contact-sales' : 'demo',
    properties,
    source,
  )
}
