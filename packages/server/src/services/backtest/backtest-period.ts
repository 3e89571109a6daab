// The period a backtest covers, checked where people type it: the core's periodBounds takes a bad period
// for a programmer's mistake, so what reaches it here has been turned into a 4xx first.
import { DateTime } from 'luxon'
import { DomainError } from '#core/errors.ts'
import { isCalendarDate } from '#core/util/is-calendar-date.ts'
import type { BacktestPeriod } from '#core/backtest/backtest-weeks.ts'

/** Longer periods replay more history than a backtest job should hold a worker for. */
export const MAX_PERIOD_YEARS = 5
/** Without a period: the last 365 days, today included. */
const DEFAULT_DAYS = 365

/**
 * The period asked for; a missing `to` is today in `timezone`, a missing `from` 365 days up to `to`.
 * @throws DomainError BACKTEST_PERIOD_INVALID (not a date, or `to` before `from`), BACKTEST_PERIOD_TOO_LONG
 */
export function resolveBacktestPeriod(
  asked: { from?: string; to?: string } | undefined,
  timezone: string,
  now: Date,
): BacktestPeriod {
  const to = asked?.to ?? DateTime.fromJSDate(now, { zone: timezone }).toISODate()!
  expectDate(to, 'to')
  const from =
    asked?.from ??
    DateTime.fromISO(to)
      .minus({ days: DEFAULT_DAYS - 1 })
      .toISODate()!
  expectDate(from, 'from')
  return checkedPeriod({ from, to }, timezone)
}

function expectDate(value: unknown, field: 'from' | 'to'): void {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new DomainError('BACKTEST_PERIOD_INVALID', `period.${field} must be a date (YYYY-MM-DD).`, {
      field: `period.${field}`,
    })
  }
}

function checkedPeriod(asked: { from: string; to: string }, timezone: string): BacktestPeriod {
  if (asked.to < asked.from) {
    throw new DomainError(
      'BACKTEST_PERIOD_INVALID',
      `The period is empty: period.to (${asked.to}) is before period.from (${asked.from}).`,
      { field: 'period.to' },
    )
  }
  const latestEnd = DateTime.fromISO(asked.from).plus({ years: MAX_PERIOD_YEARS }).minus({ days: 1 })
  if (asked.to > latestEnd.toISODate()!) {
    throw new DomainError(
      'BACKTEST_PERIOD_TOO_LONG',
      `A backtest covers at most ${MAX_PERIOD_YEARS} years: period.to may be ${latestEnd.toISODate()} at the latest.`,
      { field: 'period.to', maxYears: MAX_PERIOD_YEARS },
    )
  }
  return { from: asked.from, to: asked.to, timezone }
}
