// Puts a journey on the calendar: visits on (mostly) working days in Berlin office hours, the
// weekly newsletter and its opens, and nothing after `now` (journeys still under way are cut).
import { MINUTE, berlinDay, berlinToUtc, minuteOfDay, weekday, workday, type Habits } from './calendar.ts'
import type { ContentPools } from './content-catalog.ts'
import type { Draft, Session } from './journey-steps.ts'
import type { Random } from './random.ts'

export type TimedDraft = Draft & { at: number }

const NO_WEEKENDS: Habits = { evening: 0, weekend: 0 }

/** Lays sessions out from `firstAt` on; the first draft happens exactly at `firstAt`. */
export function schedule(
  random: Random,
  sessions: readonly Session[],
  firstAt: number,
  habits: Habits,
  nowMs: number,
): TimedDraft[] {
  const result: TimedDraft[] = []
  let day = berlinDay(firstAt)
  let at = firstAt
  for (const [index, visit] of sessions.entries()) {
    if (index > 0) {
      // Pinned times are scheduled events (webinars), which never fall on a weekend.
      const nextDay =
        visit.afterDays === 0
          ? day
          : workday(random, day + visit.afterDays, visit.minute === undefined ? habits : NO_WEEKENDS)
      if (nextDay === day) at += random.int(10, 180) * MINUTE
      else
        at = Math.max(
          at + MINUTE,
          berlinToUtc(nextDay, visit.minute ?? minuteOfDay(random, habits)) + random.int(0, 59) * 1000,
        )
      day = nextDay
    }
    for (const [position, draft] of visit.drafts.entries()) {
      if (position > 0) at += random.int(1, 6) * MINUTE + random.int(0, 59) * 1000
      if (at > nowMs) return result
      result.push({ ...draft, at })
    }
  }
  return result
}

export type NewsletterReader = {
  /** Chance to open one issue. */
  openRate: number
  /** Chance to unsubscribe when opening an issue. */
  unsubscribeRate: number
}

const TUESDAY = 2
const SEND_MINUTE = 10 * 60

/** Weekly newsletter opens (and some clicks, maybe an unsubscribe) from the first send after `fromMs`. */
export function newsletterTouchpoints(
  random: Random,
  pools: ContentPools,
  reader: NewsletterReader,
  fromMs: number,
  nowMs: number,
  habits: Habits,
): TimedDraft[] {
  const result: TimedDraft[] = []
  let day = berlinDay(fromMs) + 1
  while (weekday(day) !== TUESDAY) day++
  for (; berlinToUtc(day, SEND_MINUTE) <= nowMs; day += 7) {
    if (!random.chance(reader.openRate)) continue
    const issue = pools.newsletters[Math.floor(day / 7) % pools.newsletters.length]
    if (issue === undefined) break
    const delay = random.weighted({ sameDay: 65, nextDay: 25, later: 10 })
    let at =
      delay === 'sameDay'
        ? berlinToUtc(day, SEND_MINUTE + random.int(5, 420))
        : berlinToUtc(
            workday(random, day + (delay === 'nextDay' ? 1 : random.int(2, 4)), habits),
            minuteOfDay(random, habits),
          )
    at += random.int(0, 59) * 1000
    if (at > nowMs) break
    result.push({ type: 'email_open', source: 'newsletter', contentId: issue.id, at })
    if (random.chance(reader.unsubscribeRate)) {
      result.push({
        type: 'unsubscribe',
        source: 'newsletter',
        properties: { list: 'newsletter' },
        at: at + random.int(1, 5) * MINUTE,
      })
      break
    }
    if (random.chance(0.35)) {
      const target = random.chance(0.7) ? issue.id : (random.pick(pools.blogPosts).id ?? issue.id)
      at += random.int(1, 10) * MINUTE
      if (at <= nowMs)
        result.push({
          type: 'content_click',
          source: 'newsletter',
          contentId: target,
          properties: { utm_medium: 'email', utm_campaign: 'newsletter' },
          at,
        })
    }
  }
  return result.filter((draft) => draft.at <= nowMs)
}
