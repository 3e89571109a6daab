// The audit log: who changed what, when, with before/after for settings and agreements.
// Written in the same transaction as the change, so an entry exists exactly when the change does.
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { Principal } from '../auth/principal.ts'

export type AuditActor = { type: 'user' | 'api_key' | 'system'; id: string | null }

export function actorOf(principal: Principal | undefined): AuditActor {
  if (!principal) return { type: 'system', id: null }
  return principal.kind === 'user'
    ? { type: 'user', id: principal.userId }
    : { type: 'api_key', id: principal.keyId }
}

export async function audit(
  db: Kysely<Database>,
  workspaceId: string,
  actor: AuditActor,
  action: string,
  target: string | null,
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: workspaceId,
      actor_type: actor.type,
      actor_id: actor.id,
      action,
      target,
      before: change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === undefined ? null : JSON.stringify(change.after),
    })
    .execute()
}

export async function listAuditLog(
  db: Kysely<Database>,
  workspaceId: string,
  filters: { action?: string; actorId?: string; target?: string; before?: number; limit: number },
) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(filters.limit + 1)
  if (filters.action) query = query.where('action', 'like', `${filters.action.replace(/[%_\\]/g, '\\$&')}%`)
  if (filters.actorId) query = query.where('actor_id', '=', filters.actorId)
  if (filters.target) query = query.where('target', '=', filters.target)
  if (filters.before !== undefined) query = query.where('id', '<', filters.before)
  const rows = await query.execute()
  const page = rows.slice(0, filters.limit)
  return {
    items: page.map((row) => ({
      id: Number(row.id),
      at: row.at.toISOString(),
      actor: { type: row.actor_type, id: row.actor_id },
      action: row.action,
      target: row.target,
      before: row.before ?? null,
      after: row.after ?? null,
    })),
    nextBefore: rows.length > filters.limit ? Number(page.at(-1)!.id) : null,
  }
}
