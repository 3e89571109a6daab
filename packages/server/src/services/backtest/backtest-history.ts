// The recorded history a backtest replays, read page by page in lead-id order (keyset paging, as
// `takt verify` does), so memory holds one page of logs however large the workspace is.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eventRepository } from '../../db/event.repository.ts'
import { decisionRepository, type StoredDecision } from '../../db/decision.repository.ts'
import { leadRepository } from '../../db/lead.repository.ts'
import type { StageChange } from '#core/backtest/backtest-lead.ts'
import type { PeriodBounds } from '#core/backtest/backtest-weeks.ts'
import type { StoredTouchpoint } from '#core/touchpoint/touchpoint.ts'

export const HISTORY_PAGE = 500

/** One lead's whole log and its stored stage history. */
export type LeadHistory = {
  leadId: string
  email: string
  touchpoints: StoredTouchpoint[]
  decisions: StoredDecision[]
  stageChanges: StageChange[]
}

/** Leads with a touchpoint or a stage change in the period: those a backtest judges. */
function leadsInPeriod(db: Kysely<Database>, workspaceId: string, bounds: PeriodBounds) {
  const start = new Date(bounds.start)
  const end = new Date(bounds.end)
  return db
    .selectFrom('leads')
    .where('leads.workspace_id', '=', workspaceId)
    .where((where) =>
      where.or([
        where.exists(
          where
            .selectFrom('events')
            .select(sql`1`.as('one'))
            .whereRef('events.workspace_id', '=', 'leads.workspace_id')
            .whereRef('events.lead_id', '=', 'leads.id')
            .where('events.occurred_at', '>=', start)
            .where('events.occurred_at', '<', end),
        ),
        where.exists(
          where
            .selectFrom('transitions')
            .select(sql`1`.as('one'))
            .whereRef('transitions.workspace_id', '=', 'leads.workspace_id')
            .whereRef('transitions.lead_id', '=', 'leads.id')
            .where('transitions.at', '>=', start)
            .where('transitions.at', '<', end),
        ),
      ]),
    )
}

export async function countLeadsInPeriod(
  db: Kysely<Database>,
  workspaceId: string,
  bounds: PeriodBounds,
): Promise<number> {
  const row = await leadsInPeriod(db, workspaceId, bounds)
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The leads of the period with their logs, HISTORY_PAGE at a time, in lead-id order. */
export async function* readLeadHistories(
  db: Kysely<Database>,
  workspaceId: string,
  bounds: PeriodBounds,
): AsyncGenerator<LeadHistory[]> {
  let after: string | null = null
  for (;;) {
    const rows: Array<{ id: string; email: string }> = await leadsInPeriod(db, workspaceId, bounds)
      .select(['leads.id', 'leads.email'])
      .$if(after !== null, (query) => query.where('leads.id', '>', after!))
      .orderBy('leads.id')
      .limit(HISTORY_PAGE)
      .execute()
    if (rows.length === 0) return
    after = rows.at(-1)!.id
    const ids = rows.map((row) => row.id)
    const [touchpoints, decisions, transitions] = await Promise.all([
      eventRepository.listForLeads(db, workspaceId, ids),
      decisionRepository.listForLeads(db, workspaceId, ids),
      leadRepository.listTransitions(db, workspaceId, ids),
    ])
    const changes = new Map<string, StageChange[]>()
    for (const row of transitions) {
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
    yield rows.map((row) => ({
      leadId: row.id,
      email: row.email,
      touchpoints: touchpoints.get(row.id) ?? [],
      decisions: decisions.get(row.id) ?? [],
      stageChanges: changes.get(row.id) ?? [],
    }))
    if (rows.length < HISTORY_PAGE) return
  }
}
