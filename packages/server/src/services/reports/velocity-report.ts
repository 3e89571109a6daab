// Velocity: how long leads stay in each stage, how long an MQL waits for the rep's first response and
// how long it takes from MQL to SQL (median and 90th percentile), and the ripe leads waiting right now.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { LEAD_STAGES, type LeadStage } from '#core/lifecycle/lead-stage.ts'
import { slaPolicyFor } from '#core/sla/sla-policies.ts'
import { agreementRepository } from '../../db/agreement.repository.ts'
import {
  daysBetween,
  hoursBetween,
  rounded,
  transitionFilters,
  type ReportFilters,
  type ReportPeriod,
  type ResolvedRequest,
} from './report-request.ts'
import { changeLink, leadLink, type LeadLink } from './report-links.ts'

/**
 * A duration's distribution: `n` measured, median and 90th percentile (null when n is 0), and the
 * leads of the changes measured (a lead measured twice is listed once).
 */
export type Spread = { n: number; median: number | null; p90: number | null; leads: LeadLink }

export type VelocityReport = {
  name: 'velocity'
  period: ReportPeriod
  filters: ReportFilters
  /** days spent in a stage, over the stays that ended in the period (the lead left the stage then) */
  stages: Array<{ stage: LeadStage } & Spread>
  /**
   * hours from entering MQL to the rep's first response (accept, reject, or a logged activity), over
   * the MQL entries in the period that were answered before the lead left MQL; `unanswered` the others
   */
  mqlToFirstResponseHours: Spread & { unanswered: number }
  /** days from the latest MQL entry to SQL, over the SQL entries in the period (leads that were MQLs) */
  mqlToSqlDays: Spread
  /** right now, whatever the period */
  waitingNow: {
    /** assigned MQLs without a response whose SLA deadline has passed */
    mqlsPastSla: number
    /** recycled leads still cooling down that raised their hand (a demo request, …) since they were recycled */
    handRaisersCoolingDown: number
    mqlList: LeadLink
    recycledList: LeadLink
  }
}

const spreadOf = (row: { n: number; spread: Array<number | string> | null }, leads: LeadLink): Spread => ({
  n: Number(row.n),
  median: rounded(row.spread?.[0] ?? null),
  p90: rounded(row.spread?.[1] ?? null),
  leads,
})

/** Count, median and 90th percentile of `value` (known when `known` is not null), from one sort. */
const SPREAD = (value: RawBuilder<number>, known: RawBuilder<unknown>) => sql`count(${known})::int as n,
  percentile_cont(array[0.5, 0.9]) within group (order by ${value}) filter (where ${known} is not null) as spread`

