// The pipeline board's counts: leads per stage under the lead list's filters (lead-filters.ts), in one
// grouped query. The board lists the leads themselves through the lead list (list-leads.ts).
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { LEAD_STAGES, type LeadStage } from '#core/lifecycle/lead-stage.ts'
import { matchesLeadFilters, type LeadFilters } from './lead-filters.ts'
import type { Visibility } from './lead-visibility.ts'

export type PipelineSummary = {
  stages: Array<{ stage: LeadStage; count: number }>
  total: number
}

/** Counts per stage, every stage listed in lifecycle order (zero included), from one grouped query. */
export async function summarizePipeline(
  db: Kysely<Database>,
  workspaceId: string,
  filters: LeadFilters,
): Promise<PipelineSummary> {
  const rows = await db
    .selectFrom('leads')
    .select(['stage', sql<string>`count(*)`.as('count')])
    .where('workspace_id', '=', workspaceId)
    .where(matchesLeadFilters(filters))
    .groupBy('stage')
    .execute()
  const counts = new Map(rows.map((row) => [row.stage, Number(row.count)]))
  const stages = LEAD_STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }))
  return { stages, total: stages.reduce((sum, entry) => sum + entry.count, 0) }
}

/** The sales users a board may be filtered by; a rep, who sees only their own leads, gets only themselves. */
export async function pipelineOwners(
  db: Kysely<Database>,
  workspaceId: string,
  visibility: Visibility,
): Promise<Array<{ id: string; name: string }>> {
  let query = db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('role', 'in', ['sales', 'sales_manager'])
    .where('disabled_at', 'is', null)
  if (visibility.ownLeadsOf) query = query.where('id', '=', visibility.ownLeadsOf)
  return query.orderBy('name').orderBy('id').execute()
}
