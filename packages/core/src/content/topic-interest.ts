// What a lead showed interest in: per topic, how much (recent and repeated engagement weighs more),
// how far along the buyer journey it got on that topic, and which content it consumed there.
import { JOURNEY_STAGES, type JourneyStage } from '../agreement/agreement-document.ts'
import type { Touchpoint } from '../touchpoint/touchpoint.ts'

/** The parts of a touchpoint content recommendations read. */
export type ContentTouchpoint = Pick<
  Touchpoint,
  'type' | 'occurredAt' | 'contentId' | 'journeyStage' | 'topics'
>

/**
 * Touchpoints that carry a content id without showing interest in it: an unsubscribe from a newsletter
 * issue, a bounce, a consent given on a form.
 */
export const NON_ENGAGEMENT_TYPES: readonly string[] = Object.freeze([
  'unsubscribe',
  'email_bounced',
  'consent_given',
  'consent_withdrawn',
])
const NOT_ENGAGEMENT = new Set(NON_ENGAGEMENT_TYPES)

export function isEngagement(touchpoint: Pick<Touchpoint, 'type'>): boolean {
  return !NOT_ENGAGEMENT.has(touchpoint.type)
}

/** One content item the lead engaged with on a topic. */
export type ConsumedContent = {
  contentId: string
  /** as the touchpoint recorded it */
  journeyStage: JourneyStage | null
  touchpoints: number
  lastAt: number
}

export type TopicInterest = {
  topic: string
  /** the sum over the topic's touchpoints of 0.5^(age / half-life): frequency and recency in one figure */
  weight: number
  touchpoints: number
  lastEngagedAt: number
  /** the furthest journey stage the lead reached on this topic; null when only unstaged content carried it */
  stage: JourneyStage | null
  /** the stage to move it to; null once it reached decision */
  nextStage: JourneyStage | null
  /** latest first */
  consumed: ConsumedContent[]
}

export const DEFAULT_INTEREST_HALF_LIFE_DAYS = 30
const DAY_MS = 86_400_000

/** The journey stage after `stage`: orientation after none, then consideration, then decision, then none. */
export function nextJourneyStage(stage: JourneyStage | null): JourneyStage | null {
  if (stage === null) return JOURNEY_STAGES[0]
  return JOURNEY_STAGES[JOURNEY_STAGES.indexOf(stage) + 1] ?? null
}

export function furthestJourneyStage(a: JourneyStage | null, b: JourneyStage | null): JourneyStage | null {
  if (a === null) return b
  if (b === null) return a
  return JOURNEY_STAGES.indexOf(a) >= JOURNEY_STAGES.indexOf(b) ? a : b
}

/**
 * The lead's interest per topic at `now`, strongest first (ties: most recent, then by name).
 * Touchpoints after `now` and those that show no interest (NON_ENGAGEMENT_TYPES) are left out.
 *
 * @example
 * topicInterests([{ type: 'content_download', occurredAt: now - 30 * DAY, topics: ['oee'],
 *   journeyStage: 'orientation', contentId: 'ebook-oee' }], now)
 * // [{ topic: 'oee', weight: 0.5, stage: 'orientation', nextStage: 'consideration', … }]
 */
export function topicInterests(
  touchpoints: readonly ContentTouchpoint[],
  now: number,
  halfLifeDays = DEFAULT_INTEREST_HALF_LIFE_DAYS,
): TopicInterest[] {
  const byTopic = new Map<string, TopicInterest>()
  const consumedByTopic = new Map<string, Map<string, ConsumedContent>>()
  for (const touchpoint of touchpoints) {
    if (touchpoint.occurredAt > now || !isEngagement(touchpoint)) continue
    const decay = 0.5 ** ((now - touchpoint.occurredAt) / (halfLifeDays * DAY_MS))
    const stage = touchpoint.journeyStage ?? null
    for (const topic of new Set(touchpoint.topics ?? [])) {
      const interest = byTopic.get(topic) ?? {
        topic,
        weight: 0,
        touchpoints: 0,
        lastEngagedAt: touchpoint.occurredAt,
        stage: null,
        nextStage: null,
        consumed: [],
      }
      interest.weight += decay
      interest.touchpoints += 1
      interest.lastEngagedAt = Math.max(interest.lastEngagedAt, touchpoint.occurredAt)
      interest.stage = furthestJourneyStage(interest.stage, stage)
      byTopic.set(topic, interest)
      if (touchpoint.contentId === undefined) continue
      const consumed = consumedByTopic.get(topic) ?? new Map<string, ConsumedContent>()
      consumedByTopic.set(topic, consumed)
      const item = consumed.get(touchpoint.contentId)
      consumed.set(touchpoint.contentId, {
        contentId: touchpoint.contentId,
        journeyStage: furthestJourneyStage(item?.journeyStage ?? null, stage),
        touchpoints: (item?.touchpoints ?? 0) + 1,
        lastAt: Math.max(item?.lastAt ?? -Infinity, touchpoint.occurredAt),
      })
    }
  }
  const interests = [...byTopic.values()].map((interest) => ({
    ...interest,
    nextStage: nextJourneyStage(interest.stage),
    consumed: [...(consumedByTopic.get(interest.topic)?.values() ?? [])].sort(
      (a, b) => b.lastAt - a.lastAt || compareText(a.contentId, b.contentId),
    ),
  }))
  return interests.sort(
    (a, b) => b.weight - a.weight || b.lastEngagedAt - a.lastEngagedAt || compareText(a.topic, b.topic),
  )
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
