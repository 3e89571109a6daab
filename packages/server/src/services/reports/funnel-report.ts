// The funnel lead → MQL → SAL → SQL → opportunity → customer, two ways. Flow: the stage entries
// recorded in the period (each count equals the stored transitions into that stage with `at` in the
// period). Cohort: the leads created in the period (their first transition), how many reached each
// stage or a later one by now, and the median days from creation until they did.
import { sql, type Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../db/tables.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import {
  daysBetween,
  percentile,
  rate,
  rounded,
  transitionFilters,
  type FunnelView,
  type ReportFilters,
  type ReportGrouping,
  type ReportPeriod,
  type ResolvedRequest,
} from './report-request.ts'
import { groupKey, milestoneFilters, milestoneGroupKey } from './report-groups.ts'
import { changeLink, cohortLink, type LeadLink, type LinkGroup } from './report-links.ts'

export const FUNNEL_STAGES = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'] as const
export type FunnelStageName = (typeof FUNNEL_STAGES)[number]

export type FunnelStage = {
  stage: FunnelStageName
  /** flow: transitions into the stage in the period; cohort: leads that reached it or a later stage */
  entered: number
  /** entered / the previous stage's entered; null for the first stage or when that is 0 */
  conversionFromPrevious: number | null
  /** entered / the first stage's entered */
  conversionFromFirst: number | null
  /** cohort only (null in flow): median days from creation to reaching the stage */
  medianDays: number | null
  leads: LeadLink
}

/** Leaving the funnel: flow, entries into recycled and disqualified; cohort, leads that ever entered them. */
export type FunnelExits = { recycled: number; disqualified: number }

export type FunnelGroup = { key: string | null; stages: FunnelStage[]; exits: FunnelExits }

export type FunnelReport = {
  name: 'funnel'
  period: ReportPeriod
  view: FunnelView
  by: ReportGrouping | null
  filters: ReportFilters
  stages: FunnelStage[]
  exits: FunnelExits
  /** one per key of `by`, largest first; absent without `by` */
  groups?: FunnelGroup[]
  /** flow only: stage entries per week (Monday-based in the workspace's zone; the ends may be partial) */
  weeks?: Array<{ week: string; entered: Record<FunnelStageName, number> }>
}

type Counts = Map<string, number>
type Medians = Map<string, number | null>

export async function funnelReport(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
): Promise<FunnelReport> {
  // One read of the period's rows gives the totals and the groups (GROUPING SETS); the flow's totals are
  // the sums of its weeks.
  const { total, groups, weekly } =
    request.view === 'flow'
      ? await flowFigures(db, workspaceId, request)
      : await cohortFigures(db, workspaceId, request)
  const report: FunnelReport = {
    name: 'funnel',
    period: request.period,
    view: request.view,
    by: request.by,
    filters: request.filters,
    stages: funnelStages(total, request),
    exits: exitsOf(total.counts),
  }
  if (request.by !== null) {
    const by = request.by
    report.groups = [...groups.entries()]
      .map(([key, figures]) => ({
        key,
        stages: funnelStages(figures, request, { by, key }),
        exits: exitsOf(figures.counts),
      }))
      .sort((a, b) => b.stages[0]!.entered - a.stages[0]!.entered || compareKeys(a.key, b.key))
  }
  if (weekly) report.weeks = weeksOf(weekly)
  return report
}

type FunnelFigures = { total: Figures; groups: Map<string | null, Figures>; weekly?: WeekRow[] }

type Figures = { counts: Counts; medians: Medians }
const emptyFigures = (): Figures => ({ counts: new Map(), medians: new Map() })

function funnelStages(figures: Figures, request: ResolvedRequest, group?: LinkGroup): FunnelStage[] {
  const first = figures.counts.get('lead') ?? 0
  return FUNNEL_STAGES.map((stage, index) => {
    const entered = figures.counts.get(stage) ?? 0
    const previous = index === 0 ? null : (figures.counts.get(FUNNEL_STAGES[index - 1]!) ?? 0)
    return {
      stage,
      entered,
      conversionFromPrevious: previous === null ? null : rate(entered, previous),
      conversionFromFirst: index === 0 ? null : rate(entered, first),
      medianDays: figures.medians.get(stage) ?? null,
      leads:
        request.view === 'cohort'
          ? cohortLink(request, laterStages(stage), group)
          : changeLink(request, { stages: [stage] }, group),
    }
  })
}

/** The stage and the funnel stages after it: the leads that "reached it or a later one". */
export function laterStages(stage: FunnelStageName): LeadStage[] {
  return FUNNEL_STAGES.slice(FUNNEL_STAGES.indexOf(stage))
}

function exitsOf(counts: Counts): FunnelExits {
  return { recycled: counts.get('recycled') ?? 0, disqualified: counts.get('disqualified') ?? 0 }
}

function compareKeys(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b)
}

