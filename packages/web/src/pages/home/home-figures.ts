// The home pages' figures shaped from the API's answers: the pipeline link behind a number, the weekly
// MQLs beside the capacity, the SLA outcomes per rep, the rejection Pareto and the pipeline value per
// deal stage. Pure, so tested without a browser; the same rows feed each chart and the table beneath it.
// Spelled out with .d.ts: the node test of this file type-checks it under nodenext resolution.
import type { paths } from '../../api/openapi.d.ts'

export type Report = paths['/api/v1/reports/{name}']['get']['responses'][200]['content']['application/json']
export type ReportName = Report['name']
export type ReportOf<N extends ReportName> = Extract<Report, { name: N }>
export type FunnelReport = ReportOf<'funnel'>
export type FunnelStage = FunnelReport['stages'][number]
export type SlaReport = ReportOf<'sla'>
export type ReasonsReport = ReportOf<'reasons'>
export type DealBoard =
  paths['/api/v1/pipeline/deals']['get']['responses'][200]['content']['application/json']

/**
 * The pipeline list's query behind a report's number (a row's `leads.query`): today stage, source, lane
 * and owner; whatever else the API's links name later is passed on as it is.
 */
export type LeadListQuery = { readonly [parameter: string]: string | number | readonly string[] | undefined }

/** The pipeline list (/board) filtered as the report's link says; lists joined as the board reads them. */
export function boardHref(query: LeadListQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...query, ...extra })) {
    if (value === undefined || value === '') continue
    if (typeof value === 'object') {
      if (value.length > 0) params.set(key, value.join(','))
    } else params.set(key, String(value))
  }
  const search = params.toString()
  return search === '' ? '/board' : `/board?${search}`
}

/**
 * The period of `days` whole days ending today in `timeZone`, as the report API takes it (YYYY-MM-DD).
 * Today is the calendar day `now` falls on in that zone, as the server counts it.
 */
export function periodEndingToday(days: number, timeZone: string, now: Date): { from: string; to: string } {
  // en-CA writes dates as YYYY-MM-DD.
  const to = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now)
  const [year, month, day] = to.split('-').map(Number) as [number, number, number]
  const from = new Date(Date.UTC(year, month - 1, day - (days - 1))).toISOString().slice(0, 10)
  return { from, to }
}

export type WeekRow = {
  /** the Monday the week starts on, YYYY-MM-DD */
  week: string
  mqls: number
  /** MQLs sales can take a week; null when the agreement sets none */
  capacity: number | null
  /** days of the week inside the period (the first and last week may be partial) */
  days: number
}

/**
 * Every week of the period with its new MQLs (0 where the report lists none) and the capacity.
 * The report's weeks start on Mondays in the workspace's zone; calendar days are compared as dates.
 */
export function weeklyMqlRows(report: FunnelReport, capacity: number | null): WeekRow[] {
  const byWeek = new Map((report.weeks ?? []).map((week) => [week.week, week.entered.mql ?? 0]))
  const rows: WeekRow[] = []
  const last = dayNumber(report.period.to)
  const first = dayNumber(report.period.from)
  for (let monday = mondayOf(first); monday <= last; monday += 7) {
    const week = dateOf(monday)
    const days = Math.min(monday + 6, last) - Math.max(monday, first) + 1
    rows.push({ week, mqls: byWeek.get(week) ?? 0, capacity, days })
  }
  return rows
}

/**
 * A capacity more than three times the busiest week: drawn as a line, it would flatten the columns to
 * slivers, so the chart leaves it out and says it in words (as the backtest's chart zooms in).
 */
export function isCapacityFarAbove(rows: readonly WeekRow[]): boolean {
  const capacity = rows[0]?.capacity ?? null
  return capacity !== null && capacity > 3 * Math.max(0, ...rows.map((row) => row.mqls))
}

const DAY_MS = 86_400_000
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)
// 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
const mondayOf = (day: number) => day - ((day + 3) % 7)

export type SlaRow = SlaReport['reps'][number] & { name: string }

/** The reps with hand-offs, worst share in time first; named from the people list, else by e-mail. */
export function slaRows(report: SlaReport, names: ReadonlyMap<string, string>): SlaRow[] {
  return report.reps
    .filter((rep) => rep.handOffs > 0)
    .map((rep) => ({ ...rep, name: (rep.userId && names.get(rep.userId)) || rep.rep }))
    .toSorted((a, b) => (a.inTimeShare ?? 2) - (b.inTimeShare ?? 2) || b.handOffs - a.handOffs)
}

export type Acceptance = { accepted: number; rejected: number; share: number | null }

/**
 * Decisions in the period: acceptances are the flow funnel's entries into SAL, rejections the reasons
 * report's rejected MQLs; the share is accepted ÷ both, null when nobody decided.
 */
export function acceptanceOf(flow: FunnelReport, reasons: ReasonsReport): Acceptance {
  const accepted = flow.stages.find((stage) => stage.stage === 'sal')?.entered ?? 0
  const rejected = paretoOf(reasons, 'rejected').total
  const decided = accepted + rejected
  return { accepted, rejected, share: decided === 0 ? null : accepted / decided }
}

export type Pareto = ReasonsReport['paretos'][number]

/** One outcome's Pareto (most frequent reason first, as the API sorts it); empty when absent. */
export function paretoOf(report: ReasonsReport, outcome: Pareto['outcome']): Pareto {
  return (
    report.paretos.find((pareto) => pareto.outcome === outcome) ?? {
      outcome,
      total: 0,
      reasons: [],
      leads: { query: { entered: ['recycled', 'disqualified'] }, exact: false },
    }
  )
}

export type PipelineRow = {
  id: string
  label: DealBoard['columns'][number]['label']
  count: number
  /** the amount in the chart's currency */
  amount: number
  weighted: number | null
  /** every currency's total, for the table */
  totals: DealBoard['columns'][number]['totals']
}

/** The currency most of the pipeline is in (by the columns' summed amounts); EUR when there is none. */
export function mainCurrency(board: DealBoard): string {
  const sums = new Map<string, number>()
  for (const total of board.columns.flatMap((column) => column.totals)) {
    sums.set(total.currency, (sums.get(total.currency) ?? 0) + total.amount)
  }
  return [...sums.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'EUR'
}

/** The deal stages in the agreement's order with their value in `currency` (0 where none is in it). */
export function pipelineRows(board: DealBoard, currency: string): PipelineRow[] {
  return board.columns.map((column) => {
    const total = column.totals.find((entry) => entry.currency === currency)
    return {
      id: column.id,
      label: column.label,
      count: column.count,
      amount: total?.amount ?? 0,
      weighted: total ? total.weighted : null,
      totals: column.totals,
    }
  })
}
