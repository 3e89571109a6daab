// A backtest's period and its ISO weeks as the team sees them, in the workspace's time zone: an MQL at
// Monday 00:30 in Berlin is in the new week though UTC still says Sunday.
import { DateTime } from 'luxon'
import { periodCalendar } from '../scoring/cap-period.ts'
import { isCalendarDate } from '../util/is-calendar-date.ts'

/** Whole calendar days from `from` through `to` (both included, YYYY-MM-DD) in `timezone` (IANA). */
export type BacktestPeriod = { from: string; to: string; timezone: string }

/** The instants a period covers: `start` included, `end` (midnight after `to`) excluded. */
export type PeriodBounds = { start: number; end: number }

/** One ISO week of a period: its key, its Monday, and how many of its days lie in the period (1–7). */
export type PeriodWeek = { week: string; starts: string; days: number }

/**
 * The instants a period covers. The edge validates what people type; a period that gets here
 * invalid is a programmer's mistake and throws.
 * @example periodBounds({ from: '2026-01-01', to: '2026-01-31', timezone: 'Europe/Berlin' })
 * // { start: 2025-12-31T23:00Z, end: 2026-01-31T23:00Z } as epoch milliseconds
 */
export function periodBounds(period: BacktestPeriod): PeriodBounds {
  if (!isCalendarDate(period.from) || !isCalendarDate(period.to) || period.from > period.to) {
    throw new Error(`invalid backtest period ${period.from}..${period.to}`)
  }
  const start = localDay(period.from, period.timezone)
  return { start: start.toMillis(), end: localDay(period.to, period.timezone).plus({ days: 1 }).toMillis() }
}

export function isInPeriod(at: number, bounds: PeriodBounds): boolean {
  return at >= bounds.start && at < bounds.end
}

/**
 * The ISO week an instant falls in, seen in `zone`: week-numbering year and week, e.g. '2026-W01'
 * (which starts on Monday 29 December 2025).
 */
export function isoWeekOf(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat("kkkk-'W'WW")
}

/**
 * The start of the ISO week an instant falls in, seen in `zone`, as epoch milliseconds: equal for two
 * instants exactly when isoWeekOf is, without a luxon object per call (cap periods' cached calendar).
 */
export function isoWeekStartOf(at: number, zone: string): number {
  return periodCalendar(zone, 'week').keyOf(at)
}

/** The ISO weeks a period touches, oldest first; the first and last may be partial (`days` < 7). */
export function weeksOfPeriod(period: BacktestPeriod): PeriodWeek[] {
  const { start, end } = periodBounds(period)
  const zone = period.timezone
  const first = DateTime.fromMillis(start, { zone })
  const last = DateTime.fromMillis(end, { zone })
  const weeks: PeriodWeek[] = []
  for (let monday = first.startOf('week'); monday < last; monday = monday.plus({ weeks: 1 })) {
    const from = monday < first ? first : monday
    const next = monday.plus({ weeks: 1 })
    const to = next > last ? last : next
    // Calendar days, not 24-hour spans: a week with a DST change still has 7 days.
    const days = Math.round(to.diff(from, 'days').days)
    weeks.push({ week: monday.toFormat("kkkk-'W'WW"), starts: monday.toISODate()!, days })
  }
  return weeks
}

function localDay(date: string, zone: string): DateTime {
  const day = DateTime.fromISO(date, { zone })
  if (!day.isValid) throw new Error(`invalid backtest period ${date} in ${zone}: ${day.invalidExplanation}`)
  return day
}
