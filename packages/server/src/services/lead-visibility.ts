// Which leads a person may see and work: a sales rep sees the leads they own and the unowned MQLs
// waiting for a taker; sales managers, marketing and admins see the whole workspace. A rep may also
// read (not work) a lead they decided on before, such as one they rejected back to marketing.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { Role } from '../db/user.repository.ts'
import { DomainError } from '#core/errors.ts'
import { erasedEmail } from '#core/projection/erased-lead.ts'

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
    .where('retracted_at', 'is', null)
    .limit(1)
    .executeTakeFirst()
  return decision !== undefined
}

/**
 * `lead` (read by `leadId`) if the person may read it: their own, or one they decided on. Someone else's
 * lead answers like a missing one, so a rep learns nothing about leads they may not see.
 * @throws DomainError LEAD_NOT_FOUND
 */
export async function readableLead<Lead extends { id: string; owner_id: string | null; stage: string }>(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  lead: Lead | undefined,
  visibility: Visibility,
): Promise<Lead> {
  if (lead && (isVisible(lead, visibility) || (await workedOnBy(db, workspaceId, lead.id, visibility))))
    return lead
  throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
}

/**
 * The lead a person works on (logs a call on, gives a task), if they may: unknown and invisible leads are
 * alike not found, and an erased person can no longer be worked on. `forUpdate` locks the row, so an
 * activity and a decision on the same lead take turns.
 */
export async function findWorkableLead(
  db: Kysely<Database>,
  workspaceId: string,
  leadId: string,
  visibility: Visibility,
  options: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom('leads')
    .select([
      'id',
      'email',
      'first_name',
      'last_name',
      'company_name',
      'owner_id',
      'stage',
      sql<string | null>`(state->>'assignedAt')`.as('assigned_at'),
      sql<string | null>`(state->>'respondedAt')`.as('responded_at'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', leadId)
  if (options.forUpdate) query = query.forUpdate()
  const lead = await query.executeTakeFirst()
  if (!lead || !isVisible(lead, visibility)) {
    throw new DomainError('LEAD_NOT_FOUND', `No lead ${leadId} in this workspace.`, { leadId })
  }
  if (lead.email === erasedEmail(lead.id)) {
    throw new DomainError('LEAD_ERASED', `Lead ${leadId} was erased; nothing about the person is kept.`, {
      leadId,
    })
  }
  const instant = (value: string | null) => (value === null ? null : Number(value))
  return { ...lead, assigned_at: instant(lead.assigned_at), responded_at: instant(lead.responded_at) }
}
