// People's lifecycle decisions (accept, reject, qualify, …): append-only inputs of the lead fold.
import type { Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { Actor, LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import type { Decision } from '#core/lifecycle/replay-lead.ts'

export type StoredDecision = Decision & { leadId: string }

function toRow(workspaceId: string, decision: StoredDecision, dedupeKey: string | null = null) {
  const { kind, ...data } = decision.command
  return {
    workspace_id: workspaceId,
    id: decision.id,
    lead_id: decision.leadId,
    kind,
    decided_at: new Date(decision.at),
    actor_type: decision.actor.type,
    actor_id: decision.actor.type === 'system' ? null : decision.actor.id,
    reason: 'reason' in data && data.reason !== undefined ? data.reason : null,
    note: data.note ?? null,
    data: JSON.stringify(data),
    dedupe_key: dedupeKey,
  }
}

export const decisionRepository = {
  async insert(db: Kysely<Database>, workspaceId: string, leadId: string, decision: Decision): Promise<void> {
    await decisionRepository.insertMany(db, workspaceId, [{ ...decision, leadId }])
  },

  async insertMany(db: Kysely<Database>, workspaceId: string, decisions: StoredDecision[]): Promise<void> {
    // Chunked to stay far below PostgreSQL's bind-parameter limit.
    for (let start = 0; start < decisions.length; start += 1000) {
      await db
        .insertInto('decisions')
        .values(decisions.slice(start, start + 1000).map((decision) => toRow(workspaceId, decision)))
        .execute()
    }
  },

  /**
   * Records a system decision unless one with the same key exists (a second server instance, a retried
   * job run got there first). Returns whether this call recorded it.
   */
  async insertOnce(
    db: Kysely<Database>,
    workspaceId: string,
    decision: StoredDecision,
    dedupeKey: string,
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('decisions')
      .values(toRow(workspaceId, decision, dedupeKey))
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst()
    return inserted !== undefined
  },

  async listForLeads(
    db: Kysely<Database>,
    workspaceId: string,
    leadIds: string[],
  ): Promise<Map<string, StoredDecision[]>> {
    const byLead = new Map<string, StoredDecision[]>()
    if (leadIds.length === 0) return byLead
    const rows = await db
      .selectFrom('decisions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', 'in', leadIds)
      .orderBy('decided_at')
      .orderBy('seq')
      .execute()
    for (const row of rows) {
      const actor: Actor =
        row.actor_type === 'system'
          ? { type: 'system', agreementVersion: 0 }
          : { type: row.actor_type as 'user' | 'api_key', id: row.actor_id ?? '' }
      const command = { ...(row.data as object), kind: row.kind } as LeadCommand
      const decision: StoredDecision = {
        id: row.id,
        seq: Number(row.seq),
        leadId: row.lead_id,
        at: row.decided_at.getTime(),
        actor,
        command,
      }
      const list = byLead.get(row.lead_id)
      if (list) list.push(decision)
      else byLead.set(row.lead_id, [decision])
    }
    return byLead
  },
}
