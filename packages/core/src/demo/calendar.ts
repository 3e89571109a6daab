// Europe/Berlin wall-clock time without a time-zone library: demo events must land in German
// business hours across DST changes, and the core stays dependency-free and fast at 100,000 leads.
import type { Random } from './random.ts'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

const dstCache = new Map<number, readonly [number, number]>()

function lastSundayUtc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0)
  return lastDay - new Date(lastDay).getUTCDay() * DAY
}

/** Offset of Europe/Berlin from UTC at a UTC instant (EU rule: summer time from the last Sunday of March to the last of October, 01:00 UTC). */
export function berlinOffset(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear()
  let summer = dstCache.get(year)
  if (summer === undefined) {
    summer = [lastSundayUtc(year, 2) + HOUR, lastSundayUtc(year, 9) + HOUR]
    dstCache.set(year, summer)
  }
  return utcMs >= summer[0] && utcMs < summer[1] ? 2 * HOUR : HOUR
}

/** Days since 1970-01-01 on the Berlin calendar. */
export function berlinDay(utcMs: number): number {
  return Math.floor((utcMs + berlinOffset(utcMs)) / DAY)
}

/** UTC instant of a Berlin wall-clock time (local day number + minutes after midnight). */
export function berlinToUtc(day: number, minuteOfDay: number): number {
  const local = day * DAY + minuteOfDay * MINUTE
  const winter = local - HOUR
  return berlinOffset(winter) === HOUR ? winter : local - 2 * HOUR
}

/** 0 = Sunday … 6 = Saturday (day 0 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

export type Habits = { evening: number; weekend: number }

export const OFFICE_HABITS: Habits = { evening: 0.1, weekend: 0.2 }
export const PRIVATE_HABITS: Habits = { evening: 0.35, weekend: 0.45 }

const OFFICE_HOURS = { 8: 6, 9: 12, 10: 13, 11: 11, 12: 5, 13: 9, 14: 12, 15: 11, 16: 9, 17: 5 }

/** A minute of the day: office hours mostly, with some early birds and evening readers. */
export function minuteOfDay(random: Random, habits: Habits): number {
  const roll = random.next()
  const hour =
    roll < habits.evening
      ? random.int(18, 22)
      : roll < habits.evening + 0.03
        ? random.int(6, 7)
        : Number(random.weighted(OFFICE_HOURS))
  return hour * 60 + random.int(0, 59)
}

/**
 * Moves a weekend day into the next week unless this person works weekends. Spread over Monday to
 * Thursday, not all onto Monday, which would leave a visible Monday spike in every report.
 */
export function workday(random: Random, day: number, habits: Habits): number {
  const dow = weekday(day)
  if ((dow === 0 || dow === 6) && !random.chance(habits.weekend))
    return day + (dow === 6 ? 2 : 1) + random.int(0, 3)
  return day
}

/** Quieter weeks: summer holidays in August and the turn of the year. */
export function isHolidaySeason(day: number): boolean {
  const date = new Date(day * DAY)
  const month = date.getUTCMonth()
  const dayOfMonth = date.getUTCDate()
  return month === 7 || (month === 11 && dayOfMonth >= 20) || (month === 0 && dayOfMonth <= 6)
}

type Fair = readonly [name: string, month: number, day: number, days: number]

/** Approximate dates of the fairs where the vendor exhibits (badge scans become leads). */
const FAIRS: readonly Fair[] = [
  ['LogiMAT Stuttgart', 2, 10, 3],
  ['Hannover Messe', 3, 20, 5],
  ['automatica München', 5, 24, 4],
  ['EMO Hannover', 8, 22, 6],
  ['Motek Stuttgart', 9, 7, 4],
  ['Fakuma Friedrichshafen', 9, 14, 5],
  ['SPS Nürnberg', 10, 25, 3],
]

export type FairDay = { name: string; day: number }

/** Every fair day (Berlin day numbers) between the two instants. */
export function fairDaysBetween(startMs: number, endMs: number): FairDay[] {
  const first = berlinDay(startMs)
  const last = berlinDay(endMs)
  const result: FairDay[] = []
  for (let year = new Date(startMs).getUTCFullYear(); year <= new Date(endMs).getUTCFullYear(); year++) {
    for (const [name, month, dayOfMonth, days] of FAIRS) {
      const opening = Date.UTC(year, month, dayOfMonth) / DAY
      for (let offset = 0; offset < days; offset++) {
        const day = opening + offset
        if (day >= first && day <= last) result.push({ name, day })
      }
    }
  }
  return result
}