type WeekRow = { week: string; stage: string; entered: number }

/**
 * Transitions into each stage (all of them, exits included) in the period: per week and, with a
 * grouping, per group key (null: the lead has no value).
 */
async function flowFigures(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
): Promise<FunnelFigures> {
  const by = request.by
  // Weeks start on Monday in the workspace's zone. Their first instants are computed here and each
  // transition is put in its week by a binary search (width_bucket) instead of converting every
  // instant to local time in SQL (2.1 s against 0.5 s over 2,000,000 transitions).
  const starts = weekStarts(request)
  const inPeriod = sql`t.workspace_id = ${workspaceId} and t.at >= ${request.start} and t.at < ${request.end}
    ${transitionFilters('t', request.filters)}`
  const { rows } = await sql<{ bucket: number; stage: string; entered: number }>`
    select width_bucket(t.at, ${starts.map((start) => start.toISOString())}::timestamptz[]) as bucket,
      t.to_stage as stage, count(*)::int as entered
    from transitions t where ${inPeriod} group by 1, 2`.execute(db)
  // Bucket i holds the instants from starts[i - 1] on; the period lies within the first and last start.
  const label = (bucket: number) =>
    DateTime.fromJSDate(starts[bucket - 1]!, { zone: request.period.timezone }).toISODate()!
  const weekly = rows
    .map((row) => ({ week: label(Number(row.bucket)), stage: row.stage, entered: Number(row.entered) }))
    .sort((a, b) => a.week.localeCompare(b.week))
  // A second read for the groups: as GROUPING SETS beside the weeks it took longer than apart (the
  // weeks read an index alone, the groups the rows).
  const groups = new Map<string | null, Figures>()
  if (by !== null) {
    const grouped = await sql<{ key: string | null; stage: string; entered: number }>`
      select ${groupKey(by, 't')} as key, t.to_stage as stage, count(*)::int as entered
      from transitions t
      where ${inPeriod}
      group by 1, 2`.execute(db)
    for (const row of grouped.rows) {
      const figures = groups.get(row.key) ?? emptyFigures()
      figures.counts.set(row.stage, Number(row.entered))
      groups.set(row.key, figures)
    }
  }
  return { total: totalsOf(weekly), groups, weekly }
}

/** The first instant of every week the period touches, and of the week after it. */
function weekStarts(request: ResolvedRequest): Date[] {
  const zone = request.period.timezone
  const starts: Date[] = []
  for (
    let week = DateTime.fromJSDate(request.start, { zone }).startOf('week');
    starts.length === 0 || starts.at(-1)! < request.end;
    week = week.plus({ weeks: 1 })
  )
    starts.push(week.toJSDate())
  return starts
}

function totalsOf(rows: WeekRow[]): Figures {
  const figures = emptyFigures()
  for (const row of rows) {
    figures.counts.set(row.stage, (figures.counts.get(row.stage) ?? 0) + Number(row.entered))
  }
  return figures
}

