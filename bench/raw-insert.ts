// The ingest bench's baseline: the same touchpoints, already shaped as event rows, inserted with no
// processing at all, as the fastest loader of that table would: INSERT … SELECT FROM unnest(…) ON
// CONFLICT DO NOTHING, batch after batch from `connections` workers, into a table of the events
// table's columns with its primary and idempotency keys but no foreign keys or other indexes.
import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import type { DemoEvent } from '../packages/core/src/demo/generate-demo-data.ts'
import type { Database } from '../packages/server/src/db/tables.ts'
import { inBatches } from './ingest-data.ts'

type Columns = {
  clientIds: string[]
  leadIds: string[]
  types: string[]
  occurredAt: string[]
  sources: string[]
  contentIds: Array<string | null>
  properties: string[]
  leadFields: string[]
  payloadHashes: string[]
}

function toColumns(events: readonly DemoEvent[], leadIdOf: (email: string) => string): Columns {
  const columns: Columns = {
    clientIds: [],
    leadIds: [],
    types: [],
    occurredAt: [],
    sources: [],
    contentIds: [],
    properties: [],
    leadFields: [],
    payloadHashes: [],
  }
  for (const event of events) {
    columns.clientIds.push(event.id)
    columns.leadIds.push(leadIdOf(event.lead.email))
    columns.types.push(event.type)
    columns.occurredAt.push(event.occurredAt)
    columns.sources.push(event.source)
    columns.contentIds.push(event.contentId ?? null)
    columns.properties.push(JSON.stringify(event.properties ?? {}))
    columns.leadFields.push(JSON.stringify(event.lead))
    columns.payloadHashes.push(createHash('sha256').update(JSON.stringify(event)).digest('hex'))
  }
  return columns
}

/** Seconds to insert `events` in batches of `batchSize` over `connections` concurrent workers. */
export async function timeRawInsert(
  db: Kysely<Database>,
  workspaceId: string,
  events: readonly DemoEvent[],
  batchSize: number,
  connections: number,
): Promise<number> {
  await sql`create table bench_raw_events (like events including defaults including identity)`.execute(db)
  await sql`alter table bench_raw_events add primary key (workspace_id, seq),
    add unique (workspace_id, client_id)`.execute(db)
  const leadIds = new Map<string, string>()
  // Lead ids as the projection would have assigned them: one per person, made before the clock starts.
  const leadIdOf = (email: string) => {
    let id = leadIds.get(email)
    if (!id)
      leadIds.set(email, (id = `00000000-0000-4000-8000-${leadIds.size.toString(16).padStart(12, '0')}`))
    return id
  }
  const batches = inBatches(events, batchSize).map((batch) => toColumns(batch, leadIdOf))
  let next = 0
  const worker = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      await sql`
        insert into bench_raw_events (workspace_id, client_id, lead_id, type, occurred_at, source,
          content_id, properties, lead_fields, payload_hash)
        select ${workspaceId}::uuid, * from unnest(${batch.clientIds}::text[], ${batch.leadIds}::uuid[],
          ${batch.types}::text[], ${batch.occurredAt}::timestamptz[], ${batch.sources}::text[],
          ${batch.contentIds}::text[], ${batch.properties}::jsonb[], ${batch.leadFields}::jsonb[],
          ${batch.payloadHashes}::text[])
        on conflict do nothing`.execute(db)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, worker))
  const seconds = (performance.now() - started) / 1000
  const stored = await sql<{ n: number }>`select count(*)::int as n from bench_raw_events`.execute(db)
  if (stored.rows[0]!.n !== events.length) throw new Error(`raw insert stored ${stored.rows[0]!.n} rows`)
  await sql`drop table bench_raw_events`.execute(db)
  return seconds
}
