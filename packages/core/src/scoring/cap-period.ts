import { DateTime } from 'luxon'
import type { CapPeriod } from '../agreement/agreement-document.ts'

/**
 * The calendar period a moment falls in, in the agreement's time zone: caps such as
 * "10 points per week" mean a Monday-to-Sunday week as the team in Berlin sees it.
 */
export function capPeriodKey(at: number, per: CapPeriod, zone: string): number {
  if (per === 'ever') return 0
  const local = DateTime.fromMillis(at, { zone })
  return local.startOf(per).toMillis()
}
