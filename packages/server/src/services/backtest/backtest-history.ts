// The recorded history a backtest replays, read page by page in lead-id order (keyset paging, as
// `takt verify` does), so memory holds two pages of logs however large the workspace is. Touchpoints
// come as one compact JSON text a page (eventRepository.listTouchpointsForReplay), not row objects.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eventRepository } from '../../db/event.repository.ts'
import { decisionRepository, type StoredDecision } from '../../db/decision.repository.ts'
import type { StageChange } from '#core/backtest/backtest-lead.ts'
import type { PeriodBounds } from '#core/backtest/backtest-weeks.ts'
import type { Touchpoint } from '#core/touchpoint/touchpoint.ts'

export const HISTORY_PAGE = 500

/** One lead's whole log and its stored stage history. */
export type LeadHistory = {
  leadId: string
  email: string
  /** the whole log, in replay order */
  touchpoints: Touchpoint[]
  decisions: StoredDecision[]
  stageChanges: StageChange[]
}

/**
 * Up to `limit` leads after `after` (id order) with a touchpoint or a stage change in the period: those
 * a backtest judges. Each log is walked in lead order by its lead index from `after` on, so a page
 * reads only its own leads' rows; the first `limit` of the two lists together are the first `limit`
 * of the union, since each of them is among the first `limit` of its own list. (Walking every lead
 * with two EXISTS probes hashed all of the period's transitions again for each page once leads without
 * a touchpoint in the period were common: 8–11 s against 5.5 s for the first 20 pages of a one-month
 * period of 100,000 leads.)
 */
function leadsInPeriodAfter(
  db: Kysely<Database>,
  workspaceId: string,
  bounds: PeriodBounds,
  after: string | null,
  limit: number,
) {
  const start = new Date(bounds.start)
  const end = new Date(bounds.end)
  const from = after === null ? sql`` : sql`and lead_id > ${after}`
  // `= any(array(…))`: the page's ids first, then their leads by primary key (a join would hash the
  // whole leads table of the workspace for every page).
  return sql<{ id: string; email: string }>`
    select id, email from leads
    where workspace_id = ${workspaceId} and id = any(array(
      select lead_id from (
        (select distinct lead_id from events
          where workspace_id = ${workspaceId} ${from} and occurred_at >= ${start} and occurred_at < ${end}
          order by lead_id limit ${limit})
        union
        (select distinct lead_id from transitions
          where workspace_id = ${workspaceId} ${from} and at >= ${start} and at < ${end}
          order by lead_id limit ${limit})
      ) as judged
      order by lead_id limit ${limit}))
    order by id`.execute(db)
}

/**
 * How many leads readLeadHistories will give, for progress: one pass over the period's rows of both
 * logs (events have no index on occurred_at, so it reads the workspace's events: 1–3 s for 2.3 million,
 * once per backtest).
 */
export async function countLeadsInPeriod(
  db: Kysely<Database>,
  workspaceId: string,
  bounds: PeriodBounds,
): Promise<number> {
  const start = new Date(bounds.start)
  const end = new Date(bounds.end)
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from (
      select lead_id from events
        where workspace_id = ${workspaceId} and occurred_at >= ${start} and occurred_at < ${end}
      union
      select lead_id from transitions
        where workspace_id = ${workspaceId} and at >= ${start} and at < ${end}
    ) as judged`.execute(db)
  return Number(rows[0]!.count)
}

/**
 * The leads of the period with their logs, `pageSize` at a time, in lead-id order. The next page is
 * read while the caller works on this one: the database and the replay then overlap.
 */
export async function* readLeadHistories(
  db: Kysely<Database>,
  workspaceId: string,
  bounds: PeriodBounds,
  pageSize = HISTORY_PAGE,
): AsyncGenerator<LeadHistory[]> {
  const read = (after: string | null) => readPage(db, workspaceId, bounds, after, pageSize)
  let next: Promise<LeadHistory[]> | undefined = read(null)
  try {
    while (next) {
      const page: LeadHistory[] = await next
      if (page.length === 0) return
      next = page.length < pageSize ? undefined : read(page.at(-1)!.leadId)
      // Handled here, thrown where awaited: a caller that stops early must not leave it unhandled.
      next?.catch(() => undefined)
      yield page
    }
  } finally {
    // A caller that stops early (a cancelled backtest) leaves no query running behind it.
    await next?.catch(() => undefined)
  }
}

async function readPage(
  db: Kysely<Database>,
  workspaceId: string,
  bounds: PeriodBounds,
  after: string | null,
  pageSize: number,
): Promise<LeadHistory[]> {
  const { rows } = await leadsInPeriodAfter(db, workspaceId, bounds, after, pageSize)
  if (rows.length === 0) return []
  return readHistoriesOf(db, workspaceId, rows)
}

/** Each lead's whole log and stored stage history, in the order of `leads` (a page, or a shadow's leads). */
export async function readHistoriesOf(
  db: Kysely<Database>,
  workspaceId: string,
  leads: ReadonlyArray<{ id: string; email: string }>,
): Promise<LeadHistory[]> {
  const ids = leads.map((lead) => lead.id)
  const [touchpoints, decisions, changes] = await Promise.all([
    eventRepository.listTouchpointsForReplay(db, workspaceId, ids),
    decisionRepository.listForLeads(db, workspaceId, ids),
    readStageChanges(db, workspaceId, ids),
  ])
  return leads.map((lead) => ({
    leadId: lead.id,
    email: lead.email,
    touchpoints: touchpoints.get(lead.id) ?? [],
    decisions: decisions.get(lead.id) ?? [],
    stageChanges: changes.get(lead.id) ?? [],
  }))
}

// Only the columns an outcome needs: the stored rows' trigger (explanations in two languages) is most
// of their size and nothing here reads it.
export async function readStageChanges(
  db: Kysely<Database>,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, StageChange[]>> {
  const rows = await db
    .selectFrom('transitions')
    .select(['lead_id', 'from_stage', 'to_stage', 'at', 'reason', 'actor_type'])
    .where('workspace_id', '=', workspaceId)
    .where('lead_id', '=', sql<string>`any(${[...ids]}::uuid[])`)
    .orderBy('lead_id')
    .orderBy('seq')
    .execute()
  const changes = new Map<string, StageChange[]>()
  for (const row of rows) {
    const change: StageChange = {
      from: row.from_stage,
      to: row.to_stage,
      at: row.at.getTime(),
      reason: row.reason,
      actor: { type: row.actor_type },
    }
    const list = changes.get(row.lead_id)
    if (list) list.push(change)
    else changes.set(row.lead_id, [change])
  }
  return changes
}
