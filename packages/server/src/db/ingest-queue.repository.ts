// Touchpoints acknowledged with respond-async and not yet applied (migration 0016). Rows are claimed
// with SKIP LOCKED, so two appliers never take the same ones, and deleted by the transaction that
// stores their events.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { IngestEvent } from '../services/ingest-contract.ts'

export type QueuedEvent = { seq: number; event: IngestEvent; hash: string }

export const ingestQueueRepository = {
  /**
   * The payload hash of each of `clientIds` already used, in the log or in the queue: one statement
   * with the ids as one array (a list of thousands of parameters costs more to plan than to run).
   */
  async knownHashes(
    db: Kysely<Database>,
    workspaceId: string,
    clientIds: string[],
  ): Promise<Map<string, string>> {
    if (clientIds.length === 0) return new Map()
    const { rows } = await sql<{ client_id: string; payload_hash: string }>`
      select client_id, payload_hash from events
        where workspace_id = ${workspaceId} and client_id = any(${clientIds}::text[])
      union all
      select client_id, payload_hash from ingest_queue
        where workspace_id = ${workspaceId} and client_id = any(${clientIds}::text[])`.execute(db)
    return new Map(rows.map((row) => [row.client_id, row.payload_hash]))
  },

  /** Queues what is new and returns the client ids actually queued (a concurrent twin loses quietly). */
  async insertMany(
    db: Kysely<Database>,
    workspaceId: string,
    items: ReadonlyArray<{ event: IngestEvent; hash: string }>,
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set()
    // As arrays through unnest: three parameters for the whole batch instead of three per row.
    const { rows } = await sql<{ client_id: string }>`
      insert into ingest_queue (workspace_id, client_id, payload_hash, item)
        select ${workspaceId}::uuid, * from unnest(${items.map(({ event }) => event.id)}::text[],
          ${items.map(({ hash }) => hash)}::text[], ${items.map(({ event }) => JSON.stringify(event))}::jsonb[])
        on conflict do nothing
        returning client_id`.execute(db)
    return new Set(rows.map((row) => row.client_id))
  },

  /** The oldest `limit` queued touchpoints no other transaction holds, locked until this one ends. */
  async claim(db: Kysely<Database>, workspaceId: string, limit: number): Promise<QueuedEvent[]> {
    const rows = await db
      .selectFrom('ingest_queue')
      .select(['seq', 'item', 'payload_hash'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('seq')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
    return rows.map((row) => ({
      seq: Number(row.seq),
      event: row.item as unknown as IngestEvent,
      hash: row.payload_hash,
    }))
  },

  async remove(db: Kysely<Database>, workspaceId: string, seqs: number[]): Promise<void> {
    if (seqs.length === 0) return
    await db
      .deleteFrom('ingest_queue')
      .where('workspace_id', '=', workspaceId)
      .where('seq', 'in', seqs)
      .execute()
  },

  /** How many touchpoints wait, and since when the oldest has. */
  async depth(
    db: Kysely<Database>,
    workspaceId: string,
  ): Promise<{ queued: number; oldestReceivedAt: Date | null }> {
    const row = await db
      .selectFrom('ingest_queue')
      .select([sql<number>`count(*)::int`.as('queued'), sql<Date | null>`min(received_at)`.as('oldest')])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    return { queued: Number(row.queued), oldestReceivedAt: row.oldest === null ? null : new Date(row.oldest) }
  },

  /** Workspaces with touchpoints waiting, across all workspaces (the owner's connection, not a tenant's). */
  async workspacesWithQueued(db: Kysely<Database>): Promise<string[]> {
    const rows = await db.selectFrom('ingest_queue').select('workspace_id').distinct().execute()
    return rows.map((row) => row.workspace_id)
  },
}
