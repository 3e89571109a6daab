// The weekly chart's rows from a report: one row per ISO week of the period with both versions' MQLs,
// the real hand-offs and the capacity, and the week's label in the UI's locale. Pure, so tested without
// a browser; the same rows feed the chart and its table.
import type { BacktestReport } from './backtest-types.ts'

export type ChartRow = {
  /** ISO week key, e.g. 2026-W45 */
  week: string
  /** the week's Monday, YYYY-MM-DD */
  starts: string
  /** days of the week inside the period (1–7): the first and last week may be partial */
  days: number
  candidate: number
  baseline: number
  handOffs: number
  /** MQLs sales can take a week; null when the agreement sets no capacity */
  capacity: number | null
}

/** Rows in the period's week order; a week missing from one series counts 0 there. */
export function chartRowsOf(report: BacktestReport): ChartRow[] {
  const [candidate, baseline] = report.versions
  const count = (weeks: ReadonlyArray<{ week: string; mqls: number }>) =>
    new Map(weeks.map((week) => [week.week, week.mqls]))
  const candidateByWeek = count(candidate.mqlsPerWeek)
  const baselineByWeek = count(baseline.mqlsPerWeek)
  const handOffsByWeek = count(report.actual.handOffsPerWeek)
  // Every series covers the same weeks (weeksOfPeriod); the candidate's list gives their order.
  return candidate.mqlsPerWeek.map(({ week, starts, days }) => ({
    week,
    starts,
    days,
    candidate: candidateByWeek.get(week) ?? 0,
    baseline: baselineByWeek.get(week) ?? 0,
    handOffs: handOffsByWeek.get(week) ?? 0,
    capacity: report.capacityPerWeek,
  }))
}

/** A week's Monday for the axis, short: "02.11." in German, "2 Nov" in English. */
export function formatWeekTick(starts: string, locale: string): string {
  const german = locale.startsWith('de')
  return new Intl.DateTimeFormat(locale, {
    day: german ? '2-digit' : 'numeric',
    month: german ? '2-digit' : 'short',
    timeZone: 'UTC',
  }).format(dayOf(starts))
}

/** A calendar day (YYYY-MM-DD) in full: "02.11.2026" / "2 Nov 2026" (a week's Monday, a period's ends). */
export function formatCalendarDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(dayOf(date))
}

/** The week number of an ISO week key: "2026-W05" → 5. */
export function weekNumberOf(week: string): number {
  return Number(week.slice(week.indexOf('W') + 1))
}

/** The highest value the chart shows; with the capacity by default, so its line stays inside the chart. */
export function chartMaximum(
  rows: readonly ChartRow[],
  options: { capacity: boolean } = { capacity: true },
): number {
  return Math.max(
    0,
    ...rows.flatMap((row) => [
      row.candidate,
      row.baseline,
      row.handOffs,
      options.capacity ? (row.capacity ?? 0) : 0,
    ]),
  )
}

/**
 * Whether the capacity dwarfs the weekly counts (more than three times the highest), so that on its scale
 * the two versions' lines lie flat at the bottom and people need a zoom to compare them.
 */
export function isCapacityFarAbove(rows: readonly ChartRow[]): boolean {
  const capacity = rows[0]?.capacity ?? null
  return capacity !== null && capacity > 3 * chartMaximum(rows, { capacity: false })
}

function dayOf(date: string): Date {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year!, month! - 1, day!))
}
