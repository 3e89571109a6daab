// Score calibration: do higher scores convert better? The leads whose first MQL entry falls in the
// period, by the fit and engagement scores recorded on that transition (the score the first hand-off was
// decided on), in deciles and in the bands the agreement's MQL thresholds draw, with how many of each band
// reached SQL (or later) and customer after it. Good scores have rising bars. Read from the reports'
// per-lead rows (lead_milestones), which keep the first MQL entry and when SQL and customer were first
// reached: a lead that reached SQL before its first MQL and again after it is not counted as converted.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import { milestoneFilters } from './report-groups.ts'
import { firstMqlLink, type LeadLink } from './report-links.ts'
import type { ScoreRange } from '#core/util/score-range.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'
import {
  rate,
  rounded,
  type ReportFilters,
  type ReportPeriod,
  type ResolvedRequest,
} from './report-request.ts'

export type ScoreName = 'fit' | 'engagement'

export type ScoreBand = {
  /** decile 1–10 (cut at the scores' percentiles), or the threshold band's index from 0 (below the lowest threshold) */
  band: number
  /** scores in the band: deciles give the smallest and largest seen, thresholds the bounds (null: open) */
  min: number | null
  max: number | null
  leads: number
  sqls: number
  customers: number
  sqlRate: number | null
  customerRate: number | null
  /** the leads of the band */
  list: LeadLink
  /** of them, those that reached SQL (or later) and customer: the list holds some that did so before */
  sqlList: LeadLink
  customerList: LeadLink
}

export type ScoreCalibration = {
  score: ScoreName
  /** the agreement's MQL thresholds for this score, ascending (empty: it sets none) */
  thresholds: number[]
  deciles: ScoreBand[]
  bands: ScoreBand[]
}

export type CalibrationReport = {
  name: 'calibration'
  period: ReportPeriod
  filters: ReportFilters
  /** the version whose thresholds draw the bands: `version` if asked, else the active one */
  thresholdsVersion: number | null
  /** MQLs in the period (leads, each counted once) */
  leads: number
  scores: ScoreCalibration[]
}

type BandRow = {
  band: number
  min: number | null
  max: number | null
  leads: number
  sqls: number
  customers: number
}

export async function calibrationReport(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
): Promise<CalibrationReport> {
  const agreement =
    request.filters.version === null
      ? await agreementRepository.findActive(db, workspaceId)
      : await agreementRepository.find(db, workspaceId, request.filters.version)
  const mqlRules = (agreement?.document as { mql?: unknown } | undefined)?.mql
  const thresholds = { fit: thresholdsOf(mqlRules, 'fit'), engagement: thresholdsOf(mqlRules, 'engagement') }
  const rows = await bandsOf(db, workspaceId, request, thresholds)
  const of = (set: BandSet) => rows.filter((row) => row.set === set)
  // A decile holds the scores from its smallest to its largest, both seen; a threshold band those from
  // its lower threshold up to (not including) the next.
  const scores: ScoreCalibration[] = (['fit', 'engagement'] as const).map((score) => ({
    score,
    thresholds: thresholds[score],
    deciles: of(`${score}_decile`).map((row) => ({
      ...band(row),
      ...bandLists(request, score, {
        min: row.min,
        minInclusive: true,
        max: row.max,
        maxInclusive: true,
      }),
    })),
    bands: thresholdBands(of(`${score}_band`), thresholds[score]).map((scoreBand) => ({
      ...scoreBand,
      ...bandLists(request, score, {
        min: scoreBand.min,
        minInclusive: true,
        max: scoreBand.max,
        maxInclusive: false,
      }),
    })),
  }))
  const leads = of('fit_decile').reduce((sum, row) => sum + row.leads, 0)
  return {
    name: 'calibration',
    period: request.period,
    filters: request.filters,
    thresholdsVersion: agreement?.version ?? null,
    leads,
    scores,
  }
}

type Lists = 'list' | 'sqlList' | 'customerList'

function bandLists(request: ResolvedRequest, score: ScoreName, range: ScoreRange): Pick<ScoreBand, Lists> {
  const list = firstMqlLink(request, score, range)
  const reached = (stages: LeadStage[]): LeadLink => ({
    query: { ...list.query, entered: stages },
    exact: false,
  })
  return { list, sqlList: reached(['sql', 'opportunity', 'customer']), customerList: reached(['customer']) }
}

function band(row: BandRow): Omit<ScoreBand, Lists> {
  return {
    band: row.band,
    min: rounded(row.min),
    max: rounded(row.max),
    leads: row.leads,
    sqls: row.sqls,
    customers: row.customers,
    sqlRate: rate(row.sqls, row.leads),
    customerRate: rate(row.customers, row.leads),
  }
}