export async function velocityReport(
  db: Kysely<Database>,
  workspaceId: string,
  request: ResolvedRequest,
): Promise<VelocityReport> {
  const inPeriod = (alias: string) =>
    sql`${sql.ref(`${alias}.workspace_id`)} = ${workspaceId} and ${sql.ref(`${alias}.at`)} >= ${request.start}
      and ${sql.ref(`${alias}.at`)} < ${request.end} ${transitionFilters(alias, request.filters)}`

  // A stay ends with the lead's next transition, which records when the stay began (from_at).
  const stays = await sql<{ stage: LeadStage; n: number; spread: number[] | null }>`
    select e.from_stage as stage, ${SPREAD(daysBetween(sql`e.from_at`, sql`e.at`), sql`e.from_at`)}
    from transitions e
    where ${inPeriod('e')} and e.from_at is not null
    group by e.from_stage`.execute(db)
  // A stay that ended in the period: a change out of the stage then, into whichever stage.
  const byStage = new Map(
    stays.rows.map((row) => [
      row.stage,
      spreadOf(row, changeLink(request, { stages: [...LEAD_STAGES], leaving: [row.stage] })),
    ]),
  )

  // The first response to an MQL entry (the first accept, reject or logged activity after it, before the
  // lead left MQL; an undone decision is no response) and, for an SQL entry, the latest MQL entry before
  // it: both kept on the transition (answered_at, last_mql_at; migration 0028), so each is one read of
  // the period's entries instead of a join to the lead's decisions or other transitions (3 s).
  const responses = await sql<{ n: number; spread: number[] | null; unanswered: number }>`
    select ${SPREAD(hoursBetween(sql`m.at`, sql`m.answered_at`), sql`m.answered_at`)},
      (count(*) - count(m.answered_at))::int as unanswered
    from transitions m where ${inPeriod('m')} and m.to_stage = 'mql'`.execute(db)
  const response = responses.rows[0]!

  // A lead that never was MQL before its SQL entry is left out.
  const toSql = await sql<{ n: number; spread: number[] | null }>`
    select ${SPREAD(daysBetween(sql`s.last_mql_at`, sql`s.at`), sql`s.last_mql_at`)}
    from transitions s where ${inPeriod('s')} and s.to_stage = 'sql'`.execute(db)

  return {
    name: 'velocity',
    period: request.period,
    filters: request.filters,
    stages: LEAD_STAGES.filter((stage) => byStage.has(stage)).map((stage) => ({
      stage,
      ...byStage.get(stage)!,
    })),
    mqlToFirstResponseHours: {
      ...spreadOf(response, changeLink(request, { stages: ['mql'] })),
      unanswered: Number(response.unanswered),
    },
    // The SQL entries of the period; those without an MQL before are listed too, not measured.
    mqlToSqlDays: spreadOf(toSql.rows[0]!, changeLink(request, { stages: ['sql'] })),
    waitingNow: await waitingNow(db, workspaceId, request),
  }
}

/** The lead filters on the lead's current row: first source, current owner and scoring version. */
function leadFilters(filters: ReportFilters) {
  return sql`${filters.source === null ? sql`` : sql`and lower(l.profile->>'source') = ${filters.source}`}
    ${filters.owner === null ? sql`` : sql`and l.owner_id = ${filters.owner}`}
    ${filters.version === null ? sql`` : sql`and l.agreement_version = ${filters.version}`}`
}

async function waitingNow(db: Kysely<Database>, workspaceId: string, request: ResolvedRequest) {
  const now = request.now
  // Waiting MQLs are few (routing caps them per rep); their deadlines are business time of the rep's
  // calendar, which only the core computes.
  const { rows: mqls } = await sql<{ assigned_at: string; region: string | null }>`
    select l.state->>'assignedAt' as assigned_at, u.region
    from leads l left join users u on u.workspace_id = l.workspace_id and u.id = l.owner_id
    where l.workspace_id = ${workspaceId} and l.stage = 'mql'
      and l.state->>'assignedAt' is not null and l.state->>'respondedAt' is null
      ${leadFilters(request.filters)}`.execute(db)
  const active = mqls.length > 0 ? await agreementRepository.findActive(db, workspaceId) : undefined
  const mqlsPastSla = mqls.filter((row) => {
    const policy = slaPolicyFor(active?.document.sla, row.region)
    return policy?.slaStatus(Number(row.assigned_at), now.getTime()).state === 'breached'
  }).length
  // Driven by the hand-raiser notifications (a partial index, few rows) rather than by every recycled lead.
  const { rows } = await sql<{ n: number }>`
    select count(distinct l.id)::int as n
    from notifications n join leads l on l.workspace_id = n.workspace_id and l.id = n.lead_id
    where n.workspace_id = ${workspaceId} and n.kind = 'hand_raiser' and l.stage = 'recycled'
      and (l.state->>'coolDownUntil')::float8 > ${now.getTime()}
      and n.created_at >= to_timestamp((l.state->>'recycledAt')::float8 / 1000)
      ${leadFilters(request.filters)}`.execute(db)
  return {
    mqlsPastSla,
    handRaisersCoolingDown: Number(rows[0]!.n),
    mqlList: leadLink(request.filters, { stage: ['mql'] }),
    recycledList: leadLink(request.filters, { stage: ['recycled'] }),
  }
}
