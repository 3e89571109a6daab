// RFC 3339 date-times, checked field by field: every date-time the API takes goes through here, so
// "2026-02-30T10:00:00Z", hour 24, offset +24:00 and the leap second 23:59:60 are refused everywhere alike.
import { isCalendarDate } from './is-calendar-date.ts'

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/i
const DAY_MS = 86_400_000
// 400 Gregorian years are exactly 146,097 days; shifting by them keeps Date.UTC off its 1900+ mapping of years 0–99.
const FOUR_CENTURIES_MS = 146_097 * DAY_MS

/**
 * The epoch milliseconds of an RFC 3339 date-time that names a real instant, or undefined: the date must
 * exist, hours run 00–23, minutes and seconds 00–59 (no leap second), offsets stay within ±23:59.
 * Fractions beyond milliseconds are cut off, as Date.parse does, so both agree on every accepted text.
 * @example parseInstant('2026-03-01T10:00:00+01:00') // Date.UTC(2026, 2, 1, 9)
 * @example parseInstant('2026-02-30T10:00:00Z') // undefined
 */
export function parseInstant(text: string): number | undefined {
  const match = DATE_TIME.exec(text)
  if (!match || !isCalendarDate(text.slice(0, 10))) return undefined
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])]
  if (hour > 23 || minute > 59 || second > 59) return undefined
  let offsetMinutes = 0
  if (!match[8]) {
    const [offsetHours, offsetRest] = [Number(match[10]), Number(match[11])]
    if (offsetHours > 23 || offsetRest > 59) return undefined
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest)
  }
  // Digits, not float arithmetic: 0.29 * 1000 would round down to 289.
  const millisecond = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3))
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const local = Date.UTC(year + 400, month - 1, day, hour, minute, second, millisecond) - FOUR_CENTURIES_MS
  return local - offsetMinutes * 60_000
}

/** An RFC 3339 date-time that also names a real instant (see parseInstant). */
export function isInstant(text: string): boolean {
  return parseInstant(text) !== undefined
}
