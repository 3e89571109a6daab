// Business time: opening hours on working days in one time zone, minus holidays. All arithmetic runs on
// epoch milliseconds of each day's opening and closing instant, so a DST switch, a weekend or a holiday
// needs no special case: an hour of business time is always 3,600,000 ms of real time.
import { DateTime } from 'luxon'
import type { AgreementDocument } from '../agreement/agreement-document.ts'
import { compileHolidayRules, type HolidayDates } from './holiday-dates.ts'

export type BusinessHours = NonNullable<AgreementDocument['sla']>['businessHours']

export type BusinessCalendar = {
  timezone: string
  /** The state whose public holidays apply, or undefined for nationwide ones or fixed dates. */
  region: string | undefined
  /** Whether `at` lies inside opening hours: [start, end) on a working day that is no holiday. */
  isBusinessTime: (at: number) => boolean
  /** `at` itself when open, otherwise the next instant the business opens. */
  nextOpening: (at: number) => number
  /** The instant when `hours` business hours have elapsed since `start` (which rolls to the next opening). */
  addBusinessHours: (start: number, hours: number) => number
  /** Business time elapsed from `from` to `to` in ms; negative when `to` lies before `from`. */
  businessMsBetween: (from: number, to: number) => number
  /** The same hours with another state's public holidays (`BY`, `DE-NW`); undefined: the agreement's region. */
  holidaysFor: (region: string | undefined) => BusinessCalendar
}

const HOUR_MS = 3_600_000
const WEEKDAYS = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const
// Guards the day walks: even a closed-everywhere calendar must not loop forever.
const MAX_CLOSED_DAYS = 3_660

/**
 * One local year by day (index = ordinal - 1): each day's local midnight (plus the next year's first, so
 * `starts` is one longer), its opening and closing instants, NaN on closed days.
 */
type YearTable = { starts: Float64Array; opens: Float64Array; closes: Float64Array }

/**
 * Compiles `sla.businessHours` once; year tables (opening instants per day) are built lazily and cached per
 * region, so evaluation is array lookups.
 * @example
 * const calendar = compileBusinessCalendar({ timezone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'],
 *   start: '08:00', end: '18:00', holidays: { country: 'DE' } })
 * calendar.holidaysFor('BY').addBusinessHours(assignedAt, 8) // the SLA deadline for a Bavarian rep
 */
export function compileBusinessCalendar(hours: BusinessHours): BusinessCalendar {
  if (!DateTime.fromMillis(0, { zone: hours.timezone }).isValid)
    throw new Error(`unknown time zone ${hours.timezone}`)
  const [startHour, startMinute] = clock(hours.start)
  const [endHour, endMinute] = clock(hours.end)
  if (endHour * 60 + endMinute <= startHour * 60 + startMinute)
    throw new Error(`business hours must end after they start (${hours.start}–${hours.end})`)
  const workdays = new Set<number>(hours.days.map((day) => WEEKDAYS[day]))
  const rules = compileHolidayRules(hours.holidays)
  const byRegion = new Map<string, BusinessCalendar>()

  const buildYear = (year: number, holidays: HolidayDates): YearTable => {
    const closed = holidays(year)
    const first = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: hours.timezone })
    const length = first.daysInYear
    const starts = new Float64Array(length + 1)
    const opens = new Float64Array(length).fill(NaN)
    const closes = new Float64Array(length).fill(NaN)
    starts[length] = first.plus({ years: 1 }).toMillis()
    for (let index = 0; index < length; index++) {
      const day = first.plus({ days: index })
      starts[index] = day.toMillis()
      if (!workdays.has(day.weekday) || closed.has(day.toISODate() ?? '')) continue
      // Wall-clock times, converted per day: the UTC offset of 08:00 differs between winter and summer.
      opens[index] = day.set({ hour: startHour, minute: startMinute }).toMillis()
      closes[index] = day.set({ hour: endHour, minute: endMinute }).toMillis()
    }
    return { starts, opens, closes }
  }

  const calendarFor = (region: string | undefined): BusinessCalendar => {
    const holidays = rules.datesFor(region)
    const years = new Map<number, YearTable>()
    const yearTable = (year: number) => {
      let table = years.get(year)
      if (!table) years.set(year, (table = buildYear(year, holidays)))
      return table
    }
    // Finds the local day of `at` by binary search in the cached tables instead of asking luxon per call;
    // the local year differs from the UTC year by at most a day's offset around New Year.
    const localDay = (at: number): [year: number, index: number] => {
      let year = new Date(at).getUTCFullYear()
      let table = yearTable(year)
      while (at < table.starts[0]!) table = yearTable(--year)
      while (at >= table.starts[table.opens.length]!) table = yearTable(++year)
      let low = 0
      let high = table.opens.length - 1
      while (low < high) {
        const middle = (low + high + 1) >> 1
        if (table.starts[middle]! <= at) low = middle
        else high = middle - 1
      }
      return [year, low]
    }
    // The opening windows [open, close) of the working days from the local day of `at` on.
    function* windows(at: number): Generator<[number, number]> {
      let [year, index] = localDay(at)
      let closedDays = 0
      for (;;) {
        const table = yearTable(year)
        for (; index < table.opens.length; index++) {
          const open = table.opens[index]!
          if (Number.isNaN(open)) {
            if (++closedDays > MAX_CLOSED_DAYS) throw new Error('business calendar has no opening hours')
            continue
          }
          closedDays = 0
          yield [open, table.closes[index]!]
        }
        year++
        index = 0
      }
    }
    const nextOpening = (at: number) => {
      for (const [open, close] of windows(at)) if (close > at) return Math.max(open, at)
      throw new Error('unreachable')
    }
    const addBusinessHours = (start: number, businessHours: number) => {
      if (!(businessHours >= 0)) throw new Error(`business hours must not be negative: ${businessHours}`)
      let remaining = Math.round(businessHours * HOUR_MS)
      for (const [open, close] of windows(start)) {
        if (close <= start) continue
        const from = Math.max(open, start)
        // `<=`: a deadline that falls exactly on closing time is that evening, not the next morning.
        if (remaining <= close - from) return from + remaining
        remaining -= close - from
      }
      throw new Error('unreachable')
    }
    const businessMsBetween = (from: number, to: number): number => {
      // `0 -`, not unary minus: an empty span is +0, never -0.
      if (to < from) return 0 - businessMsBetween(to, from)
      let total = 0
      for (const [open, close] of windows(from)) {
        if (open >= to) break
        total += Math.max(0, Math.min(close, to) - Math.max(open, from))
      }
      return total
    }
    return {
      timezone: hours.timezone,
      region,
      isBusinessTime: (at) => nextOpening(at) === at,
      nextOpening,
      addBusinessHours,
      businessMsBetween,
      holidaysFor,
    }
  }

  // Fixed holiday dates apply to everyone, so every region shares one calendar (and its cache).
  function holidaysFor(region: string | undefined): BusinessCalendar {
    const resolved = rules.resolveRegion(region)
    let calendar = byRegion.get(resolved ?? '')
    if (!calendar) byRegion.set(resolved ?? '', (calendar = calendarFor(resolved)))
    return calendar
  }
  return holidaysFor(undefined)
}

function clock(time: string): [number, number] {
  const [hour, minute] = time.split(':').map(Number)
  return [hour ?? 0, minute ?? 0]
}
