// RFC 3339 full-dates, checked against the calendar. V8's Date.parse rolls "2026-02-30" over to 2 March
// instead of refusing it, so no date a client sends may be judged by Date.parse alone.

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** Gregorian leap years: every fourth, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

/**
 * An RFC 3339 full-date (YYYY-MM-DD) that names a real day: months 01–12, days up to the month's length,
 * 29 February only in leap years.
 * @example isCalendarDate('2024-02-29') // true
 * @example isCalendarDate('2026-02-30') // false
 */
export function isCalendarDate(text: string): boolean {
  const match = FULL_DATE.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12 || day < 1) return false
  const length = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!
  return day <= length
}
