// When a lead a rep works has gone quiet: no activity, decision or stage change for the agreement's
// `sla.staleAfterBusinessDays`, counted in the SLA's business time so weekends and holidays do not
// make every Monday's pipeline look neglected.
import type { AgreementDocument } from '../agreement/agreement-document.ts'
import type { BusinessCalendar } from './business-calendar.ts'

export const DEFAULT_STALE_AFTER_BUSINESS_DAYS = 5
const DAY_MS = 86_400_000

/** Business milliseconds in one working day of `sla.businessHours` (09:00–17:00 is 8 h). */
function businessDayMs(sla: NonNullable<AgreementDocument['sla']>): number {
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))
  return Math.max(1, minutes(sla.businessHours.end) - minutes(sla.businessHours.start)) * 60_000
}

/**
 * Whether a lead last worked at `lastWorkedAt` is stale at `now`. Without an SLA in the agreement the
 * days are calendar days.
 *
 * @example
 * isStale(sla, calendar, Date.parse('2026-07-01'), Date.now()) // true: untouched since July
 */
export function isStale(
  sla: AgreementDocument['sla'],
  calendar: BusinessCalendar | undefined,
  lastWorkedAt: number,
  now: number,
): boolean {
  const days = sla?.staleAfterBusinessDays ?? DEFAULT_STALE_AFTER_BUSINESS_DAYS
  if (!sla || !calendar) return now - lastWorkedAt >= days * DAY_MS
  return calendar.businessMsBetween(lastWorkedAt, now) >= days * businessDayMs(sla)
}
