// The logs a shadow replays and the stage history its report compares with, read for given leads
// through the same repositories a backtest reads its pages with.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eventRepository } from '../../db/event.repository.ts'
import { decisionRepository } from '../../db/decision.repository.ts'
import { leadRepository } from '../../db/lead.repository.ts'
import type { StageChange } from '#core/backtest/backtest-lead.ts'
import type { LeadHistory } from '../backtest/backtest-history.ts'

/** Each lead's whole log and stored stage history, in the order of `leads`. */
export async function readHistoriesOf(
  db: Kysely<Database>,
  workspaceId: string,
  leads: ReadonlyArray<{ id: string; email: string }>,
): Promise<LeadHistory[]> {
  const ids = leads.map((lead) => lead.id)
  const [touchpoints, decisions, changes] = await Promise.all([
    eventRepository.listForLeads(db, workspaceId, ids),
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

/** The stored stage history (transitions table) of the given leads, oldest first per lead. */
export async function readStageChanges(
  db: Kysely<Database>,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, StageChange[]>> {
  const rows = await leadRepository.listTransitions(db, workspaceId, [...ids])
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
