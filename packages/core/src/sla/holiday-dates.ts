// The days a business calendar is closed beyond its weekdays: a fixed list of dates, or the public holidays
// of a country and optionally one of its states (ISO 3166-2 subdivision, e.g. DE + BY).
import Holidays from 'date-holidays'
import type { AgreementDocument } from '../agreement/agreement-document.ts'

export type HolidaySetting = NonNullable<NonNullable<AgreementDocument['sla']>['businessHours']['holidays']>

/** Local ISO dates (`2026-12-25`) the calendar is closed in one year. */
export type HolidayDates = (year: number) => ReadonlySet<string>

export type HolidayRules = {
  /** The region the agreement names (upper case), or undefined for nationwide or fixed dates. */
  defaultRegion: string | undefined
  /** Whether a region override changes anything (only for country holidays). */
  regional: boolean
  /** The region that applies (upper case; undefined: the agreement's default); throws on an unknown one. */
  resolveRegion: (region: string | undefined) => string | undefined
  /** The closed dates for a region (undefined: the agreement's default), cached per region and year. */
  datesFor: (region: string | undefined) => HolidayDates
}

const NONE: ReadonlySet<string> = new Set()

/**
 * Compiles the agreement's `holidays` setting. Throws on an unknown country or region: a misspelt state
 * would otherwise silently drop its regional holidays (date-holidays falls back to the nationwide ones).
 * @example compileHolidayRules({ country: 'DE' }).datesFor('BY')(2026).has('2026-01-06') // true
 */
export function compileHolidayRules(setting: HolidaySetting | undefined): HolidayRules {
  const none = () => undefined
  if (setting === undefined)
    return { defaultRegion: undefined, regional: false, resolveRegion: none, datesFor: () => () => NONE }
  if (Array.isArray(setting)) {
    const byYear = new Map<number, Set<string>>()
    for (const date of setting) {
      const year = Number(date.slice(0, 4))
      byYear.set(year, (byYear.get(year) ?? new Set()).add(date))
    }
    const dates: HolidayDates = (year) => byYear.get(year) ?? NONE
    return { defaultRegion: undefined, regional: false, resolveRegion: none, datesFor: () => dates }
  }
  const country = setting.country.toUpperCase()
  if (!Object.hasOwn(new Holidays().getCountries(), country))
    throw new Error(`no public holidays known for country ${setting.country}`)
  const defaultRegion = normalizeRegion(country, setting.region)
  const byRegion = new Map<string, HolidayDates>()
  // Checking a region asks date-holidays for the country's states, a new instance each time: once per
  // region here, not once per deadline (the SLA report computes hundreds of thousands).
  const resolved = new Map<string, string | undefined>()
  const resolveRegion = (region: string | undefined) => {
    if (region === undefined) return defaultRegion
    if (!resolved.has(region)) resolved.set(region, normalizeRegion(country, region) ?? defaultRegion)
    return resolved.get(region)
  }
  return {
    defaultRegion,
    regional: true,
    resolveRegion,
    datesFor: (region) => {
      const key = resolveRegion(region) ?? ''
      let dates = byRegion.get(key)
      if (!dates) {
        dates = publicHolidays(country, key === '' ? undefined : key)
        byRegion.set(key, dates)
      }
      return dates
    },
  }
}

/** Whether date-holidays knows the region (`BY` or `DE-BY`) in the country; for validating a rep's state. */
export function isHolidayRegion(country: string, region: string): boolean {
  const states = new Holidays().getStates(country.toUpperCase()) ?? {}
  return Object.hasOwn(states, stripCountry(country.toUpperCase(), region))
}

function normalizeRegion(country: string, region: string | undefined): string | undefined {
  if (region === undefined || region.trim() === '') return undefined
  const code = stripCountry(country, region)
  if (!isHolidayRegion(country, code)) throw new Error(`unknown holiday region ${region} in ${country}`)
  return code
}

// Accepts both the subdivision code and the full ISO 3166-2 form (`DE-BY`).
function stripCountry(country: string, region: string): string {
  const code = region.trim().toUpperCase()
  return code.startsWith(`${country}-`) ? code.slice(country.length + 1) : code
}

function publicHolidays(country: string, region: string | undefined): HolidayDates {
  const source =
    region === undefined
      ? new Holidays(country, { types: ['public'] })
      : new Holidays(country, region, { types: ['public'] })
  const byYear = new Map<number, ReadonlySet<string>>()
  return (year) => {
    let dates = byYear.get(year)
    if (!dates) {
      // `date` is the local start date ("2026-12-25 00:00:00"); only the day matters here. Half-day
      // observances (24 and 31 December) are not `public`, so they stay business days.
      dates = new Set(source.getHolidays(year).map((holiday) => holiday.date.slice(0, 10)))
      byYear.set(year, dates)
    }
    return dates
  }
}
