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
  const scores: ScoreCalibration[] = []
  let leads = 0
  for (const score of ['fit', 'engagement'] as const) {
    const thresholds = thresholdsOf(mqlRules, score)
    const deciles = await bandsOf(db, workspaceId, request, score, null)
    const bands = await bandsOf(db, workspaceId, request, score, thresholds)
    leads = deciles.reduce((sum, band) => sum + band.leads, 0)
    scores.push({
      score,
      thresholds,
      deciles: deciles.map((row) => band(row)),
      bands: thresholdBands(bands, thresholds),
    })
  }
  return {
    name: 'calibration',
    period: request.period,
    filters: request.filters,
    thresholdsVersion: agreement?.version ?? null,
    leads,
    scores,
  }
}

function band(row: BandRow): ScoreBand {
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
function thresholdBands(rows: BandRow[], thresholds: number[]): ScoreBand[] {
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

async function bandsOf(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
  score: ScoreName,
  thresholds: number[] | null,
): Promise<BandRow[]> {
  const column = sql.ref(score === 'fit' ? 'm.first_mql_fit' : 'm.first_mql_engagement')
  const bucket =
    thresholds === null
      ? sql`1 + (select count(*) from unnest(cuts.bounds) as bound where bound < q.score)`
      : thresholds.length === 0
        ? sql`0`
        : sql`width_bucket(q.score, array[${sql.join(thresholds)}]::float8[])`
  // The version filter is the one the first MQL entry was decided under; source and owner as elsewhere.
  const { version, ...rest } = request.filters
  const { rows } = await sql<BandRow>`
    with mqls as (
      select m.lead_id, ${column} as score, m.sql_at >= m.first_mql_at as reached_sql,
        m.customer_at >= m.first_mql_at as won
      from lead_milestones m
      where m.workspace_id = ${workspaceId} and m.first_mql_at >= ${request.start} and m.first_mql_at < ${request.end}
        ${milestoneFilters('m', { ...rest, version: null })}
        ${version === null ? sql`` : sql`and m.first_mql_version = ${version}`}
    ), cuts as (
      select percentile_disc(array[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) within group (order by score) as bounds
      from mqls
    ), outcomes as (
      select q.score, ${bucket} as band, coalesce(q.reached_sql, false) as reached_sql,
        coalesce(q.won, false) as won
      from mqls q cross join cuts
    )
    select band::int, min(score) as min, max(score) as max, count(*)::int as leads,
      count(*) filter (where reached_sql)::int as sqls, count(*) filter (where won)::int as customers
    from outcomes group by band order by band`.execute(db)
  return rows.map((row) => ({ ...row, band: Number(row.band) }))
}
