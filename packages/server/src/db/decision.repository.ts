// People's lifecycle decisions (accept, reject, qualify, …): append-only inputs of the lead fold. A decision
// its actor took back (undo) is only marked, never deleted, and the fold leaves it out.
import type { Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { Actor, LeadCommand } from '#core/lifecycle/lead-lifecycle.ts'
import type { Decision } from '#core/lifecycle/replay-lead.ts'
import type { RecordedDecision } from '#core/lifecycle/decision-retraction.ts'

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

function actorOf(row: { actor_type: string; actor_id: string | null }): Actor {
  return row.actor_type === 'system'
    ? { type: 'system', agreementVersion: 0 }
    : { type: row.actor_type as 'user' | 'api_key', id: row.actor_id ?? '' }
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
      // A retracted (undone) decision stays for history and audit, but the lead is folded without it.
      .where('retracted_at', 'is', null)
      .orderBy('decided_at')
      .orderBy('seq')
      .execute()
    for (const row of rows) {
      const actor = actorOf(row)
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
  /** One decision of a lead, retracted or not, with the kind it recorded; undefined when there is none. */
  async find(
    db: Kysely<Database>,
    workspaceId: string,
    leadId: string,
    decisionId: string,
  ): Promise<(RecordedDecision & { kind: LeadCommand['kind'] }) | undefined> {
    const row = await db
      .selectFrom('decisions')
      .select(['id', 'kind', 'decided_at', 'actor_type', 'actor_id', 'retracted_at'])
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .where('id', '=', decisionId)
      .executeTakeFirst()
    if (!row) return undefined
    return {
      id: row.id,
      kind: row.kind as LeadCommand['kind'],
      at: row.decided_at.getTime(),
      actor: actorOf(row),
      retractedAt: row.retracted_at?.getTime() ?? null,
    }
  },

  /** The id of the lead's latest decision that still counts, in the order the fold replays them. */
  async latestStandingId(
    db: Kysely<Database>,
    workspaceId: string,
    leadId: string,
  ): Promise<string | undefined> {
    const row = await db
      .selectFrom('decisions')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .where('retracted_at', 'is', null)
      .orderBy('decided_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row?.id
  },

  async retract(
    db: Kysely<Database>,
    workspaceId: string,
    decisionId: string,
    by: string,
    at: Date,
  ): Promise<void> {
    await db
      .updateTable('decisions')
      .set({ retracted_at: at, retracted_by: by })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', decisionId)
      .where('retracted_at', 'is', null)
      .execute()
  },
}
