// Which leads a person may see and work: a sales rep sees the leads they own and the unowned MQLs
// waiting for a taker; sales managers, marketing and admins see the whole workspace.
import { sql, type ExpressionBuilder } from 'kysely'
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
