// Touchpoints acknowledged with respond-async and not yet applied (migration 0016). Rows are claimed
// with SKIP LOCKED, so two appliers never take the same ones, and deleted by the transaction that
// stores their events.
import { sql, type Kysely } from 'kysely'
import type { Database } from './tables.ts'
import type { IngestEvent } from '../services/ingest-contract.ts'

export type QueuedEvent = { seq: number; event: IngestEvent; hash: string }

// Rows per INSERT: keeps bind parameters far below PostgreSQL's 65,535 limit.
const CHUNK = 2000

export const ingestQueueRepository = {
  async hashesByClientId(
    db: Kysely<Database>,
    workspaceId: string,
    clientIds: string[],
  ): Promise<Map<string, string>> {
    if (clientIds.length === 0) return new Map()
    const rows = await db
      .selectFrom('ingest_queue')
      .select(['client_id', 'payload_hash'])
      .where('workspace_id', '=', workspaceId)
      .where('client_id', 'in', clientIds)
      .execute()
    return new Map(rows.map((row) => [row.client_id, row.payload_hash]))
  },

  /** Queues what is new and returns the client ids actually queued (a concurrent twin loses quietly). */
  async insertMany(
    db: Kysely<Database>,
    workspaceId: string,
    items: ReadonlyArray<{ event: IngestEvent; hash: string }>,
  ): Promise<Set<string>> {
    const queued = new Set<string>()
    for (let start = 0; start < items.length; start += CHUNK) {
      const chunk = items.slice(start, start + CHUNK)
      const result = await db
        .insertInto('ingest_queue')
        .values(
          chunk.map(({ event, hash }) => ({
            workspace_id: workspaceId,
            client_id: event.id,
            payload_hash: hash,
            item: JSON.stringify(event),
          })),
        )
        .onConflict((conflict) => conflict.columns(['workspace_id', 'client_id']).doNothing())
        .returning('client_id')
        .execute()
      for (const row of result) queued.add(row.client_id)
    }
    return queued
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
