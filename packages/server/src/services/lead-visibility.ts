// Which leads a person may see and work: a sales rep sees the leads they own and the unowned MQLs
// waiting for a taker; sales managers, marketing and admins see the whole workspace. A rep may also
// read (not work) a lead they decided on before, such as one they rejected back to marketing.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { Role } from '../db/user.repository.ts'

/** The rep whose own leads bound what is visible, or undefined when the whole workspace is. */
export type Visibility = { ownLeadsOf?: string }

export function visibilityFor(viewer: { role?: Role; userId?: string } | undefined): Visibility {
  return viewer?.role === 'sales' && viewer.userId ? { ownLeadsOf: viewer.userId } : {}
}

export function visibleLeads(visibility: Visibility) {
  return (where: ExpressionBuilder<Database, 'leads'>) => {
    const rep = visibility.ownLeadsOf
    if (!rep) return sql<boolean>`true`
    return where.or([
      where('leads.owner_id', '=', rep),
      where.and([where('leads.owner_id', 'is', null), where('leads.stage', '=', 'mql')]),
    ])
  }
}

export function isVisible(lead: { owner_id: string | null; stage: string }, visibility: Visibility): boolean {
  const rep = visibility.ownLeadsOf
  return !rep || lead.owner_id === rep || (lead.owner_id === null && lead.stage === 'mql')
}

/** Whether the rep made a decision on the lead (accepted, rejected, …): enough to read it, not to work it. */
export async function workedOnBy(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  visibility: Visibility,
): Promise<boolean> {
  const rep = visibility.ownLeadsOf
  if (!rep) return false
  const decision = await db
    .selectFrom('decisions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('lead_id', '=', leadId)
    .where('actor_type', '=', 'user')
    .where('actor_id', '=', rep)
    .limit(1)
    .executeTakeFirst()
  return decision !== undefined
}