/** Every band the thresholds draw, empty ones included, so a chart shows the gaps. */
function thresholdBands(rows: BandRow[], thresholds: number[]): Array<Omit<ScoreBand, Lists>> {
  return [null, ...thresholds].map((lower, index) => {
    const row = rows.find((candidate) => candidate.band === index)
    return {
      ...band(row ?? { band: index, min: null, max: null, leads: 0, sqls: 0, customers: 0 }),
      min: lower,
      max: thresholds[index] ?? null,
    }
  })
}

/** The `gte`/`gt` bounds the MQL rules put on a score, wherever they sit in its any/all tree. */
export function thresholdsOf(rules: unknown, score: ScoreName): number[] {
  const found = new Set<number>()
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node === null || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    if (record.score === score) {
      for (const bound of [record.gte, record.gt]) if (typeof bound === 'number') found.add(bound)
    }
    Object.values(record).forEach(visit)
  }
  visit(rules)
  return [...found].sort((a, b) => a - b)
}

type BandSet = 'fit_decile' | 'fit_band' | 'engagement_decile' | 'engagement_band'

/**
 * The MQLs of the period in four sets of bands at once (deciles and threshold bands of each score): one
 * read of the per-lead rows, grouped four ways.
 */
async function bandsOf(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
  thresholds: Record<ScoreName, number[]>,
): Promise<Array<BandRow & { set: BandSet }>> {
  // A score's decile is 1 + the number of cuts below it (equal scores share the lower decile). As a
  // binary search: width_bucket counts the cuts at or below a value, so it is asked, of the negated
  // score, how many negated cuts lie at or below it (the cuts at or above the score).
  const decile = (score: ScoreName) =>
    sql`10 - width_bucket(-${sql.ref(`q.${score}`)}, ${sql.ref(`c.${score}_negated`)})`
  const band = (score: ScoreName) =>
    thresholds[score].length === 0
      ? sql`0`
      : sql`width_bucket(${sql.ref(`q.${score}`)}, array[${sql.join(thresholds[score])}]::float8[])`
  // The version filter is the one the first MQL entry was decided under; source and owner as elsewhere.
  const { version, ...rest } = request.filters
  const { rows } = await sql<
    BandRow & {
      set: BandSet
      fit_min: number
      fit_max: number
      engagement_min: number
      engagement_max: number
    }
  >`
    with mqls as (
      select m.first_mql_fit as fit, m.first_mql_engagement as engagement,
        coalesce(m.sql_at >= m.first_mql_at, false) as reached_sql, coalesce(m.customer_at >= m.first_mql_at, false) as won
      from lead_milestones m
      where m.workspace_id = ${workspaceId} and m.first_mql_at >= ${request.start} and m.first_mql_at < ${request.end}
        ${milestoneFilters('m', { ...rest, version: null })}
        ${version === null ? sql`` : sql`and m.first_mql_version = ${version}`}
    ), cuts as (
      select percentile_disc(array[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) within group (order by fit) as fit_bounds,
        percentile_disc(array[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) within group (order by engagement)
          as engagement_bounds
      from mqls
    -- materialized: inlined, the planner sorted the cuts again for every MQL (2.5 s instead of 0.6 s)
    ), negated as materialized (
      select array(select -bound from unnest(fit_bounds) as bound order by 1) as fit_negated,
        array(select -bound from unnest(engagement_bounds) as bound order by 1) as engagement_negated
      from cuts
    ), banded as (
      select q.fit, q.engagement, q.reached_sql, q.won, ${decile('fit')} as fit_decile, ${band('fit')} as fit_band,
        ${decile('engagement')} as engagement_decile, ${band('engagement')} as engagement_band
      from mqls q cross join negated c
    )
    select case when grouping(fit_decile) = 0 then 'fit_decile' when grouping(fit_band) = 0 then 'fit_band'
        when grouping(engagement_decile) = 0 then 'engagement_decile' else 'engagement_band' end as set,
      coalesce(fit_decile, fit_band, engagement_decile, engagement_band)::int as band,
      min(fit) as fit_min, max(fit) as fit_max, min(engagement) as engagement_min, max(engagement) as engagement_max,
      count(*)::int as leads, count(*) filter (where reached_sql)::int as sqls, count(*) filter (where won)::int as customers
    from banded
    group by grouping sets ((fit_decile), (fit_band), (engagement_decile), (engagement_band))
    order by 1, 2`.execute(db)
  return rows.map((row) => {
    const score = row.set.startsWith('fit') ? 'fit' : 'engagement'
    return {
      set: row.set,
      band: Number(row.band),
      min: score === 'fit' ? row.fit_min : row.engagement_min,
      max: score === 'fit' ? row.fit_max : row.engagement_max,
      leads: row.leads,
      sqls: row.sqls,
      customers: row.customers,
    }
  })
}
