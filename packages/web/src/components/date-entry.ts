// Calendar dates as the UI's language writes them (04.03.2026, 04/03/2026), to and from the YYYY-MM-DD
// that forms and the API use. Browsers show <input type="date"> in the browser's language and ignore
// the page's, so date fields are text fields that use these.
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

type Part = 'day' | 'month' | 'year'

function numericDate(locale: string) {
  return new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/** The order in which `locale` writes day, month and year. */
export function dateOrder(locale: string): Part[] {
  return numericDate(locale)
    .formatToParts(0)
    .map((part) => part.type)
    .filter((type): type is Part => type === 'day' || type === 'month' || type === 'year')
}

/** A YYYY-MM-DD date as `locale` writes it with digits: 04.03.2026 in German. */
export function formatDateEntry(iso: string, locale: string): string {
  const [year, month, day] = iso.split('-').map(Number)
  return numericDate(locale).format(Date.UTC(year!, month! - 1, day!))
}

/**
 * The YYYY-MM-DD of a date typed in `locale`'s order, or undefined when it is no date. Any separators
 * go, as do one-digit days and months, two-digit years (20xx), eight digits without separators, and
 * YYYY-MM-DD itself.
 */
export function parseDateEntry(text: string, locale: string): string | undefined {
  const trimmed = text.trim()
  const order = dateOrder(locale)
  let groups: string[]
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(trimmed)) {
    const [year, month, day] = trimmed.split('-')
    groups = order.map((part) => ({ year, month, day })[part]!)
  } else if (/^\d{8}$/.test(trimmed)) {
    let at = 0
    groups = order.map((part) => trimmed.slice(at, (at += part === 'year' ? 4 : 2)))
  } else {
    groups = trimmed.split(/\D+/).filter(Boolean)
  }
  if (groups.length !== 3) return undefined
  const typed = Object.fromEntries(order.map((part, index) => [part, groups[index]!])) as Record<Part, string>
  if (typed.day.length > 2 || typed.month.length > 2) return undefined
  if (typed.year.length !== 2 && typed.year.length !== 4) return undefined
  const year = Number(typed.year) + (typed.year.length === 2 ? 2000 : 0)
  const month = Number(typed.month)
  const day = Number(typed.day)
  const date = new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 31.02. over into March; such a date was not meant.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined
  }
  return date.toISOString().slice(0, 10)
}
