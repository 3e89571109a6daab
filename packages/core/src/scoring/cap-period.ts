import { DateTime } from 'luxon'
import type { CapPeriod } from '../agreement/agreement-document.ts'

const DAY_MS = 86_400_000
// Bounds: eleven years of UTC days per (zone, period), about 0.5 MB each; 64 (zone, period) pairs.
const MAX_DAYS_PER_CALENDAR = 4096
const MAX_CALENDARS = 64

/** Instants [from, to) that all fall in the local period starting at `key`. */
type Span = { from: number; to: number; key: number }

/**
 * The calendar period a moment falls in, in the agreement's time zone: caps such as
 * "10 points per week" mean a Monday-to-Sunday week as the team in Berlin sees it.
 * Periods are computed with luxon once and then looked up by UTC day (see `periodCalendar`).
 */
export function capPeriodKey(at: number, per: CapPeriod, zone: string): number {
  if (per === 'ever') return 0
  return periodCalendar(zone, per).keyOf(at)
}

/** The uncached rule the cache must agree with: local start of the period, through luxon. */
export function localPeriodStart(at: number, per: Exclude<CapPeriod, 'ever'>, zone: string): number {
  return DateTime.fromMillis(at, { zone }).startOf(per).toMillis()
}

export type PeriodCalendar = { keyOf: (at: number) => number }

const calendars = new Map<string, PeriodCalendar>()

/**
 * The periods of one zone, cached by the UTC day a moment falls in. A UTC day overlaps at most a few
 * local periods (two days; one or two weeks or months), each stored once as the exact instants it
 * covers according to luxon, so DST changes and half-hour offsets give what luxon gives, without a luxon object per call.
 */
export function periodCalendar(zone: string, per: Exclude<CapPeriod, 'ever'>): PeriodCalendar {
  const name = `${zone}|${per}`
  let calendar = calendars.get(name)
  if (!calendar) {
    if (calendars.size >= MAX_CALENDARS) calendars.delete(calendars.keys().next().value!)
    calendars.set(name, (calendar = createCalendar(zone, per)))
  }
  return calendar
}

function createCalendar(zone: string, per: Exclude<CapPeriod, 'ever'>): PeriodCalendar {
  const spansByDay = new Map<number, Span[]>()
  const spanAt = (at: number): Span => {
    const local = DateTime.fromMillis(at, { zone }).startOf(per)
    const key = local.toMillis()
    // The next period's start, normalised the same way. The local date never runs backwards, so if the
    // instant before it still has our key, every instant from `at` up to it has; else cache `at` alone.
    // (`key` can lie after `at` where a DST change repeats local midnight.)
    const next = local
      .plus({ [per]: 1 })
      .startOf(per)
      .toMillis()
    const to = localPeriodStart(next - 1, per, zone) === key ? next : at + 1
    return { from: Math.min(at, key), to, key }
  }
  // A lead's touchpoints come in time order, so the period asked last is the likeliest next.
  let last: Span = { from: 0, to: 0, key: 0 }
  return {
    keyOf(at) {
      if (last.from <= at && at < last.to) return last.key
      const day = Math.floor(at / DAY_MS)
      let spans = spansByDay.get(day)
      if (spans) {
        for (const span of spans) if (span.from <= at && at < span.to) return (last = span).key
      } else {
        if (spansByDay.size >= MAX_DAYS_PER_CALENDAR) spansByDay.delete(spansByDay.keys().next().value!)
        spansByDay.set(day, (spans = []))
      }
      const span = spanAt(at)
      // More than a few periods in one UTC day only happens with single-instant spans (see spanAt).
      if (spans.length < 8) spans.push(span)
      return (last = span).key
    },
  }
}
