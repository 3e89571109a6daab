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
import { changeLink, type CountedChange, type LeadLink, type LinkGroup } from './report-links.ts'
import type { LeadStage } from '#core/lifecycle/lead-stage.ts'

export type ReasonRow = {
  reason: string
  count: number
  share: number
  cumulativeShare: number
  /** the leads sent back or lost for this reason in the period */
  leads: LeadLink
}

/** rejected: an MQL rejected; sent back: a SAL or SQL recycled or disqualified by sales; lost: a deal lost */
export type ReasonOutcome = 'rejected' | 'sent_back' | 'lost'

export type ReasonPareto = {
  outcome: ReasonOutcome
  total: number
  reasons: ReasonRow[]
  /** the leads sent back or lost this way in the period, whatever the reason */
  leads: LeadLink
}

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
    /** the leads recycled in the period */
    list: LeadLink
  }
}

const LEFT_STAGES: Record<ReasonOutcome, LeadStage[]> = {
  rejected: ['mql'],
  sent_back: ['sal', 'sql'],
  lost: ['opportunity'],
}
const OUTCOME_OF_STAGE = Object.fromEntries(
  Object.entries(LEFT_STAGES).flatMap(([outcome, stages]) => stages.map((stage) => [stage, outcome])),
) as Record<string, ReasonOutcome>
const OUTCOMES = Object.keys(LEFT_STAGES) as ReasonOutcome[]

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
  // Every change has one key: the totals are the groups' sums, from the same read.
  const rows = (await counts(request.by === null ? sql`null::text` : groupKey(request.by, 't'))).rows
  const total = [...sumsOf(rows).values()]
  const report: ReasonsReport = {
    name: 'reasons',
    period: request.period,
    by: request.by,
    filters: request.filters,
    paretos: paretosOf(total, request),
    recycled: await requalified(db, workspaceId, request),
  }
  if (request.by !== null) {
    const keys = [...new Set(rows.map((row) => row.key))]
    report.groups = keys
      .map((key) => ({
        key,
        paretos: paretosOf(
          rows.filter((row) => row.key === key),
          request,
          { by: request.by!, key },
        ),
      }))
      .sort((a, b) => sumOf(b.paretos) - sumOf(a.paretos) || String(a.key).localeCompare(String(b.key)))
  }
  return report
}

type CountRow = { from_stage: string; reason: string; count: number }

/** The counts per stage left and reason, whatever the key. */
function sumsOf(rows: readonly CountRow[]): Map<string, CountRow> {
  const sums = new Map<string, CountRow>()
  for (const row of rows) {
    const id = `${row.from_stage}\u0000${row.reason}`
    const sum = sums.get(id)
    if (sum) sum.count += Number(row.count)
    else sums.set(id, { from_stage: row.from_stage, reason: row.reason, count: Number(row.count) })
  }
  return sums
}

const sumOf = (paretos: ReasonPareto[]) => paretos.reduce((sum, pareto) => sum + pareto.total, 0)

function paretosOf(rows: readonly CountRow[], request: ResolvedRequest, group?: LinkGroup): ReasonPareto[] {
  return OUTCOMES.map((outcome) => {
    const byReason = new Map<string, number>()
    for (const row of rows) {
      if (OUTCOME_OF_STAGE[row.from_stage] !== outcome) continue
      byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + Number(row.count))
    }
    const total = [...byReason.values()].reduce((sum, count) => sum + count, 0)
    // The changes the counts take: out of these stages into recycled or disqualified, by a person.
    const change: CountedChange = {
      stages: ['recycled', 'disqualified'],
      leaving: LEFT_STAGES[outcome],
      by: 'person',
    }
    let cumulative = 0
    const reasons = [...byReason.entries()]
      .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
      .map(([reason, count]) => {
        cumulative += count
        return {
          reason,
          count,
          share: count / total,
          cumulativeShare: cumulative / total,
          leads: changeLink(request, { ...change, reason }, group),
        }
      })
    return { outcome, total, reasons, leads: changeLink(request, change, group) }
  })
}

async function requalified(db: Kysely<Database>, workspaceId: string, request: ResolvedRequest) {
  // Per lead: its first recycling in the period, which carries the first MQL entry after it and whether
  // SQL (or later) and customer followed that (migration 0028): one read of the period's recyclings.
  const { rows } = await sql<{ leads: number; requalified: number; reached_sql: number; won: number }>`
    with recycled as (
      select distinct on (r.lead_id) r.requalified_at, r.requalified_sql, r.requalified_won
      from transitions r
      where r.workspace_id = ${workspaceId} and r.at >= ${request.start} and r.at < ${request.end}
        and r.to_stage = 'recycled' ${transitionFilters('r', request.filters)}
      order by r.lead_id, r.at, r.seq
    )
    select count(*)::int as leads, count(requalified_at)::int as requalified,
      (count(*) filter (where requalified_sql))::int as reached_sql,
      (count(*) filter (where requalified_won))::int as won
    from recycled`.execute(db)
  const row = rows[0]!
  return {
    leads: row.leads,
    requalified: row.requalified,
    reachedSql: row.reached_sql,
    won: row.won,
    requalifiedRate: rate(row.requalified, row.leads),
    list: changeLink(request, { stages: ['recycled'] }, undefined, 'leads'),
  }
}
