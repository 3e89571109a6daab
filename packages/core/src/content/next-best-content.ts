// Next best content (DESIGN.md §4): for a lead in nurture, the catalog items that move it one journey
// stage forward on the topics it showed interest in, not yet consumed, in its language, each with why
// as data; or, plainly, why nothing fits. Consent does not filter: an item marketing may not e-mail can
// still go out on another channel, so the answer only says whether e-mail is allowed.
import type { JourneyStage } from '../agreement/agreement-document.ts'
import { LeadStage } from '../lifecycle/lead-stage.ts'
import type { EmailNurture } from '../privacy/lead-permissions.ts'
import type { LeadLanguage } from './content-language.ts'
import {
  compareText,
  furthestJourneyStage,
  isEngagement,
  topicInterests,
  type ContentTouchpoint,
  type TopicInterest,
} from './topic-interest.ts'

export type { ContentTouchpoint }

/** The most items one answer holds. */
export const MAX_RECOMMENDATIONS = 20

/** A content catalog item as recommendations read it. */
export type CatalogItem = {
  id: string
  title: string
  kind: string
  journeyStage: JourneyStage | null
  topics: readonly string[]
  /** ISO 639-1; null or absent: language-neutral */
  language?: string | null
  url: string | null
}

/**
 * Why no item is recommended, checked in this order: the lead is not marketing's (MQL handed to sales,
 * SAL and later, disqualified); it engaged with content on no topic yet; every topic it engaged with is
 * at the decision stage; the catalog has no item of the next stage on its topics; it has, but none in
 * the lead's language or language-neutral; the lead consumed every item that would fit.
 */
export const NOTHING_FITS_REASONS = [
  'not_in_nurture',
  'no_engagement',
  'at_decision_stage',
  'no_content_for_next_stage',
  'no_content_in_language',
  'all_consumed',
] as const
export type NothingFitsReason = (typeof NOTHING_FITS_REASONS)[number]

/** How an item's language suits the lead: its own, neutral, or any since the lead's is unknown. */
export const LANGUAGE_FITS = ['lead_language', 'neutral', 'lead_language_unknown'] as const
export type LanguageFit = (typeof LANGUAGE_FITS)[number]

export type Recommendation = {
  item: CatalogItem
  /** the sum of the matched topics' weights: what ranks the items */
  score: number
  why: {
    /** the item's journey stage: where it takes the lead on the matched topics */
    movesTo: JourneyStage
    /** where the lead stands on them now; null when it engaged there only with unstaged content */
    from: JourneyStage | null
    /** the topics of the item the lead is at `from` on, strongest first, with what it consumed there */
    topics: TopicInterest[]
    language: LanguageFit
  }
}

export type EmailPermission = {
  /** whether the item may go out as a nurture e-mail; other channels are marketing's to choose */
  allowed: boolean
  reason: EmailNurture
}

export type NextBestContent = {
  /** best first, at most `limit` */
  items: Recommendation[]
  /** null when there are items */
  reason: NothingFitsReason | null
  /** the lead is marketing's to nurture (stages lead and recycled) */
  nurture: boolean
  /** the furthest journey stage the lead reached on any content */
  journeyStage: JourneyStage | null
  topics: TopicInterest[]
  language: LeadLanguage
  email: EmailPermission
}

export type NextBestContentInput = {
  stage: LeadStage
  catalog: readonly CatalogItem[]
  /** the lead's touchpoints, any order; those after `now` are left out */
  touchpoints: readonly ContentTouchpoint[]
  /** see leadLanguage */
  language: LeadLanguage
  emailNurture: EmailNurture
  now: number
  limit: number
  halfLifeDays?: number
}

/** Stages in which marketing owns the lead and nurtures it: a new lead, and one sales sent back. */
export function isNurtureStage(stage: LeadStage): boolean {
  return LeadStage.owner(stage) === 'marketing'
}

/**
 * The next items to send a lead, or why there are none.
 *
 * @example
 * const next = recommendNextContent({ stage: 'lead', catalog, touchpoints, language, emailNurture, now, limit: 3 })
 * next.items[0]?.why // { movesTo: 'consideration', from: 'orientation', topics: [{ topic: 'oee', … }], … }
 */
export function recommendNextContent(input: NextBestContentInput): NextBestContent {
  const topics = topicInterests(input.touchpoints, input.now, input.halfLifeDays)
  const base = {
    nurture: isNurtureStage(input.stage),
    journeyStage: topics.reduce<JourneyStage | null>(
      (stage, topic) => furthestJourneyStage(stage, topic.stage),
      null,
    ),
    topics,
    language: input.language,
    email: { allowed: input.emailNurture === 'allowed', reason: input.emailNurture },
  }
  const nothing = (reason: NothingFitsReason): NextBestContent => ({ ...base, items: [], reason })
  if (!base.nurture) return nothing('not_in_nurture')
  if (topics.length === 0) return nothing('no_engagement')
  const open = topics.filter((topic) => topic.nextStage !== null)
  if (open.length === 0) return nothing('at_decision_stage')

  const staged = input.catalog.flatMap((item) => {
    const matched = open.filter(
      (topic) => topic.nextStage === item.journeyStage && item.topics.includes(topic.topic),
    )
    return matched.length === 0 ? [] : [{ item, matched }]
  })
  if (staged.length === 0) return nothing('no_content_for_next_stage')
  const readable = staged.filter(({ item }) => languageFit(item, input.language) !== null)
  if (readable.length === 0) return nothing('no_content_in_language')
  const consumed = consumedIds(input.touchpoints, input.now)
  const fresh = readable.filter(({ item }) => !consumed.has(item.id))
  if (fresh.length === 0) return nothing('all_consumed')

  const items = fresh
    .map(({ item, matched }): Recommendation => {
      const movesTo = item.journeyStage!
      return {
        item,
        score: matched.reduce((sum, topic) => sum + topic.weight, 0),
        why: {
          movesTo,
          from: matched[0]!.stage,
          topics: matched,
          language: languageFit(item, input.language)!,
        },
      }
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.why.topics.length - a.why.topics.length ||
        LANGUAGE_RANK[a.why.language] - LANGUAGE_RANK[b.why.language] ||
        lastEngaged(b) - lastEngaged(a) ||
        compareText(a.item.id, b.item.id),
    )
    .slice(0, Math.max(0, input.limit))
  return { ...base, items, reason: null }
}

// On equal interest, an item in the lead's own language before a language-neutral one (a tool, a form).
const LANGUAGE_RANK: Readonly<Record<LanguageFit, number>> = {
  lead_language: 0,
  neutral: 1,
  lead_language_unknown: 1,
}

/** null: the lead does not read it. */
function languageFit(item: CatalogItem, lead: LeadLanguage): LanguageFit | null {
  if (item.language === undefined || item.language === null) return 'neutral'
  if (lead.language === null) return 'lead_language_unknown'
  return item.language === lead.language ? 'lead_language' : null
}

function consumedIds(touchpoints: readonly ContentTouchpoint[], now: number): Set<string> {
  const ids = new Set<string>()
  for (const touchpoint of touchpoints) {
    if (touchpoint.contentId !== undefined && touchpoint.occurredAt <= now && isEngagement(touchpoint))
      ids.add(touchpoint.contentId)
  }
  return ids
}

function lastEngaged(recommendation: Recommendation): number {
  return Math.max(...recommendation.why.topics.map((topic) => topic.lastEngagedAt))
}
