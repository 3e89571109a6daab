// Source quality: the leads created in the period per first source (the funnel's cohort, grouped by
// source), how many of them became MQL, SQL and customer by now, the revenue of the deals they won and
// how long they took to become SQL.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import {
  daysBetween,
  percentile,
  rate,
  rounded,
  type ReportFilters,
  type ReportPeriod,
  type ResolvedRequest,
} from './report-request.ts'
import { cohortLeadsSql } from './funnel-report.ts'
import { cohortLink, type LeadLink } from './report-links.ts'
import { laterStages } from './funnel-report.ts'

export type SourceRow = {
  /** the lead's first source, lower-case; null when its first touchpoint named none */
  source: string | null
  /** leads created in the period */
  leads: number
  /** of them, reached MQL (or a later stage), SQL (or later), customer */
  mqls: number
  sqls: number
  customers: number
  mqlRate: number | null
  sqlRate: number | null
  wonRate: number | null
  /** the deal amounts of the customers, as recorded (EUR unless a deal named another currency) */
  revenueWon: number
  medianDaysToSql: number | null
  /** the leads created in the period */
  list: LeadLink
  /** of them, those counted as MQLs, SQLs and customers */
  mqlList: LeadLink
  sqlList: LeadLink
  customerList: LeadLink
}

export type SourceReport = {
  name: 'sources'
  period: ReportPeriod
  filters: ReportFilters
  /** largest volume first */
  sources: SourceRow[]
}

export async function sourceReport(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
): Promise<SourceReport> {
  const { rows } = await sql<{
    source: string | null
    leads: number
    mqls: number
    sqls: number
    customers: number
    revenue: number | string | null
    sql_days: number | string | null
  }>`
    with per_lead as (${cohortLeadsSql(workspaceId, request, 'source')})
    select p.key as source, count(*)::int as leads, count(p.mql_at)::int as mqls, count(p.sql_at)::int as sqls,
      count(p.customer_at)::int as customers,
      coalesce(sum(p.won_amount), 0) as revenue,
      ${percentile(0.5, daysBetween(sql`p.created_at`, sql`p.sql_at`), sql`p.sql_at`)} as sql_days
    from per_lead p
    group by p.key
    order by count(*) desc, p.key nulls last`.execute(db)
  return {
    name: 'sources',
    period: request.period,
    filters: request.filters,
    sources: rows.map((row) => ({
      source: row.source,
      leads: row.leads,
      mqls: row.mqls,
      sqls: row.sqls,
      customers: row.customers,
      mqlRate: rate(row.mqls, row.leads),
      sqlRate: rate(row.sqls, row.leads),
      wonRate: rate(row.customers, row.leads),
      revenueWon: Number(row.revenue ?? 0),
      medianDaysToSql: rounded(row.sql_days),
      list: cohortLink(request, laterStages('lead'), { by: 'source', key: row.source }),
      mqlList: cohortLink(request, laterStages('mql'), { by: 'source', key: row.source }),
      sqlList: cohortLink(request, laterStages('sql'), { by: 'source', key: row.source }),
      customerList: cohortLink(request, laterStages('customer'), { by: 'source', key: row.source }),
    })),
  }
}
