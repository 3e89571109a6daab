// Score calibration: do higher scores convert better? The leads that became MQL in the period, by the
// fit and engagement scores recorded on that transition (their first MQL entry in the period, so the
// score the hand-off was decided on), in deciles and in the bands the agreement's MQL thresholds draw,
// with how many of each band reached SQL (or later) and customer after it. Good scores have rising bars.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import {
  rate,
  rounded,
  transitionFilters,
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
  const column = sql.ref(score === 'fit' ? 'm.fit_score' : 'm.engagement_score')
  // Thresholds: width_bucket gives 0 below the first and i from the i-th on (the rules' `gte`). Deciles:
  // 1 + how many of the scores' 10th, 20th, … 90th percentiles lie below the score, so the lowest score
  // is in decile 1 and equal scores always share one (ntile would split a tie at random); a decile no
  // score falls in is left out.
  const bucket =
    thresholds === null
      ? sql`1 + (select count(*) from unnest(cuts.bounds) as bound where bound < q.score)`
      : thresholds.length === 0
        ? sql`0`
        : sql`width_bucket(q.score, array[${sql.join(thresholds)}]::float8[])`
  const { rows } = await sql<BandRow>`
    with mqls as (
      select distinct on (m.lead_id) m.lead_id, m.at, ${column} as score
      from transitions m
      where m.workspace_id = ${workspaceId} and m.at >= ${request.start} and m.at < ${request.end}
        and m.to_stage = 'mql' ${transitionFilters('m', request.filters)}
      order by m.lead_id, m.at
    ), cuts as (
      select percentile_disc(array[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) within group (order by score) as bounds
      from mqls
    ), outcomes as (
      select q.lead_id, q.score, ${bucket} as band,
        exists (select 1 from transitions t where t.workspace_id = ${workspaceId} and t.lead_id = q.lead_id
          and t.at >= q.at and t.to_stage in ('sql', 'opportunity', 'customer')) as reached_sql,
        exists (select 1 from transitions t where t.workspace_id = ${workspaceId} and t.lead_id = q.lead_id
          and t.at >= q.at and t.to_stage = 'customer') as won
      from mqls q cross join cuts
    )
    select band::int, min(score) as min, max(score) as max, count(*)::int as leads,
      count(*) filter (where reached_sql)::int as sqls, count(*) filter (where won)::int as customers
    from outcomes group by band order by band`.execute(db)
  return rows.map((row) => ({ ...row, band: Number(row.band) }))
}
