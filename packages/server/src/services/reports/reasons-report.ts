// Rejection and loss reasons as a Pareto (count, share, cumulative share), from the transitions that took
// a lead out of sales' hands by a person's decision in the period: rejected MQLs, accepted or qualified
// leads sent back, and lost deals. And the recycled leads of the period that later became MQL again
// and converted.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/tables.ts'
import {
  rate,
  transitionFilters,
  type ReportFilters,
  type ReportGrouping,
  type ReportPeriod,
  type ResolvedRequest,
} from './report-request.ts'
import { groupKey } from './report-groups.ts'

export type ReasonRow = { reason: string; count: number; share: number; cumulativeShare: number }

/** rejected: an MQL rejected; sent back: a SAL or SQL recycled or disqualified by sales; lost: a deal lost */
export type ReasonOutcome = 'rejected' | 'sent_back' | 'lost'

export type ReasonPareto = { outcome: ReasonOutcome; total: number; reasons: ReasonRow[] }

export type ReasonsReport = {
  name: 'reasons'
  period: ReportPeriod
  by: ReportGrouping | null
  filters: ReportFilters
  paretos: ReasonPareto[]
  /** one per source or agreement version (as `by` asks), largest first */
  groups?: Array<{ key: string | null; paretos: ReasonPareto[] }>
  recycled: {
    /** leads recycled in the period (counted once however often) */
    leads: number
    /** of them, MQL again after that recycling, by now */
    requalified: number
    /** of the requalified, SQL (or later) and customer after becoming MQL again */
    reachedSql: number
    won: number
    requalifiedRate: number | null
  }
}

const OUTCOME_OF_STAGE: Record<string, ReasonOutcome> = {
  mql: 'rejected',
  sal: 'sent_back',
  sql: 'sent_back',
  opportunity: 'lost',
}
const OUTCOMES: ReasonOutcome[] = ['rejected', 'sent_back', 'lost']

export async function reasonsReport(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
): Promise<ReasonsReport> {
  const counts = (key: RawBuilder<unknown>) =>
    sql<{ key: string | null; from_stage: string; reason: string; count: number }>`
      select ${key} as key, t.from_stage, t.reason, count(*)::int as count
      from transitions t
      where t.workspace_id = ${workspaceId} and t.at >= ${request.start} and t.at < ${request.end}
        and t.to_stage in ('recycled', 'disqualified') and t.from_stage in ('mql', 'sal', 'sql', 'opportunity')
        and t.actor_type <> 'system' and t.reason is not null
        ${transitionFilters('t', request.filters)}
      group by 1, 2, 3`.execute(db)
  const total = (await counts(sql`null::text`)).rows
  const report: ReasonsReport = {
    name: 'reasons',
    period: request.period,
    by: request.by,
    filters: request.filters,
    paretos: paretosOf(total),
    recycled: await requalified(db, workspaceId, request),
  }
  if (request.by !== null) {
    const rows = (await counts(groupKey(request.by, 't'))).rows
    const keys = [...new Set(rows.map((row) => row.key))]
    report.groups = keys
      .map((key) => ({ key, paretos: paretosOf(rows.filter((row) => row.key === key)) }))
      .sort((a, b) => sumOf(b.paretos) - sumOf(a.paretos) || String(a.key).localeCompare(String(b.key)))
  }
  return report
}

const sumOf = (paretos: ReasonPareto[]) => paretos.reduce((sum, pareto) => sum + pareto.total, 0)

function paretosOf(rows: Array<{ from_stage: string; reason: string; count: number }>): ReasonPareto[] {
  return OUTCOMES.map((outcome) => {
    const byReason = new Map<string, number>()
    for (const row of rows) {
      if (OUTCOME_OF_STAGE[row.from_stage] !== outcome) continue
      byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + Number(row.count))
    }
    const total = [...byReason.values()].reduce((sum, count) => sum + count, 0)
    let cumulative = 0
    const reasons = [...byReason.entries()]
      .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
      .map(([reason, count]) => {
        cumulative += count
        return { reason, count, share: count / total, cumulativeShare: cumulative / total }
      })
    return { outcome, total, reasons }
  })
}

async function requalified(db: Kysely<Database>, workspaceId: string, request: ResolvedRequest) {
  // Per lead: its first recycling in the period, the first MQL entry after it, and the first SQL (or
  // later) and customer entries after that; read through the primary key of the lead's transitions.
  const { rows } = await sql<{ leads: number; requalified: number; reached_sql: number; won: number }>`
    with recycled as (
      select r.lead_id, min(r.at) as recycled_at
      from transitions r
      where r.workspace_id = ${workspaceId} and r.at >= ${request.start} and r.at < ${request.end}
        and r.to_stage = 'recycled' ${transitionFilters('r', request.filters)}
      group by r.lead_id
    ), requalified as (
      select rc.lead_id, min(t.at) as mql_at
      from recycled rc join transitions t on t.workspace_id = ${workspaceId} and t.lead_id = rc.lead_id
      where t.to_stage = 'mql' and t.at > rc.recycled_at
      group by rc.lead_id
    ), converted as (
      select q.lead_id,
        bool_or(t.to_stage in ('sql', 'opportunity', 'customer')) as reached_sql,
        bool_or(t.to_stage = 'customer') as won
      from requalified q join transitions t on t.workspace_id = ${workspaceId} and t.lead_id = q.lead_id
      where t.at >= q.mql_at
      group by q.lead_id
    )
    select (select count(*) from recycled)::int as leads, (select count(*) from requalified)::int as requalified,
      (select count(*) from converted where reached_sql)::int as reached_sql,
      (select count(*) from converted where won)::int as won`.execute(db)
  const row = rows[0]!
  return {
    leads: row.leads,
    requalified: row.requalified,
    reachedSql: row.reached_sql,
    won: row.won,
    requalifiedRate: rate(row.requalified, row.leads),
  }
}