function weeksOf(rows: WeekRow[]) {
  const weeks = new Map<string, Record<FunnelStageName, number>>()
  for (const row of rows) {
    const entered =
      weeks.get(row.week) ??
      (Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, 0])) as Record<FunnelStageName, number>)
    if ((FUNNEL_STAGES as readonly string[]).includes(row.stage)) {
      entered[row.stage as FunnelStageName] = Number(row.entered)
    }
    weeks.set(row.week, entered)
  }
  // A week with only exits (recycled, disqualified) has no funnel entries to show.
  return [...weeks.entries()]
    .filter(([, entered]) => Object.values(entered).some((count) => count > 0))
    .map(([week, entered]) => ({ week, entered }))
}

/**
 * The leads created in the period, with when each reached each funnel stage (or a later one) by now:
 * one row per lead from the reports' read model (lead_milestones, migration 0026). Grouped and filtered
 * by what the lead's first transition recorded (source, lane, version), but by its current owner: a
 * lead has none when it is created.
 */
export function cohortLeadsSql(workspaceId: string, request: ResolvedRequest, by: ReportGrouping | null) {
  const key = by === null ? sql`null::text` : milestoneGroupKey(by, 'm')
  return sql<CohortLead>`
    select m.lead_id, ${key} as key, m.created_at, m.mql_at, m.sal_at, m.sql_at, m.opportunity_at,
      m.customer_at, m.recycled, m.disqualified, m.won_amount
    from lead_milestones m
    where m.workspace_id = ${workspaceId} and m.created_at >= ${request.start} and m.created_at < ${request.end}
      ${milestoneFilters('m', request.filters)}`
}

export type CohortLead = {
  lead_id: string
  key: string | null
  created_at: Date
  mql_at: Date | null
  sal_at: Date | null
  sql_at: Date | null
  opportunity_at: Date | null
  customer_at: Date | null
  recycled: boolean
  disqualified: boolean
  /** the deal's amount, for customers */
  won_amount: string | null
}

async function cohortFigures(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
): Promise<FunnelFigures> {
  const by = request.by
  const days = (stage: Exclude<FunnelStageName, 'lead'>) =>
    percentile(0.5, daysBetween(sql`created_at`, sql.ref(`${stage}_at`)), sql.ref(`${stage}_at`))
  const { rows } = await sql<Record<string, number | string | null>>`
    with per_lead as (${cohortLeadsSql(workspaceId, request, by)})
    select key, ${by === null ? sql`1` : sql`grouping(key)`} as total,
      count(*)::int as lead, count(mql_at)::int as mql, count(sal_at)::int as sal,
      count(sql_at)::int as sql, count(opportunity_at)::int as opportunity, count(customer_at)::int as customer,
      count(*) filter (where recycled)::int as recycled, count(*) filter (where disqualified)::int as disqualified,
      ${days('mql')} as mql_days, ${days('sal')} as sal_days, ${days('sql')} as sql_days,
      ${days('opportunity')} as opportunity_days, ${days('customer')} as customer_days
    from per_lead group by ${by === null ? sql`key` : sql`grouping sets ((key), ())`}`.execute(db)
  let total = emptyFigures()
  const groups = new Map<string | null, Figures>()
  for (const row of rows) {
    const figures = emptyFigures()
    for (const stage of [...FUNNEL_STAGES, 'recycled', 'disqualified']) {
      figures.counts.set(stage, Number(row[stage]))
    }
    for (const stage of FUNNEL_STAGES.slice(1)) figures.medians.set(stage, rounded(row[`${stage}_days`]))
    // Created in the period: 0 days to become a lead, by definition.
    figures.medians.set('lead', Number(row.lead) > 0 ? 0 : null)
    if (Number(row.total) === 1) total = figures
    else groups.set((row.key as string | null) ?? null, figures)
  }
  return { total, groups }
}
