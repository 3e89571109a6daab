// A report's view lives in the URL, named as the API names it, so a copied link opens the same report.
// The period is a quick choice (the last 30, 90 or 365 days, today included) or a custom from/to;
// values the API would refuse are dropped when read, so a mangled link still opens a report.
// Spelled out with .d.ts: the node test of this file type-checks it under nodenext resolution.
import type { paths } from '../../api/openapi.d.ts'

type ReportOperation = paths['/api/v1/reports/{name}']['get']
export type ReportName = ReportOperation['parameters']['path']['name']
export type ReportApiQuery = NonNullable<ReportOperation['parameters']['query']>
export type Report = ReportOperation['responses'][200]['content']['application/json']
export type ReportOf<Name extends ReportName> = Extract<Report, { name: Name }>

export const REPORT_NAMES: readonly ReportName[] = [
  'funnel',
  'velocity',
  'sla',
  'reasons',
  'calibration',
  'sources',
]
export const GROUPINGS = ['source', 'lane', 'campaign', 'version', 'owner'] as const
export type Grouping = (typeof GROUPINGS)[number]
/** The groupings each report can split by (the API refuses the others with 422 `by`). */
export const GROUPINGS_OF: Readonly<Record<ReportName, readonly Grouping[]>> = {
  funnel: GROUPINGS,
  reasons: ['source', 'version'],
  velocity: [],
  sla: [],
  calibration: [],
  sources: [],
}
export const QUICK_PERIODS = [30, 90, 365] as const
export type QuickPeriod = (typeof QUICK_PERIODS)[number]
/** Without a choice: the API's own default, the last 90 days. */
export const DEFAULT_PERIOD: QuickPeriod = 90

export type ReportPeriod = { days: QuickPeriod } | { from: string; to: string }

export type ReportFilters = {
  period: ReportPeriod
  by?: Grouping
  version?: number
  source?: string
  owner?: string
  /** the funnel only: transitions in the period (flow, the default) or the leads created in it */
  view?: 'cohort'
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isReportName(name: string | undefined): name is ReportName {
  return REPORT_NAMES.includes(name as ReportName)
}

/** A calendar day that exists (2026-02-30 does not). */
export function isCalendarDay(value: string | null | undefined): value is string {
  if (!value || !ISO_DATE.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/** The period a link asks for: its own days when both are real and in order, else a quick choice. */
export function readReportPeriod(params: URLSearchParams): ReportPeriod {
  const from = params.get('from')
  const to = params.get('to')
  const days = Number(params.get('days'))
  return isCalendarDay(from) && isCalendarDay(to) && from <= to
    ? { from, to }
    : { days: QUICK_PERIODS.includes(days as QuickPeriod) ? (days as QuickPeriod) : DEFAULT_PERIOD }
}

export function readReportFilters(name: ReportName, params: URLSearchParams): ReportFilters {
  const period = readReportPeriod(params)
  const by = params.get('by') as Grouping
  const version = Number(params.get('version'))
  const source = params.get('source')?.trim()
  const owner = params.get('owner') ?? ''
  return {
    period,
    ...(GROUPINGS_OF[name].includes(by) ? { by } : {}),
    ...(Number.isInteger(version) && version >= 1 ? { version } : {}),
    ...(source && source.length <= 64 ? { source } : {}),
    ...(UUID.test(owner) ? { owner } : {}),
    ...(name === 'funnel' && params.get('view') === 'cohort' ? { view: 'cohort' as const } : {}),
  }
}

export function writeReportFilters(filters: ReportFilters): URLSearchParams {
  const params = new URLSearchParams()
  if ('from' in filters.period) {
    params.set('from', filters.period.from)
    params.set('to', filters.period.to)
  } else if (filters.period.days !== DEFAULT_PERIOD) {
    params.set('days', String(filters.period.days))
  }
  for (const key of ['view', 'by', 'version', 'source', 'owner'] as const) {
    const value = filters[key]
    if (value !== undefined) params.set(key, String(value))
  }
  return params
}

/** The day `days` days after `date` (both YYYY-MM-DD; negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Today in a time zone, YYYY-MM-DD: the workspace's day, in which the reports count. */
export function todayIn(timeZone: string, now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .slice(0, 10)
}

/** The period as whole days: a quick choice ends today and includes it. */
export function periodDays(period: ReportPeriod, today: string): { from: string; to: string } {
  return 'from' in period ? period : { from: addDays(today, 1 - period.days), to: today }
}

/** The API's query for the filters, with the period spelled out, so the screen and a CSV agree. */
export function reportApiQuery(filters: ReportFilters, today: string): ReportApiQuery {
  const { from, to } = periodDays(filters.period, today)
  return {
    from,
    to,
    ...(filters.view ? { view: filters.view } : {}),
    ...(filters.by ? { by: filters.by } : {}),
    ...(filters.version === undefined ? {} : { version: filters.version }),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
  }
}

/** The report's main table as CSV, for the same query the screen shows. */
export function reportCsvUrl(name: ReportName, query: ReportApiQuery): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value))
  }
  params.set('format', 'csv')
  return `/api/v1/reports/${name}?${params.toString()}`
}
